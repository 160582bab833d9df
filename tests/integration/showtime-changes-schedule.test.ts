import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShowtimes } from '../../src/demo/seed';
import { listAuditEntries } from '../../src/features/audit/repo';
import { getShowtime, listShowtimesForTheater } from '../../src/features/catalog/repo';
import { listScheduleSlots } from '../../src/features/schedule/repo';
import { type BatchRequest, createBatch } from '../../src/features/schedule/service';
import { cancelShowtime, moveShowtime } from '../../src/features/showtime-changes/move-and-cancel';
import { AppError } from '../../src/platform/errors';
import { fixedClock, type freshTable, type testApp } from '../support/db';
import { batchFields } from '../support/schedule';
import { demoWorld, hookedDb, type Person, postAs, textOf } from '../support/showtime-changes';

/*
 * Moving and cancelling a showtime against the screen's schedule (docs/decisions/018 and 019), on
 * DynamoDB Local with the demo catalogue of the week from Tuesday 24 November 2026: the slot follows the
 * showtime, so its old time is free at once and its new time is guarded like a scheduled one.
 */

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let deps: ReturnType<typeof testApp>['deps'];
let app: ReturnType<typeof testApp>['app'];
let manager: Person;
let admin: Person;

const COLABA = 'harbour-lights-colaba';
const GRAND = `${COLABA}-1`;
// The Last Ferry runs 114 minutes, Orbit of Ashes 149; Colaba cleans for 15. Mumbai is UTC+5:30.
const FERRY = 'the-last-ferry';
const ORBIT = 'orbit-of-ashes';

const batch = (date: string, time: string, movieId = FERRY): BatchRequest => ({
  theaterId: COLABA,
  screenId: GRAND,
  movieId,
  from: date,
  to: date,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  times: [time],
  language: 'English',
  format: '2D',
  priceCardId: `${COLABA}-evening`,
});

/** Schedules one showtime through the schedule form; its outcome and the id of what it made. */
async function scheduleAt(date: string, time: string, movieId = FERRY) {
  const res = await postAs(
    app,
    manager,
    '/admin/showtimes',
    batchFields(batch(date, time, movieId), 'create'),
  );
  expect(res.status).toBe(200);
  const html = await res.text();
  return { text: textOf(html), made: /href="\/admin\/showtimes\/([^"]+)"/.exec(html)?.[1] };
}

const move = (showId: string, date: string, time: string) =>
  postAs(app, manager, `/admin/showtimes/${showId}/move`, [
    ['date', date],
    ['time', time],
  ]);

/** The Grand Hall's slots starting on a UTC day: what the screen's guard reads strongly. */
const slotsOn = (day: string) => listScheduleSlots(db, COLABA, GRAND, `${day}T00:00`, `${day}T23:59`);

/** The Grand Hall's showtimes that are not cancelled, starting on a UTC day. */
async function liveShowsOn(day: string) {
  const shows = await listShowtimesForTheater(db, COLABA, `${day}T00:00`, `${day}T23:59`);
  return shows.filter((show) => show.screenId === GRAND && !show.cancelledAt);
}

beforeAll(async () => {
  ({ db, deps, app, manager, admin } = await demoWorld(now, clock, COLABA));
});
afterAll(() => db.drop());

