import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/model';
import { loadDemoData } from '../../src/demo/seed';
import * as repo from '../../src/features/accounts/repo';
import { listAuditEntries } from '../../src/features/audit/repo';
import { signedInAccount } from '../support/accounts';
import { fixedClock, freshTable, testApp } from '../support/db';

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];

const COLABA = 'harbour-lights-colaba';
const ANDHERI = 'sapphire-andheri';

const account = (email: string, role: Role, theaterIds?: string[]) =>
  signedInAccount(deps, email, role, theaterIds);

const get = (path: string, cookie: string) => app.request(path, { headers: { Cookie: cookie } });
const post = (path: string, fields: [string, string][], cookie: string) =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost',
      Cookie: cookie,
    },
    body: new URLSearchParams(fields).toString(),
  });

let admin: Awaited<ReturnType<typeof account>>;

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, clock.now());
  ({ app, deps } = testApp(db, clock));
  admin = await account('chief@example.com', 'admin');
});
afterAll(() => db.drop());

describe('assigning theaters to managers and staff', () => {
  it('makes a manager of one theater, recording who changed what in the audit log, in one transaction', async () => {
    const future = await account('future.manager@example.com', 'customer');
    const res = await post(
      '/admin/roles',
      [
        ['email', future.email],
        ['role', 'manager'],
        ['theaters', COLABA],
      ],
      admin.cookie,
    );
    expect(res.status).toBe(303);
    const user = await repo.findUserByEmail(db, future.email);
    expect({ role: user?.role, theaterIds: user?.theaterIds }).toEqual({
      role: 'manager',
      theaterIds: [COLABA],
    });

    const { entries } = await listAuditEntries(db, { limit: 10 });
    expect(entries[0]).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'changed access',
      target: { kind: 'user', id: future.id, label: future.email },
      before: { role: 'customer', theaterIds: [] },
      after: { role: 'manager', theaterIds: [COLABA] },
      at: '2026-11-24T09:00:00.000Z',
    });
    const log = await get('/admin/audit', admin.cookie);
    expect(log.status).toBe(200);
    expect(log.headers.get('Cache-Control')).toContain('no-store');
    const html = await log.text();
    expect(html).toContain(`changed access: ${future.email}`);
    expect(html).toContain('<td class="py-2 pr-4">role: customer; theaterIds: none</td>');
    expect(html).toContain(`<td class="py-2">role: manager; theaterIds: ${COLABA}</td>`);
  });

  it('lets a manager read their own theater log only, and nothing admin-only', async () => {
    const manager = await account('colaba.manager@example.com', 'manager', [COLABA]);
    const own = await get('/admin/audit', manager.cookie);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('Audit log: Harbour Lights Cinema, Colaba');
    expect((await get(`/admin/audit?theater=${ANDHERI}`, manager.cookie)).status).toBe(403);
    expect((await get('/admin', manager.cookie)).status).toBe(200);
    const roles = await post(
      '/admin/roles',
      [
        ['email', manager.email],
        ['role', 'admin'],
      ],
      manager.cookie,
    );
    expect(roles.status).toBe(403);
    expect((await repo.findUserByEmail(db, manager.email))?.role).toBe('manager');

    const customer = await account('just.a.customer@example.com', 'customer');
    expect((await get('/admin/audit', customer.cookie)).status).toBe(403);
    const unassigned = await account('new.manager@example.com', 'manager');
    expect((await get('/admin/audit', unassigned.cookie)).status).toBe(403);
  });

  it('refuses an unknown theater beside the field, keeping the choices, and writes nothing', async () => {
    const staff = await account('door.person@example.com', 'staff', [ANDHERI]);
    const before = (await listAuditEntries(db, { limit: 100 })).entries.length;
    const res = await post(
      '/admin/roles',
      [
        ['email', staff.email],
        ['role', 'staff'],
        ['theaters', ANDHERI],
        ['theaters', 'no-such-theater'],
      ],
      admin.cookie,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is no theater no-such-theater. Choose from the list.');
    expect(html).toContain(`value="${ANDHERI}" checked=""`);
    expect((await repo.findUserByEmail(db, staff.email))?.theaterIds).toEqual([ANDHERI]);
    expect((await listAuditEntries(db, { limit: 100 })).entries.length).toBe(before);
  });

  it('clears the theaters of someone made a customer or an admin, and records no change when nothing changed', async () => {
    const staff = await account('leaving@example.com', 'staff', [COLABA, ANDHERI]);
    await post(
      '/admin/roles',
      [
        ['email', staff.email],
        ['role', 'customer'],
        ['theaters', COLABA],
      ],
      admin.cookie,
    );
    const user = await repo.findUserByEmail(db, staff.email);
    expect({ role: user?.role, theaterIds: user?.theaterIds }).toEqual({
      role: 'customer',
      theaterIds: undefined,
    });
    const count = (await listAuditEntries(db, { limit: 100 })).entries.length;
    await post(
      '/admin/roles',
      [
        ['email', staff.email],
        ['role', 'customer'],
      ],
      admin.cookie,
    );
    expect((await listAuditEntries(db, { limit: 100 })).entries.length).toBe(count);
  });

  it('refuses a forged audit page cursor with a 400', async () => {
    const res = await get('/admin/audit?before=not-a-cursor', admin.cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('That page of the audit log does not exist.');
  });
});

