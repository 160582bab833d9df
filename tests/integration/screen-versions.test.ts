import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/seed';
import { listAuditEntries } from '../../src/features/audit/repo';
import * as bookingRepo from '../../src/features/booking/repo';
import * as booking from '../../src/features/booking/service';
import { addScreen } from '../../src/features/catalog/back-office';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import type { Screen } from '../../src/features/catalog/model';
import { getScreen, getShowtime, listScreenVersions } from '../../src/features/catalog/repo';
import { showtimeDetails } from '../../src/features/catalog/service';
import { moveShowtime } from '../../src/features/screens/repo';
import { editScreen } from '../../src/features/screens/service';
import { keys } from '../../src/platform/db/keys';
import { TtlCache } from '../../src/platform/ttl-cache';
import { fixedClock, freshTable, testApp } from '../support/db';
import { LEGEND, layoutFrom, type Person, person, postEditor, showtimeOn } from '../support/screens';

/*
 * Layout versions against DynamoDB Local: an edit moves the showtimes that have not started to the new
 * version and leaves the others on theirs; it is refused when it would take or change a seat that is held
 * or sold; and a hold racing an edit never leaves a held seat that the showtime's layout does not have.
 */

const NOW = '2026-11-24T09:00:00.000Z';
const clock = fixedClock(NOW);
const COLABA = 'harbour-lights-colaba';
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let manager: Person;

const V1 = `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPPP\n`;
const PAST = '2026-11-20T14:00:00.000Z';
const SOON = '2026-11-26T14:00:00.000Z';
const LATER = '2026-11-27T14:00:00.000Z';

let screens = 0;
/** A new screen of the V1 layout with a past, two upcoming and a cancelled upcoming showtime. */
async function screenWithShowtimes() {
  const shortId = `v${++screens}`;
  const screen = await addScreen(deps, manager.user, {
    theaterId: COLABA,
    shortId,
    name: `Versions ${screens}`,
    ...layoutFrom(V1),
  });
  const show = (suffix: string, at: string) => showtimeOn(screen, `${screen.id}-${suffix}`, at);
  const shows = {
    past: show('past', PAST),
    soon: show('soon', SOON),
    later: show('later', LATER),
    cancelled: { ...show('cancelled', LATER), cancelledAt: NOW },
  };
  await putCatalog(deps, { showtimes: Object.values(shows) });
  return { screen, shows };
}

/** Edits `screen` to the layout of `text`, from the version it is at. */
function edit(screen: Screen, text: string, who = manager, via = deps) {
  return editScreen(via, who.user, {
    theaterId: screen.theaterId,
    screenId: screen.id,
    version: screen.version ?? 1,
    name: screen.name,
    ...layoutFrom(text),
  });
}

const layoutVersion = async (showId: string) => (await getShowtime(db, showId))?.layoutVersion;

/** Every seat a live hold or a sale has in the showtime, and whether the showtime's layout has each. */
async function takenSeatsMissingFromLayout(showId: string): Promise<string[]> {
  const { screen } = await showtimeDetails(deps, showId);
  const ids = new Set(
    screen.layout.rows.flatMap((row) =>
      row.items.flatMap((item) => (item.type === 'seat' ? [`${row.label}${item.number}`] : [])),
    ),
  );
  const states = await bookingRepo.listSeatStates(db, showId);
  const now = clock.now().toISOString();
  return states
    .filter((seat) => seat.state === 'sold' || (seat.expiresAt ?? '') > now)
    .map((seat) => seat.seatId)
    .filter((id) => !ids.has(id));
}

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, clock.now());
  ({ app, deps } = testApp(db, clock));
  manager = await person(deps, 'manager', [COLABA]);
});
afterAll(() => db.drop());

