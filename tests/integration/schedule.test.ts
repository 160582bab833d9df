import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import { screens as demoScreens, theaters as demoTheaters } from '../../src/demo/catalog';
import { loadDemoData } from '../../src/demo/seed';
import * as accounts from '../../src/features/accounts/repo';
import { auditPut, listAuditEntries } from '../../src/features/audit/repo';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import type { Showtime } from '../../src/features/catalog/model';
import { addPriceCard, editPriceCard } from '../../src/features/catalog/price-cards';
import { ChangedMeanwhileError, listPriceCards, replacePriceCard } from '../../src/features/catalog/repo';
import { readScreenSchedule, writeWithScheduleGuard } from '../../src/features/schedule/guard';
import { type BatchRequest, createBatch, previewBatch } from '../../src/features/schedule/service';
import { fromItem } from '../../src/platform/db/query';
import { AppError } from '../../src/platform/errors';
import { TtlCache } from '../../src/platform/ttl-cache';
import { fixedClock, freshTable, testApp } from '../support/db';
import { batchFields } from '../support/schedule';

/*
 * Scheduling against DynamoDB Local with the demo catalogue loaded for the week from Tuesday 24 November
 * 2026, 14:30 in Mumbai: price cards, previews and their refusals, creates that are written once however
 * often they are sent, and a screen's guard against two managers at once.
 */

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];

const COLABA = 'harbour-lights-colaba';
const GRAND = 'harbour-lights-colaba-1';
const STUDIO = 'harbour-lights-colaba-2';
const ANDHERI = 'sapphire-andheri';
const NEW_YORK = 'hudson-picture-house';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

type Actor = SessionUser & { cookie: string };

async function account(email: string, role: Role, theaterIds?: string[]): Promise<Actor> {
  const id = randomString();
  const now = clock.now().toISOString();
  const user = { id, email, name: email.split('@')[0] ?? 'user', role, theaterIds };
  await accounts.createUser(db, {
    ...user,
    smsOptIn: false,
    passwordHash: 'unused',
    emailVerifiedAt: now,
    createdAt: now,
  });
  const { token } = await createSession(deps, id);
  return { ...user, emailVerifiedAt: now, cookie: `session=${token}` };
}

const get = (path: string, who: Actor) => app.request(path, { headers: { Cookie: who.cookie } });
const post = (path: string, fields: [string, string][], who: Actor) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      Cookie: who.cookie,
    },
    body: new URLSearchParams(fields).toString(),
  });

/** Every item of an entity in the table, filtered: what was really written. */
async function itemsOf(entity: string, keep: (item: Record<string, unknown>) => boolean = () => true) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.table,
        FilterExpression: 'entity = :entity',
        ExpressionAttributeValues: { ':entity': entity },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.filter(keep);
}

const showsOn = (screenId: string, from: string, to: string) =>
  itemsOf(
    'Showtime',
    (item) => item.screenId === screenId && String(item.startsAt) >= from && String(item.startsAt) < to,
  );

const batch = (overrides: Partial<BatchRequest> = {}): BatchRequest => ({
  theaterId: COLABA,
  screenId: GRAND,
  movieId: 'the-last-ferry',
  from: '2026-12-07',
  to: '2026-12-07',
  weekdays: EVERY_DAY,
  times: ['10:00'],
  language: 'English',
  format: '2D',
  priceCardId: `${COLABA}-evening`,
  ...overrides,
});

const outcomes = (result: Awaited<ReturnType<typeof previewBatch>>) =>
  result.shows.map((show) => `${show.date} ${show.time} ${show.outcome.kind}`);