describe('adding a theater', () => {
  const form = (fields: Record<string, string>) => Object.entries(fields) as [string, string][];

  it("adds a theater to a city, records it in that theater's audit log, and shows it at once", async () => {
    const res = await post(
      '/admin/theaters',
      form({
        name: 'Grand Cinema, Worli',
        cityId: 'mumbai',
        address: '1 Sea Face, Worli',
        timeZone: 'Asia/Kolkata',
      }),
      admin.cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/theaters?done=theater');
    const page = await (await get('/admin/theaters?done=theater', admin.cookie)).text();
    expect(page).toContain('The theater is added.');
    expect(page).toContain(
      '<a class="link font-semibold" href="/theaters/grand-cinema-worli">Grand Cinema, Worli</a>',
    );
    const { entries } = await listAuditEntries(db, { theaterId: 'grand-cinema-worli', limit: 5 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'created theater',
      actorEmail: admin.email,
      target: { kind: 'theater', id: 'grand-cinema-worli', label: 'Grand Cinema, Worli' },
      after: { cityId: 'mumbai', address: '1 Sea Face, Worli', timeZone: 'Asia/Kolkata' },
    });
    // Moviegoers' pages read the new theater (this process's catalogue cache was cleared).
    expect((await app.request('/theaters/grand-cinema-worli')).status).toBe(200);
  });

  it('refuses bad input beside each field, keeping it, and writes nothing', async () => {
    const res = await post(
      '/admin/theaters',
      form({ name: '', id: 'Not A Slug', cityId: '', address: 'Somewhere', timeZone: 'Mars/Olympus' }),
      admin.cookie,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter the theater&#39;s name.');
    expect(html).toContain('Choose a city from the list.');
    expect(html).toContain('Choose the theater&#39;s time zone from the list.');
    expect(html).toContain('value="Somewhere"');

    const unknownCity = await post(
      '/admin/theaters',
      form({ name: 'Lost', cityId: 'atlantis', address: 'Under the sea', timeZone: 'Asia/Kolkata' }),
      admin.cookie,
    );
    expect(unknownCity.status).toBe(400);
    expect(await unknownCity.text()).toContain('Choose a city from the list.');
    expect((await listAuditEntries(db, { theaterId: 'lost', limit: 5 })).entries).toEqual([]);
  });

  it('refuses a short name already in use with 409, leaving the theater as it was', async () => {
    const res = await post(
      '/admin/theaters',
      form({
        name: 'Impostor',
        id: COLABA,
        cityId: 'mumbai',
        address: 'Elsewhere',
        timeZone: 'Asia/Kolkata',
      }),
      admin.cookie,
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(`A theater with the short name &quot;${COLABA}&quot; exists already.`);
    expect(await (await app.request(`/theaters/${COLABA}`)).text()).toContain(
      'Harbour Lights Cinema, Colaba',
    );
  });

  it('is for admins only', async () => {
    const manager = await account('worli.manager@example.com', 'manager', [COLABA]);
    expect((await get('/admin/theaters', manager.cookie)).status).toBe(403);
    const res = await post(
      '/admin/theaters',
      form({ name: 'Mine', cityId: 'mumbai', address: 'Here', timeZone: 'Asia/Kolkata' }),
      manager.cookie,
    );
    expect(res.status).toBe(403);
  });
});

describe('adding a city', () => {
  const form = (fields: Record<string, string>) => Object.entries(fields) as [string, string][];

  it('adds a city with its fee in minor units and its tax in basis points, recorded in the audit log', async () => {
    const res = await post(
      '/admin/cities',
      form({
        name: 'Abu Dhabi',
        timeZone: 'Asia/Dubai',
        currency: 'AED',
        locale: 'en-ae',
        fee: '3.50',
        taxRate: '5',
        taxName: 'VAT',
      }),
      admin.cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/theaters?done=city');
    const page = await (await get('/admin/theaters?done=city', admin.cookie)).text();
    expect(page).toContain('The city is added.');
    expect(page).toContain('<h2 id="in-city-abu-dhabi" class="text-xl font-bold">Abu Dhabi</h2>');
    // Every entry here has the test clock's time, so the newest is found by what it is about.
    const { entries } = await listAuditEntries(db, { limit: 100 });
    expect(entries.find((entry) => entry.target.id === 'abu-dhabi')).toMatchObject({
      action: 'created city',
      target: { kind: 'city', id: 'abu-dhabi', label: 'Abu Dhabi' },
      after: {
        id: 'abu-dhabi',
        currency: 'AED',
        locale: 'en-AE',
        timeZone: 'Asia/Dubai',
        fees: { perTicket: 350, taxBasisPoints: 500, taxName: 'VAT' },
      },
    });
  });

  it('refuses bad input beside each field and writes nothing; an id in use gets 409', async () => {
    const before = (await listAuditEntries(db, { limit: 100 })).entries.length;
    const res = await post(
      '/admin/cities',
      form({
        name: 'Pune',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
        locale: 'en-IN',
        fee: '30.555',
        taxRate: '180',
      }),
      admin.cookie,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter the fee per ticket in INR, like 30 or 30.50.');
    expect(html).toContain('Enter the tax on the fee in per cent, like 18 or 5.');
    expect(html).toContain('value="30.555"');
    const unknown = await post(
      '/admin/cities',
      form({ name: 'Nowhere', timeZone: 'Asia/Kolkata', currency: 'XYZ', locale: 'not a locale!' }),
      admin.cookie,
    );
    expect(unknown.status).toBe(400);
    const text = await unknown.text();
    expect(text).toContain('Choose the currency from the list.');
    expect(text).toContain('Enter a language and region code such as en-IN or en-AE.');
    const taken = await post(
      '/admin/cities',
      form({
        name: 'Mumbai again',
        id: 'mumbai',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
        locale: 'en-IN',
      }),
      admin.cookie,
    );
    expect(taken.status).toBe(409);
    expect((await listAuditEntries(db, { limit: 100 })).entries.length).toBe(before);
  });
});