describe('a moved showtime on its screen’s schedule', () => {
  it('frees its old time at once and guards its new one', async () => {
    const first = await scheduleAt('2026-12-01', '10:00');
    expect(first.text).toContain('1 showtime was created.');
    const id = `${GRAND}-20261201t0430z`;
    expect(first.made).toBe(id);

    const res = await move(id, '2026-12-01', '18:00');
    expect(res.headers.get('Location')).toBe(`/admin/showtimes/${id}?done=moved&n=0`);
    expect((await getShowtime(db, id))?.startsAt).toBe('2026-12-01T12:30:00.000Z');
    expect(await slotsOn('2026-12-01')).toEqual([
      {
        showId: id,
        movieId: FERRY,
        startsAt: '2026-12-01T12:30:00.000Z',
        endsAt: '2026-12-01T14:24:00.000Z',
      },
    ]);

    // The old time takes a new showtime, under an id of its own: the moved one keeps the one it has.
    const again = await scheduleAt('2026-12-01', '10:00');
    expect(again.text).toContain('1 showtime was created.');
    expect(again.made).toBe(`${id}-2`);
    // The new time is taken until 14:24 UTC and its 15 minutes of cleaning: 19:30 in Mumbai is 14:00.
    const late = await createBatch(deps, manager.user, batch('2026-12-01', '19:30', ORBIT));
    expect(late.shows[0]?.outcome).toMatchObject({
      kind: 'refused',
      refusal: { code: 'overlap', other: { showId: id, startsAt: '2026-12-01T12:30:00.000Z' } },
    });
    expect((await liveShowsOn('2026-12-01')).map((show) => show.id).sort()).toEqual([id, `${id}-2`]);
  });

  it('frees its old time when it moved out of sight of that time’s schedule, and names it once', async () => {
    const id = `${GRAND}-20261202t0430z`;
    expect((await scheduleAt('2026-12-02', '10:00')).made).toBe(id);
    expect((await move(id, '2026-12-20', '10:00')).status).toBe(303);
    expect(await slotsOn('2026-12-02')).toEqual([]);
    expect((await slotsOn('2026-12-20')).map((slot) => slot.showId)).toEqual([id]);

    const again = await createBatch(deps, manager.user, batch('2026-12-02', '10:00'));
    expect(again.shows[0]).toMatchObject({ show: { showId: `${id}-2` }, outcome: { kind: 'created' } });
    // Sent again, it finds what it made rather than making a third.
    const twice = await createBatch(deps, manager.user, batch('2026-12-02', '10:00'));
    expect(twice.shows[0]).toMatchObject({ show: { showId: `${id}-2` }, outcome: { kind: 'exists' } });
    expect((await liveShowsOn('2026-12-02')).map((show) => show.id)).toEqual([`${id}-2`]);
  });

  it('moves a showtime imported from a catalogue file, which has no slot, and gives it one', async () => {
    const imported = demoShowtimes(now).find(
      (show) => show.screenId === GRAND && show.startsAt.startsWith('2026-11-25'),
    );
    if (!imported) throw new Error('no demo showtime');
    const day = imported.startsAt.slice(0, 10);
    expect((await slotsOn(day)).map((slot) => slot.showId)).not.toContain(imported.id);

    const res = await move(imported.id, '2026-12-15', '10:00');
    expect(res.headers.get('Location')).toBe(`/admin/showtimes/${imported.id}?done=moved&n=0`);
    expect((await getShowtime(db, imported.id))?.startsAt).toBe('2026-12-15T04:30:00.000Z');
    expect((await slotsOn('2026-12-15')).map((slot) => slot.showId)).toEqual([imported.id]);
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 500 });
    expect(entries.filter((entry) => entry.target.id === imported.id)).toMatchObject([
      { action: 'moved showtime', before: { startsAt: imported.startsAt } },
    ]);
    // Cancelling it then removes the slot it was given.
    expect(await cancelShowtime(deps, manager.user, imported.id)).toEqual({ changed: true, bookings: 0 });
    expect(await slotsOn('2026-12-15')).toEqual([]);
  });
});

describe('a cancelled showtime on its screen’s schedule', () => {
  it('leaves its time free to schedule again at once', async () => {
    const id = `${GRAND}-20261203t0430z`;
    expect((await scheduleAt('2026-12-03', '10:00')).made).toBe(id);
    expect((await slotsOn('2026-12-03')).map((slot) => slot.showId)).toEqual([id]);

    const res = await postAs(app, admin, `/admin/showtimes/${id}/cancel`, [['confirm', 'yes']]);
    expect(res.headers.get('Location')).toBe(`/admin/showtimes/${id}?done=cancelled&n=0`);
    expect(await slotsOn('2026-12-03')).toEqual([]);

    const again = await scheduleAt('2026-12-03', '10:30', ORBIT);
    expect(again.text).toContain('1 showtime was created.');
    expect((await liveShowsOn('2026-12-03')).map((show) => show.movieId)).toEqual([ORBIT]);
  });

  it('cancels a showtime imported from a catalogue file, which has no slot, without failing', async () => {
    const imported = demoShowtimes(now).find(
      (show) => show.screenId === GRAND && show.startsAt.startsWith('2026-11-26'),
    );
    if (!imported) throw new Error('no demo showtime');
    expect(await cancelShowtime(deps, manager.user, imported.id)).toEqual({ changed: true, bookings: 0 });
    expect((await getShowtime(db, imported.id))?.cancelledAt).toBe(now.toISOString());
  });
});