describe('an edit of a layout that showtimes use', () => {
  it('moves the upcoming showtimes to the new version; started and cancelled ones keep theirs', async () => {
    const { screen, shows } = await screenWithShowtimes();
    const V2 = `${V1}C: SSSS\n`;
    const outcome = await edit(screen, V2);
    expect(outcome).toMatchObject({
      changed: true,
      moved: 2,
      kept: [],
      screen: { version: 2, seatCount: 20 },
    });
    expect(await layoutVersion(shows.soon.id)).toBe(2);
    expect(await layoutVersion(shows.later.id)).toBe(2);
    expect(await layoutVersion(shows.past.id)).toBeUndefined();
    expect(await layoutVersion(shows.cancelled.id)).toBeUndefined();
    // What seat maps, holds, checkouts, tickets and the door read: the showtime's own version.
    expect((await showtimeDetails(deps, shows.soon.id)).screen).toMatchObject({
      version: 2,
      ...layoutFrom(V2),
    });
    expect((await showtimeDetails(deps, shows.past.id)).screen).toMatchObject({
      version: 1,
      ...layoutFrom(V1),
    });
    expect(await listScreenVersions(db, COLABA, screen.id)).toMatchObject([{ version: 1, seatCount: 16 }]);
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 20 });
    expect(
      entries.find((e) => e.target.id === screen.id && e.action === 'changed screen layout'),
    ).toMatchObject({
      before: { version: 1 },
      after: { version: 2, upcomingShowtimes: 2 },
    });
  });

  it("reads the showtime's version even from a process whose cache holds the screen from before the edit", async () => {
    const { screen, shows } = await screenWithShowtimes();
    const cached = { ...deps, cache: new TtlCache(60_000) };
    expect((await showtimeDetails(cached, shows.soon.id)).screen.version).toBeUndefined();
    const V2 = `${V1}C: PPPP\n`;
    await edit(screen, V2);
    // Within its catalogue cache time that process still has the showtime as it was, at version 1: a hold
    // it places is refused by the showtime check in the transaction, which makes it forget that copy.
    expect((await showtimeDetails(cached, shows.soon.id)).show.layoutVersion).toBeUndefined();
    const customer = await person(deps, 'customer');
    await expect(booking.holdSeats(cached, customer.user, shows.soon.id, ['B8'])).rejects.toMatchObject({
      code: 'conflict',
      message: 'The seat plan of this showtime has just changed. Please choose your seats again.',
    });
    expect((await showtimeDetails(cached, shows.soon.id)).screen).toMatchObject({
      version: 2,
      ...layoutFrom(V2),
    });
    expect((await showtimeDetails(cached, shows.past.id)).screen).toMatchObject(layoutFrom(V1));
  });

  it('refuses to remove a held seat, naming it and the showtime, and writes nothing', async () => {
    const { screen, shows } = await screenWithShowtimes();
    const customer = await person(deps, 'customer');
    await booking.holdSeats(deps, customer.user, shows.soon.id, ['B8']);
    const refused = edit(screen, `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPP\n`);
    await expect(refused).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /^The new layout removes or changes seats that are sold or held: B8 \(held\) in The Last Ferry, Thursday, 26 November 2026, 7:30 pm\./,
      ),
    });
    expect((await getScreen(db, COLABA, screen.id))?.version).toBeUndefined();
    expect(await layoutVersion(shows.soon.id)).toBeUndefined();
    expect(await layoutVersion(shows.later.id)).toBeUndefined();
    expect(await listScreenVersions(db, COLABA, screen.id)).toEqual([]);
  });

  it('refuses to remove or change a sold seat, on the page too, keeping what was typed', async () => {
    const { screen, shows } = await screenWithShowtimes();
    const customer = await person(deps, 'customer');
    await booking.holdSeats(deps, customer.user, shows.later.id, ['A8']);
    await booking.confirmBooking(deps, customer.user, shows.later.id, crypto.randomUUID());
    const premiumA8 = `${LEGEND}A: WSSS_SSSP\nB: PPPP_PPPP\n`;
    await expect(edit(screen, premiumA8)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('A8 (sold) in The Last Ferry, Friday, 27 November 2026, 7:30 pm'),
    });
    const res = await postEditor(
      app,
      `/admin/screens/${COLABA}/${screen.id}`,
      { name: screen.name, version: '1', layout: `${LEGEND}A: WSSS_SSS\nB: PPPP_PPPP\n`, intent: 'save' },
      manager.cookie,
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('A8 (sold) in The Last Ferry, Friday, 27 November 2026, 7:30 pm');
    expect(html).toContain('A: WSSS_SSS\nB:');
    expect((await getScreen(db, COLABA, screen.id))?.version).toBeUndefined();
    expect(await layoutVersion(shows.later.id)).toBeUndefined();
  });

  it('lets a seat go whose hold has expired, and one sold for a showtime that has started', async () => {
    const { screen, shows } = await screenWithShowtimes();
    const customer = await person(deps, 'customer');
    await booking.holdSeats(deps, customer.user, shows.soon.id, ['B8']);
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: {
          pk: keys.show(shows.past.id),
          sk: keys.seat('B8'),
          entity: 'SeatState',
          v: 1,
          seatId: 'B8',
          state: 'sold',
          userId: customer.user.id,
          bookingId: 'b',
        },
      }),
    );
    clock.set(new Date(Date.parse(NOW) + deps.config.holdMs + 1000));
    try {
      const outcome = await edit(screen, `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPP\n`);
      expect(outcome).toMatchObject({ moved: 2, kept: [] });
      expect(await layoutVersion(shows.soon.id)).toBe(2);
      expect(await layoutVersion(shows.past.id)).toBeUndefined();
      expect(await takenSeatsMissingFromLayout(shows.past.id)).toEqual([]);
    } finally {
      clock.set(NOW);
    }
  });

  it('refuses a seat category the upcoming showtimes have no price for', async () => {
    const { screen, shows } = await screenWithShowtimes();
    await expect(edit(screen, `${V1}R = recliner "Recliner"\nC: RRR\n`)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(
        'Upcoming showtimes have no price for a seat category of the new layout',
      ),
    });
    expect(await layoutVersion(shows.soon.id)).toBeUndefined();
  });

  it('refuses to change more seats at once than one transaction can check', async () => {
    const row = 'S'.repeat(30);
    const rows = (last: string) =>
      `${['A', 'B', 'C', 'D'].map((label) => `${label}: ${row}`).join('\n')}\nE: ${last}\n`;
    const screen = await addScreen(deps, manager.user, {
      theaterId: COLABA,
      shortId: 'big',
      name: 'Big',
      ...layoutFrom(`${LEGEND}${rows(row)}`),
    });
    await putCatalog(deps, { showtimes: [showtimeOn(screen, `${screen.id}-soon`, SOON)] });
    await expect(edit(screen, `${LEGEND}A: ${row}\n`)).rejects.toMatchObject({
      message: expect.stringContaining('This edit removes or changes 120 seats'),
    });
    expect((await getScreen(db, COLABA, screen.id))?.version).toBeUndefined();
    await expect(edit(screen, `${LEGEND}${rows('P'.repeat(30))}`)).resolves.toMatchObject({ moved: 1 });
  });
});

