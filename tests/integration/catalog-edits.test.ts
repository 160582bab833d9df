import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/seed';
import { auditPut, listAuditEntries } from '../../src/features/audit/repo';
import { auditEntry } from '../../src/features/audit/service';
import * as catalogRepo from '../../src/features/catalog/repo';
import { fixedClock, freshTable, testApp } from '../support/db';
import { getAs, type Operator, operator, postAs } from '../support/operators';

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let admin: Operator;
let manager: Operator;

const COLABA = 'harbour-lights-colaba';
const form = (fields: Record<string, string>) => Object.entries(fields) as [string, string][];
const theaterFields = {
  name: 'Harbour Lights Cinema, Colaba',
  address: '12 Shahid Bhagat Singh Road, Colaba, Mumbai',
  timeZone: 'Asia/Kolkata',
  cleaningGapMinutes: '25',
};

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, clock.now());
  ({ app, deps } = testApp(db, clock));
  admin = await operator(deps, 'chief@example.com', 'admin');
  manager = await operator(deps, 'colaba.manager@example.com', 'manager', [COLABA]);
});
afterAll(() => db.drop());

describe('editing a theater', () => {
  it('shows the stored values, saves name, address and cleaning gap, audited before → after, shown at once', async () => {
    const page = await (await getAs(app, `/admin/theaters/${COLABA}`, admin)).text();
    expect(page).toContain('value="Harbour Lights Cinema, Colaba"');
    expect(page).toContain('15 when empty.');
    const res = await postAs(
      app,
      `/admin/theaters/${COLABA}`,
      form({ ...theaterFields, name: 'Harbour Lights, Colaba' }),
      admin,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/theaters/${COLABA}?done=saved`);
    const saved = await catalogRepo.getTheater(db, COLABA);
    expect(saved).toMatchObject({ name: 'Harbour Lights, Colaba', cleaningGapMinutes: 25, cityId: 'mumbai' });
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 5 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'edited theater',
      actorEmail: admin.email,
      before: { name: 'Harbour Lights Cinema, Colaba' },
      after: { name: 'Harbour Lights, Colaba', cleaningGapMinutes: 25 },
    });
    expect(entries[0]?.before).not.toHaveProperty('cleaningGapMinutes');
    expect(await (await app.request(`/theaters/${COLABA}`)).text()).toContain('Harbour Lights, Colaba');
    // An empty gap goes back to the default.
    await postAs(app, `/admin/theaters/${COLABA}`, form({ ...theaterFields, cleaningGapMinutes: '' }), admin);
    expect(await catalogRepo.getTheater(db, COLABA)).not.toHaveProperty('cleaningGapMinutes');
  });

  it('refuses bad input beside each field, keeping it, and writes nothing', async () => {
    const before = await catalogRepo.getTheater(db, COLABA);
    const res = await postAs(
      app,
      `/admin/theaters/${COLABA}`,
      form({ name: '', address: 'x', timeZone: 'Mars/Olympus', cleaningGapMinutes: '-5' }),
      admin,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter the theater&#39;s name.');
    expect(html).toContain('Choose the theater&#39;s time zone from the list.');
    expect(html).toContain('Enter whole minutes, like 15, or leave it empty for 15.');
    expect(html).toContain('value="-5"');
    const tooLong = await postAs(
      app,
      `/admin/theaters/${COLABA}`,
      form({ ...theaterFields, cleaningGapMinutes: '600' }),
      admin,
    );
    expect(await tooLong.text()).toContain('Keep the cleaning gap to 240 minutes or fewer.');
    expect(await catalogRepo.getTheater(db, COLABA)).toEqual(before);
  });

  it('refuses an edit made from a stale read: the second of two admins gets a conflict, the first stays', async () => {
    const stale = await catalogRepo.getTheater(db, COLABA);
    if (!stale) throw new Error('no theater');
    await postAs(
      app,
      `/admin/theaters/${COLABA}`,
      form({ ...theaterFields, address: 'First admin was here' }),
      admin,
    );
    // The second admin's save, prepared from the read before the first save.
    const entry = auditEntry(deps, { id: admin.id, email: admin.email, role: 'admin' } as never, {
      action: 'edited theater',
      target: { kind: 'theater', id: COLABA, label: 'Second' },
    });
    await expect(
      catalogRepo.replaceCatalogItem(
        db,
        catalogRepo.theaterItem({ ...stale, address: 'Second admin was here' }),
        stale,
        auditPut(db, entry),
      ),
    ).rejects.toBeInstanceOf(catalogRepo.ChangedMeanwhileError);
    expect((await catalogRepo.getTheater(db, COLABA))?.address).toBe('First admin was here');
    expect(
      (await listAuditEntries(db, { theaterId: COLABA, limit: 50 })).entries.map((e) => e.id),
    ).not.toContain(entry.id);
  });

  it('is for admins: a manager, even of that theater, gets 403; an unknown theater 404', async () => {
    expect((await getAs(app, `/admin/theaters/${COLABA}`, manager)).status).toBe(403);
    expect((await postAs(app, `/admin/theaters/${COLABA}`, form(theaterFields), manager)).status).toBe(403);
    expect((await getAs(app, '/admin/theaters/no-such-theater', admin)).status).toBe(404);
  });
});

describe('the demo data at the next local start', () => {
  it('creates what is missing and leaves what the back office changed', async () => {
    await postAs(
      app,
      `/admin/theaters/${COLABA}`,
      form({ ...theaterFields, name: 'Renamed by an admin' }),
      admin,
    );
    await loadDemoData(db, clock.now());
    expect((await catalogRepo.getTheater(db, COLABA))?.name).toBe('Renamed by an admin');
  });
});

describe('editing a city', () => {
  const cityFields = {
    name: 'Mumbai',
    timeZone: 'Asia/Kolkata',
    locale: 'en-IN',
    fee: '35.50',
    taxRate: '18',
    taxName: 'GST',
  };

  it('starts from the stored fee in major units, saves a new fee in minor units, audited; the currency stays', async () => {
    const page = await (await getAs(app, '/admin/cities/mumbai', admin)).text();
    expect(page).toContain('Currency: INR');
    expect(page).toMatch(/name="fee"[^>]*value="\d+\.\d\d"|value="\d+\.\d\d"[^>]*name="fee"/);
    const res = await postAs(app, '/admin/cities/mumbai', form({ ...cityFields, currency: 'USD' }), admin);
    expect(res.status).toBe(303);
    const city = await catalogRepo.getCity(db, 'mumbai', true);
    expect(city).toMatchObject({
      currency: 'INR',
      fees: { perTicket: 3550, taxBasisPoints: 1800, taxName: 'GST' },
    });
    // The clock stands still in these tests: entries of one instant are found by what they did.
    const { entries } = await listAuditEntries(db, { limit: 50 });
    expect(entries.find((entry) => entry.action === 'edited city')).toMatchObject({
      actorEmail: admin.email,
      after: { fees: { perTicket: 3550 } },
    });
  });

  it('refuses bad input beside the field and writes nothing; managers get 403', async () => {
    const before = await catalogRepo.getCity(db, 'mumbai', true);
    const res = await postAs(app, '/admin/cities/mumbai', form({ ...cityFields, fee: 'lots' }), admin);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter the fee per ticket in INR, like 30 or 30.50.');
    expect(await catalogRepo.getCity(db, 'mumbai', true)).toEqual(before);
    expect((await postAs(app, '/admin/cities/mumbai', form(cityFields), manager)).status).toBe(403);
  });
});

describe('the way into the back office', () => {
  it("leads an admin through opening a cinema with the chain's counts, a manager with their theaters'", async () => {
    const adminPage = await (await getAs(app, '/admin', admin)).text();
    expect(adminPage).toContain('Opening a cinema');
    expect(adminPage).toContain('href="/admin/theaters">Add a city and a theater</a>');
    const colaba = await catalogRepo.getTheaterWithScreens(db, COLABA);
    const screens = colaba?.screens.length ?? 0;
    const managerPage = await (await getAs(app, '/admin', manager)).text();
    expect(managerPage).not.toContain('Add a city and a theater');
    expect(managerPage).toContain(`${screens} ${screens === 1 ? 'screen' : 'screens'} so far.`);
    expect(managerPage).toContain(
      'href="/admin/showtimes">Make a price card and schedule a week of showtimes</a>',
    );
    const staff = await operator(deps, 'door@example.com', 'staff', [COLABA]);
    expect(await (await getAs(app, '/admin', staff)).text()).not.toContain('Opening a cinema');
  });
});