describe('a move racing a schedule of the same screen', () => {
  /** Whether two showtimes of the day on the Grand Hall leave less than the 15-minute cleaning gap. */
  async function overlapping(day: string): Promise<boolean> {
    const runtime: Record<string, number> = { [FERRY]: 114, [ORBIT]: 149 };
    const shows = (await liveShowsOn(day)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return shows.some((show, i) => {
      const next = shows[i + 1];
      const free = Date.parse(show.startsAt) + ((runtime[show.movieId] ?? 600) + 15) * 60_000;
      return next !== undefined && Date.parse(next.startsAt) < free;
    });
  }

  it('refuses the move when the schedule commits between the move’s read and its write', async () => {
    const id = `${GRAND}-20261204t0430z`;
    expect((await scheduleAt('2026-12-04', '10:00')).made).toBe(id);
    const moveWrite = (item: Parameters<Parameters<typeof hookedDb>[1]>[0]) =>
      Boolean(item.Update?.UpdateExpression?.startsWith('SET startsAt = :to'));
    const inBetween = hookedDb(db, moveWrite, async () => {
      const made = await createBatch(deps, admin.user, batch('2026-12-04', '15:30', ORBIT));
      expect(made.shows[0]?.outcome.kind).toBe('created');
    });
    const refused = await moveShowtime({ ...deps, db: inBetween }, manager.user, id, {
      date: '2026-12-04',
      time: '15:00',
    }).catch((error: unknown) => error);
    expect(inBetween.seen()).toBe(1);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'conflict' });
    expect((refused as AppError).message).toMatch(
      /^Screen 1 · Grand Hall has another showtime from 3:30 pm until 6:14 pm \(its film and the 15-minute cleaning gap\), which this time would overlap/,
    );
    expect((await getShowtime(db, id))?.startsAt).toBe('2026-12-04T04:30:00.000Z');
    expect(await overlapping('2026-12-04')).toBe(false);
  });

  it('refuses the schedule when the move commits between the schedule’s read and its write', async () => {
    const id = `${GRAND}-20261205t0430z`;
    expect((await scheduleAt('2026-12-05', '10:00')).made).toBe(id);
    const showtimePut = (item: Parameters<Parameters<typeof hookedDb>[1]>[0]) =>
      item.Put?.Item?.entity === 'Showtime';
    const inBetween = hookedDb(db, showtimePut, async () => {
      await moveShowtime(deps, manager.user, id, { date: '2026-12-05', time: '15:00' });
    });
    const result = await createBatch(
      { ...deps, db: inBetween },
      admin.user,
      batch('2026-12-05', '15:30', ORBIT),
    );
    expect(inBetween.seen()).toBe(1);
    expect(result.shows[0]?.outcome).toMatchObject({ refusal: { code: 'overlap', other: { showId: id } } });
    expect((await liveShowsOn('2026-12-05')).map((show) => show.id)).toEqual([id]);
  });

  it('lets exactly one of a move and an overlapping schedule win when they arrive at once', async () => {
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']) {
      const day = date.replaceAll('-', '');
      const id = `${GRAND}-${day}t0430z`;
      expect((await scheduleAt(date, '10:00')).made).toBe(id);
      const [moved, scheduled] = await Promise.all([
        moveShowtime(deps, manager.user, id, { date, time: '15:00' }).then(
          () => true,
          (error: unknown) => {
            expect(error).toMatchObject({
              code: 'conflict',
              message: expect.stringMatching(/would overlap/),
            });
            return false;
          },
        ),
        createBatch(deps, admin.user, batch(date, '15:30', ORBIT)),
      ]);
      const created = scheduled.shows[0]?.outcome.kind === 'created';
      expect(moved, date).toBe(!created);
      if (!created) expect(scheduled.shows[0]?.outcome).toMatchObject({ refusal: { code: 'overlap' } });
      expect((await getShowtime(db, id))?.startsAt).toBe(
        moved ? `${date}T09:30:00.000Z` : `${date}T04:30:00.000Z`,
      );
      expect(await overlapping(date), date).toBe(false);
      expect((await slotsOn(date)).length, date).toBe(created ? 2 : 1);
    }
  }, 120_000);
});