describe('races between an edit and a hold', () => {
  it('a hold committed between the check and the move keeps that showtime on the earlier version', async () => {
    const { screen, shows } = await screenWithShowtimes();
    const customer = await person(deps, 'customer');
    let held = false;
    // The hold lands just before the first move is written: after the edit's check, before its move.
    const racing = {
      ...deps,
      db: {
        ...db,
        doc: {
          send: async (command: unknown) => {
            const first = (command as TransactWriteCommand).input?.TransactItems?.[0]?.Update;
            if (
              command instanceof TransactWriteCommand &&
              first?.UpdateExpression === 'SET layoutVersion = :to' &&
              !held
            ) {
              held = true;
              await booking.holdSeats(deps, customer.user, shows.soon.id, ['B8']);
            }
            return db.doc.send(command as TransactWriteCommand);
          },
        },
      } as unknown as typeof db,
    };
    const outcome = await edit(screen, `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPP\n`, manager, racing);
    expect(held).toBe(true);
    expect(outcome).toMatchObject({ moved: 1, screen: { version: 2 } });
    expect(outcome.kept.map((k) => [k.show.id, k.seats])).toEqual([[shows.soon.id, ['B8']]]);
    expect(await layoutVersion(shows.soon.id)).toBeUndefined();
    expect(await layoutVersion(shows.later.id)).toBe(2);
    expect(await takenSeatsMissingFromLayout(shows.soon.id)).toEqual([]);
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 30 });
    expect(entries.find((e) => e.action === 'kept earlier screen layout for showtimes')).toMatchObject({
      target: { id: screen.id },
      after: { showtimes: [`${shows.soon.id} (B8)`] },
    });
  });

  it('a hold chosen from the earlier layout but written after the move is refused', async () => {
    const { screen, shows } = await screenWithShowtimes();
    await edit(screen, `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPP\n`);
    const hold = {
      holdId: crypto.randomUUID(),
      showId: shows.soon.id,
      userId: 'late-chooser',
      seats: ['B8'],
      createdAt: NOW,
      expiresAt: new Date(Date.parse(NOW) + 60_000).toISOString(),
      layoutVersion: 1,
    };
    await expect(bookingRepo.placeHold(db, hold, undefined, NOW)).rejects.toMatchObject({
      name: 'SeatConflictError',
    });
    expect(await bookingRepo.listSeatStates(db, shows.soon.id)).toEqual([]);
  });

  it('moveShowtime refuses a showtime another edit has moved, and a seat held meanwhile', async () => {
    const { shows } = await screenWithShowtimes();
    const move = { showId: shows.soon.id, from: 1, to: 2, seats: ['A2', 'B8'], now: NOW };
    const customer = await person(deps, 'customer');
    await booking.holdSeats(deps, customer.user, shows.soon.id, ['B8']);
    expect(await moveShowtime(db, move)).toEqual({ seats: ['B8'], versionChanged: false });
    expect(await moveShowtime(db, { ...move, seats: ['A2'] })).toBeUndefined();
    expect(await moveShowtime(db, { ...move, seats: ['A2'] })).toEqual({ seats: [], versionChanged: true });
    expect(await layoutVersion(shows.soon.id)).toBe(2);
  });

  it("concurrent holds and edits never leave a held seat that the showtime's layout lacks", async () => {
    for (let round = 0; round < 6; round++) {
      const { screen, shows } = await screenWithShowtimes();
      const [first, second] = await Promise.all([person(deps, 'customer'), person(deps, 'customer')]);
      if (!first || !second) throw new Error('customers missing');
      const results = await Promise.allSettled([
        booking.holdSeats(deps, first.user, shows.soon.id, ['B7', 'B8']),
        edit(screen, `${LEGEND}A: WSSS_SSSS\nB: PPPP_PP\n`),
        booking.holdSeats(deps, second.user, shows.soon.id, ['B1']),
      ]);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ name: 'AppError' });
      }
      expect(await takenSeatsMissingFromLayout(shows.soon.id), `round ${round}`).toEqual([]);
      expect(await takenSeatsMissingFromLayout(shows.later.id), `round ${round}`).toEqual([]);
    }
  });
});