let admin: Actor;
let manager: Actor;
let otherManager: Actor;

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, clock.now());
  ({ app, deps } = testApp(db, clock));
  admin = await account('chief@example.com', 'admin');
  manager = await account('colaba.manager@example.com', 'manager', [COLABA]);
  otherManager = await account('andheri.manager@example.com', 'manager', [ANDHERI]);
  // A theater where the clocks change, and Andheri with a cleaning gap of its own.
  const template = demoScreens.find((screen) => screen.id === STUDIO);
  const andheri = demoTheaters.find((theater) => theater.id === ANDHERI);
  if (!template || !andheri) throw new Error('demo catalogue changed');
  await putCatalog(deps, {
    cities: [
      { id: 'new-york', name: 'New York', timeZone: 'America/New_York', currency: 'USD', locale: 'en-US' },
    ],
    theaters: [
      {
        id: NEW_YORK,
        cityId: 'new-york',
        name: 'Hudson Picture House',
        address: '1 West St',
        timeZone: 'America/New_York',
      },
      { ...andheri, cleaningGapMinutes: 45 },
    ],
    screens: [{ ...template, id: `${NEW_YORK}-1`, theaterId: NEW_YORK }],
  });
  // The demo gives every theater an Evening card; these two are the tests' own.
  const prices = [
    { category: 'standard', amount: 1_500 },
    { category: 'premium', amount: 2_000 },
    { category: 'recliner', amount: 3_000 },
  ];
  await addPriceCard(deps, admin, { theaterId: NEW_YORK, name: 'Evening', prices });
  await addPriceCard(deps, admin, { theaterId: COLABA, name: 'No recliners', prices: prices.slice(0, 2) });
});
afterAll(() => db.drop());

describe('price cards', () => {
  it('adds a card from the form, in major units stored as minor units, with its audit entry', async () => {
    const res = await post(
      '/admin/price-cards',
      [
        ['theater', COLABA],
        ['name', 'Student matinee'],
        ['price-standard', '180'],
        ['price-premium', '240.50'],
        ['price-recliner', ''],
      ],
      manager,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/price-cards?theater=${COLABA}&done=added`);
    const card = (await listPriceCards(db, COLABA)).find((c) => c.name === 'Student matinee');
    expect(card).toEqual({
      id: `${COLABA}-student-matinee`,
      theaterId: COLABA,
      name: 'Student matinee',
      prices: [
        { category: 'standard', amount: 18_000 },
        { category: 'premium', amount: 24_050 },
      ],
    });
    // Entries of one instant (the clock stands still here) sort by their random ids: find this one.
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 10 });
    expect(entries.find((entry) => entry.target.id === `${COLABA}-student-matinee`)).toMatchObject({
      actorEmail: manager.email,
      action: 'created price card',
      target: { kind: 'price card', id: `${COLABA}-student-matinee` },
      after: { name: 'Student matinee', prices: ['standard ₹180', 'premium ₹240.50'] },
    });
    const page = await (await get(`/admin/price-cards?theater=${COLABA}&done=added`, manager)).text();
    expect(page).toContain('The price card is added.');
    expect(page).toContain('Standard ₹180 · Premium ₹240.50');
  });

  it('refuses a bad amount or a name in use beside the field, keeping the input, and writes nothing', async () => {
    const before = (await listPriceCards(db, COLABA)).length;
    const bad = await post(
      '/admin/price-cards',
      [
        ['theater', COLABA],
        ['name', 'Late night'],
        ['price-standard', '12.345'],
      ],
      manager,
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Enter the price in INR, like 250 or 250.50.');
    expect(html).toContain('value="12.345"');
    const empty = await post(
      '/admin/price-cards',
      [
        ['theater', COLABA],
        ['name', 'Nothing priced'],
      ],
      manager,
    );
    expect(await empty.text()).toContain('Enter a price for at least one seat category.');
    const taken = await post(
      '/admin/price-cards',
      [
        ['theater', COLABA],
        ['name', 'STUDENT matinee'],
        ['price-standard', '1'],
      ],
      manager,
    );
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('has a price card with that name already');
    expect((await listPriceCards(db, COLABA)).length).toBe(before);
  });

  it('edits a card with its before and after in the audit log, and refuses an edit of a card changed meanwhile', async () => {
    const res = await post(
      `/admin/price-cards/${COLABA}/${COLABA}-student-matinee`,
      [
        ['name', 'Student matinee'],
        ['price-standard', '190'],
        ['price-premium', '240.50'],
        ['price-recliner', '400'],
      ],
      manager,
    );
    expect(res.status).toBe(303);
    const card = (await listPriceCards(db, COLABA)).find((c) => c.id === `${COLABA}-student-matinee`);
    expect(card?.prices).toEqual([
      { category: 'standard', amount: 19_000 },
      { category: 'premium', amount: 24_050 },
      { category: 'recliner', amount: 40_000 },
    ]);
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 10 });
    expect(entries.find((entry) => entry.action === 'changed price card')).toMatchObject({
      action: 'changed price card',
      before: { prices: ['standard ₹180', 'premium ₹240.50'] },
      after: { prices: ['standard ₹190', 'premium ₹240.50', 'recliner ₹400'] },
    });
    const edit = await (await get(`/admin/price-cards/${COLABA}/${COLABA}-student-matinee`, manager)).text();
    expect(edit).toContain('value="240.50"');

    if (!card) throw new Error('no card');
    const stale = { ...card, prices: card.prices.slice(0, 2) };
    const entry = {
      id: crypto.randomUUID(),
      at: clock.now().toISOString(),
      actorId: 'x',
      actorEmail: 'x',
      action: 'x',
      target: { kind: 'price card' as const, id: card.id, label: 'x' },
    };
    await expect(
      replacePriceCard(db, stale, { ...card, name: 'Renamed' }, auditPut(db, entry)),
    ).rejects.toBeInstanceOf(ChangedMeanwhileError);
    expect((await listPriceCards(db, COLABA)).find((c) => c.id === card.id)?.name).toBe('Student matinee');
  });

  it('keeps a manager of another theater out: 403, nothing written', async () => {
    const before = (await listPriceCards(db, COLABA)).length;
    expect((await get(`/admin/price-cards?theater=${COLABA}`, otherManager)).status).toBe(403);
    expect((await get(`/admin/price-cards/${COLABA}/${COLABA}-evening`, otherManager)).status).toBe(403);
    const add = await post(
      '/admin/price-cards',
      [
        ['theater', COLABA],
        ['name', 'Sneaky'],
        ['price-standard', '1'],
      ],
      otherManager,
    );
    expect(add.status).toBe(403);
    const edit = await post(
      `/admin/price-cards/${COLABA}/${COLABA}-evening`,
      [
        ['name', 'Sneaky'],
        ['price-standard', '1'],
      ],
      otherManager,
    );
    expect(edit.status).toBe(403);
    await expect(
      editPriceCard(deps, otherManager, {
        theaterId: COLABA,
        id: `${COLABA}-evening`,
        name: 'x',
        prices: [],
      }),
    ).rejects.toThrow('That theater is not one of yours.');
    expect((await listPriceCards(db, COLABA)).length).toBe(before);
    expect((await listPriceCards(db, COLABA)).find((c) => c.id === `${COLABA}-evening`)?.name).toBe(
      'Evening',
    );
  });
});

describe('previewing a batch', () => {
  it('lists the week it would create, writes nothing, and offers to create them', async () => {
    const request = batch({ from: '2026-12-14', to: '2026-12-20', times: ['10:00', '19:15'] });
    const res = await post('/admin/showtimes', batchFields(request, 'preview'), manager);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('14 showtimes will be created.');
    expect(html).toContain('Create 14 showtimes');
    // The form keeps its input.
    expect(html).toContain('value="10:00, 19:15"');
    expect(html).toContain('value="2026-12-20"');
    expect(await showsOn(GRAND, '2026-12-14', '2026-12-21')).toHaveLength(0);
  });

  it('refuses what overlaps a stored showtime, and the later of two starts of one batch that overlap', async () => {
    // The demo plays Screen 2 from 10:30 every day; The Last Ferry runs 114 minutes.
    const result = await previewBatch(
      deps,
      manager,
      batch({ screenId: STUDIO, from: '2026-11-26', to: '2026-11-26', times: ['10:45'] }),
    );
    expect(result.shows[0]?.outcome).toMatchObject({
      kind: 'refused',
      refusal: { code: 'overlap', inBatch: false, other: { showId: `${STUDIO}-20261126-1030` } },
    });
    const within = await previewBatch(
      deps,
      manager,
      batch({ from: '2026-12-21', to: '2026-12-21', times: ['10:00', '11:30', '12:10'] }),
    );
    // 10:00 + 114 min is 11:54, and 15 minutes' cleaning: 12:09.
    expect(outcomes(within)).toEqual([
      '2026-12-21 10:00 create',
      '2026-12-21 11:30 refused',
      '2026-12-21 12:10 create',
    ]);
    expect(within.shows[1]?.outcome).toMatchObject({ refusal: { code: 'overlap', inBatch: true } });
    const html = await (
      await post(
        '/admin/showtimes',
        batchFields(
          batch({ screenId: STUDIO, from: '2026-11-26', to: '2026-11-26', times: ['10:45'] }),
          'preview',
        ),
        manager,
      )
    ).text();
    expect(html).toMatch(
      /Overlaps [^<]+, Thu, 26 Nov, 10:30 am to [^<]+, and the 15 minutes&#39; cleaning after it\./,
    );
  });

  it('keeps the cleaning gap after a stored showtime: the default 15 minutes, or a theater’s own', async () => {
    await createBatch(deps, manager, batch({ from: '2026-12-22', to: '2026-12-22', times: ['10:00'] }));
    // Ends 11:54: 12:08 is a minute short of the gap, 12:09 fits.
    const colaba = await previewBatch(
      deps,
      manager,
      batch({ from: '2026-12-22', to: '2026-12-22', times: ['12:08'] }),
    );
    expect(outcomes(colaba)).toEqual(['2026-12-22 12:08 refused']);
    const fits = await previewBatch(
      deps,
      manager,
      batch({ from: '2026-12-22', to: '2026-12-22', times: ['12:09'] }),
    );
    expect(outcomes(fits)).toEqual(['2026-12-22 12:09 create']);

    const andheri = {
      theaterId: ANDHERI,
      screenId: `${ANDHERI}-1`,
      priceCardId: `${ANDHERI}-evening`,
      from: '2026-12-22',
      to: '2026-12-22',
    };
    await createBatch(deps, otherManager, batch({ ...andheri, times: ['10:00'] }));
    const short = await previewBatch(deps, otherManager, batch({ ...andheri, times: ['12:38'] }));
    expect(outcomes(short)).toEqual(['2026-12-22 12:38 refused']);
    const enough = await previewBatch(deps, otherManager, batch({ ...andheri, times: ['12:39'] }));
    expect(outcomes(enough)).toEqual(['2026-12-22 12:39 create']);
  });

  it('refuses times that have passed, times the clocks skip or repeat, and a card without a price the screen needs', async () => {
    const today = await previewBatch(
      deps,
      manager,
      batch({ from: '2026-11-24', to: '2026-11-24', times: ['14:00'] }),
    );
    expect(today.shows[0]?.outcome).toEqual({ kind: 'refused', refusal: { code: 'past' } });

    const newYork = {
      theaterId: NEW_YORK,
      screenId: `${NEW_YORK}-1`,
      priceCardId: `${NEW_YORK}-evening`,
      times: ['01:30', '02:30'],
    };
    const spring = await previewBatch(
      deps,
      admin,
      batch({ ...newYork, from: '2027-03-14', to: '2027-03-14' }),
    );
    expect(outcomes(spring)).toEqual(['2027-03-14 01:30 create', '2027-03-14 02:30 refused']);
    expect(spring.shows[1]?.outcome).toEqual({ kind: 'refused', refusal: { code: 'skipped' } });
    const autumn = await previewBatch(
      deps,
      admin,
      batch({ ...newYork, from: '2027-11-07', to: '2027-11-07' }),
    );
    expect(autumn.shows[0]?.outcome).toEqual({ kind: 'refused', refusal: { code: 'ambiguous' } });
    expect(autumn.shows[1]?.outcome.kind).toBe('create');
    const html = await (
      await post(
        '/admin/showtimes',
        batchFields(batch({ ...newYork, from: '2027-03-14', to: '2027-03-14' }), 'preview'),
        admin,
      )
    ).text();
    expect(html).toContain('There is no 02:30 that day in America/New_York: the clocks go forward past it.');

    const unpriced = await previewBatch(
      deps,
      manager,
      batch({ priceCardId: `${COLABA}-no-recliners`, from: '2026-12-23', to: '2026-12-23' }),
    );
    expect(unpriced.shows[0]?.outcome).toEqual({
      kind: 'refused',
      refusal: { code: 'no-price', categories: ['Recliner'] },
    });
  });

  it('refuses a form that cannot be a batch, beside its fields, and a batch over the cap', async () => {
    const res = await post(
      '/admin/showtimes',
      batchFields(batch({ from: '2026-12-10', to: '2026-12-01', times: ['7pm'], weekdays: [] }), 'preview'),
      manager,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter 24-hour times separated by commas, like 10:30, 14:00, 19:15.');
    expect(html).toContain('Choose at least one weekday.');
    expect(html).toContain('value="7pm"');
    const language = await post(
      '/admin/showtimes',
      batchFields(batch({ language: 'Tamil' }), 'preview'),
      manager,
    );
    expect(language.status).toBe(400);
    expect(await language.text()).toContain('The Last Ferry plays in English. Choose one of those.');
    const big = await post(
      '/admin/showtimes',
      batchFields(
        batch({ from: '2027-01-01', to: '2027-03-31', times: ['09:00', '12:00', '15:00'] }),
        'create',
      ),
      manager,
    );
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('That makes 270 showtimes; schedule at most 200 at once.');
    expect(await showsOn(GRAND, '2027-01-01', '2027-04-01')).toHaveLength(0);
  });

  it('keeps a manager of another theater out of its schedule: 403, nothing written', async () => {
    expect((await get(`/admin/showtimes?theater=${COLABA}`, otherManager)).status).toBe(403);
    const res = await post(
      '/admin/showtimes',
      batchFields(batch({ from: '2026-12-24', to: '2026-12-24' }), 'create'),
      otherManager,
    );
    expect(res.status).toBe(403);
    await expect(
      createBatch(deps, otherManager, batch({ from: '2026-12-24', to: '2026-12-24' })),
    ).rejects.toSatisfy((error) => AppError.match(error, 'forbidden'));
    expect(await showsOn(GRAND, '2026-12-24', '2026-12-25')).toHaveLength(0);
    const staff = await account('door@example.com', 'staff', [COLABA]);
    expect((await get('/admin/showtimes', staff)).status).toBe(403);
  });
});

describe('creating a batch', () => {
  it('creates a week of showtimes, each with its audit entry, the card’s prices and the screen’s layout version', async () => {
    const request = batch({
      screenId: STUDIO,
      from: '2026-12-07',
      to: '2026-12-13',
      times: ['10:30', '14:00', '19:15'],
    });
    const auditBefore = (await itemsOf('AuditEntry')).length;
    const res = await post('/admin/showtimes', batchFields(request, 'create'), manager);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('21 showtimes were created.');
    expect(html).toContain(`href="/admin/showtimes/${STUDIO}-20261207t0500z"`);

    const shows = await showsOn(STUDIO, '2026-12-07', '2026-12-14');
    expect(shows).toHaveLength(21);
    expect(shows.find((show) => show.id === `${STUDIO}-20261207t1345z`)).toMatchObject({
      movieId: 'the-last-ferry',
      theaterId: COLABA,
      cityId: 'mumbai',
      startsAt: '2026-12-07T13:45:00.000Z',
      language: 'English',
      format: '2D',
      currency: 'INR',
      prices: [
        { category: 'standard', amount: 25_000 },
        { category: 'premium', amount: 32_000 },
        { category: 'recliner', amount: 55_000 },
      ],
      layoutVersion: 1,
      priceCardId: `${COLABA}-evening`,
    });
    const entries = await itemsOf('AuditEntry', (item) => item.action === 'scheduled showtime');
    expect(
      entries.filter((entry) => String((entry.target as { id: string }).id).startsWith(`${STUDIO}-202612`)),
    ).toHaveLength(21);
    expect((await itemsOf('AuditEntry')).length).toBe(auditBefore + 21);
    const revision = await readScreenSchedule(
      deps,
      { theaterId: COLABA, screenId: STUDIO },
      { from: '2026-12-07T00:00:00.000Z', to: '2026-12-08T00:00:00.000Z' },
    );
    expect(revision.revision).toBe(21);

    // The schedule page lists them, each linking to its own page.
    const page = await (await get(`/admin/showtimes?theater=${COLABA}&from=2026-12-07`, manager)).text();
    expect(page).toContain(`href="/admin/showtimes/${STUDIO}-20261213t1345z"`);
  });

  it('marks the showtimes with the subtitles, captions and audio description the manager chose', async () => {
    const form = await (await get(`/admin/showtimes?theater=${COLABA}`, manager)).text();
    expect(form).toContain('<legend class="label">Subtitles, captions and audio description</legend>');
    expect(form).toContain('<option value="">No subtitles</option>');

    const request = batch({
      screenId: STUDIO,
      from: '2026-12-20',
      to: '2026-12-20',
      times: ['10:30'],
      access: { subtitles: 'Hindi', captions: true, audioDescription: true },
    });
    const created = await post('/admin/showtimes', batchFields(request, 'create'), manager);
    expect(created.status).toBe(200);
    const [show] = await showsOn(STUDIO, '2026-12-20', '2026-12-21');
    expect(show?.access).toEqual({ subtitles: 'Hindi', captions: true, audioDescription: true });

    const plain = batch({ screenId: STUDIO, from: '2026-12-21', to: '2026-12-21', times: ['10:30'] });
    await post('/admin/showtimes', batchFields(plain, 'create'), manager);
    const [unmarked] = await showsOn(STUDIO, '2026-12-21', '2026-12-22');
    expect(unmarked).toBeDefined();
    expect(unmarked?.access).toBeUndefined();

    const unknown = batch({
      screenId: STUDIO,
      from: '2026-12-22',
      to: '2026-12-22',
      access: { subtitles: 'Klingon' },
    });
    const refused = await post('/admin/showtimes', batchFields(unknown, 'create'), manager);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choose a subtitle language from the list.');
    expect(await showsOn(STUDIO, '2026-12-22', '2026-12-23')).toEqual([]);
  });

  it('creates nothing twice when the same batch is sent again: it reports them scheduled already', async () => {
    const request = batch({
      screenId: STUDIO,
      from: '2026-12-07',
      to: '2026-12-13',
      times: ['10:30', '14:00', '19:15'],
    });
    const again = await createBatch(deps, manager, request);
    expect(again.shows.every((show) => show.outcome.kind === 'exists')).toBe(true);
    expect(await showsOn(STUDIO, '2026-12-07', '2026-12-14')).toHaveLength(21);
    const html = await (await post('/admin/showtimes', batchFields(request, 'create'), manager)).text();
    expect(html).toContain('0 showtimes were created; 21 are scheduled already.');
  });

  it('writes each showtime once when 20 identical batches arrive at once', async () => {
    const request = batch({ from: '2027-01-04', to: '2027-01-10', times: ['10:00', '15:00'] });
    const results = await Promise.all(Array.from({ length: 20 }, () => createBatch(deps, manager, request)));
    const created = results.flatMap((result) =>
      result.shows.filter((show) => show.outcome.kind === 'created'),
    );
    expect(created).toHaveLength(14);
    expect(new Set(created.map((show) => show.show?.showId)).size).toBe(14);
    for (const result of results)
      expect(result.shows.every((show) => ['created', 'exists'].includes(show.outcome.kind))).toBe(true);
    expect(await showsOn(GRAND, '2027-01-04', '2027-01-11')).toHaveLength(14);
    const slots = await itemsOf('ScheduleSlot', (item) => String(item.startsAt).startsWith('2027-01'));
    expect(slots).toHaveLength(14);
    const audits = await itemsOf('AuditEntry', (item) =>
      String((item.target as { id: string }).id).includes('-202701'),
    );
    expect(audits).toHaveLength(14);
  }, 180_000);

  it('lets only one of two overlapping batches on one screen win when they arrive at once', async () => {
    for (const date of ['2027-02-01', '2027-02-02', '2027-02-03']) {
      const [ferry, orbit] = await Promise.all([
        createBatch(deps, manager, batch({ from: date, to: date, times: ['19:00'] })),
        createBatch(
          deps,
          admin,
          batch({ from: date, to: date, times: ['19:30'], movieId: 'orbit-of-ashes' }),
        ),
      ]);
      const kinds = [ferry.shows[0]?.outcome.kind, orbit.shows[0]?.outcome.kind].sort();
      expect(kinds).toEqual(['created', 'refused']);
      const loser = [ferry, orbit].find((result) => result.shows[0]?.outcome.kind === 'refused');
      expect(loser?.shows[0]?.outcome).toMatchObject({ refusal: { code: 'overlap', inBatch: false } });
      expect(await showsOn(GRAND, `${date}T00:00`, `${date}T23:59`)).toHaveLength(1);
    }
  }, 120_000);

  it('clears this process’s catalogue cache after it writes', async () => {
    const cache = new TtlCache(60_000);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('movies', load);
    await createBatch({ ...deps, cache }, manager, batch({ from: '2027-02-08', to: '2027-02-08' }));
    await cache.get('movies', load);
    expect(loads).toBe(2);
  });
});

describe('the screen guard, for every change of a screen’s showtimes', () => {
  const screen = { theaterId: COLABA, screenId: GRAND };
  const window = { from: '2027-03-01T00:00:00.000Z', to: '2027-03-02T00:00:00.000Z' };

  it('refuses a write read at a revision another change has moved on', async () => {
    const read = await readScreenSchedule(deps, screen, window);
    await createBatch(deps, manager, batch({ from: '2027-03-01', to: '2027-03-01', times: ['10:00'] }));
    const slot = {
      showId: 'held-by-hand',
      movieId: 'the-last-ferry',
      startsAt: '2027-03-01T10:00:00.000Z',
      endsAt: '2027-03-01T12:00:00.000Z',
    };
    expect(await writeWithScheduleGuard(deps, read, { add: slot }, [])).toEqual({ outcome: 'stale' });
    const fresh = await readScreenSchedule(deps, screen, window);
    expect(fresh.revision).toBe(read.revision + 1);
    expect(fresh.busy.map((busy) => busy.showId)).toContain(`${GRAND}-20270301t0430z`);
  });

  it('counts a slot written through the guard even before the theater’s index shows a showtime there', async () => {
    const read = await readScreenSchedule(deps, screen, window);
    const slot = {
      showId: 'moved-here',
      movieId: 'the-last-ferry',
      startsAt: '2027-03-01T12:00:00.000Z',
      endsAt: '2027-03-01T14:00:00.000Z',
    };
    expect(await writeWithScheduleGuard(deps, read, { add: slot }, [])).toEqual({ outcome: 'written' });
    // 17:30 in Mumbai is 12:00 UTC: taken by the slot alone, with no showtime item behind it.
    const preview = await previewBatch(
      deps,
      manager,
      batch({ from: '2027-03-01', to: '2027-03-01', times: ['17:30'] }),
    );
    expect(preview.shows[0]?.outcome).toMatchObject({
      refusal: { code: 'overlap', other: { showId: 'moved-here' } },
    });
    const after = await readScreenSchedule(deps, screen, window);
    expect(await writeWithScheduleGuard(deps, after, { remove: slot }, [])).toEqual({ outcome: 'written' });
    const freed = await previewBatch(
      deps,
      manager,
      batch({ from: '2027-03-01', to: '2027-03-01', times: ['17:30'] }),
    );
    expect(freed.shows[0]?.outcome.kind).toBe('create');
  });

  it('leaves cancelled showtimes out of the schedule', async () => {
    const [show] = await showsOn(GRAND, '2027-03-01', '2027-03-02');
    if (!show) throw new Error('no showtime to cancel');
    await putCatalog(deps, {
      showtimes: [{ ...fromItem<Showtime>(show), cancelledAt: clock.now().toISOString() }],
    });
    const read = await readScreenSchedule(deps, screen, window);
    expect(read.busy.map((busy) => busy.showId)).not.toContain(show.id);
    expect(read.cancelled).toContain(show.id);
    // Its place can be scheduled again, under an id of its own.
    const again = await createBatch(
      deps,
      manager,
      batch({ from: '2027-03-01', to: '2027-03-01', times: ['10:00'] }),
    );
    expect(again.shows[0]?.outcome.kind).toBe('created');
    expect(again.shows[0]?.show?.showId).toBe(`${show.id}-2`);
  });
});
