import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/seed';
import { listAuditEntries } from '../../src/features/audit/repo';
import { addScreen } from '../../src/features/catalog/back-office';
import { parseLayoutJson } from '../../src/features/catalog/layout-json';
import { getScreen, listScreenVersions } from '../../src/features/catalog/repo';
import { editScreen } from '../../src/features/screens/service';
import { fixedClock, freshTable, testApp } from '../support/db';
import { LEGEND, layoutFrom, layoutTextarea, type Person, person, postEditor } from '../support/screens';

/*
 * The screen editor's pages and the create and edit services behind them, against DynamoDB Local: what
 * is stored, what the audit log records, and every refusal with what the manager sees.
 */

const clock = fixedClock('2026-11-24T09:00:00Z');
const COLABA = 'harbour-lights-colaba';
const ANDHERI = 'sapphire-andheri';
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let manager: Person;
let other: Person;
let admin: Person;

const get = (path: string, who: Person, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { Cookie: who.cookie, ...headers } });

const SMALL = `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPPP\n`;

/** The new-screen form of Colaba, sent by `who` (the manager unless said). */
const create = (fields: Record<string, string | Blob>, who = manager) =>
  postEditor(app, `/admin/screens/${COLABA}/new`, fields, who.cookie);

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, clock.now());
  ({ app, deps } = testApp(db, clock));
  manager = await person(deps, 'manager', [COLABA]);
  other = await person(deps, 'manager', [ANDHERI]);
  admin = await person(deps, 'admin');
});
afterAll(() => db.drop());

describe('adding a screen', () => {
  it('lists only the theaters a manager runs, each with a way to add a screen', async () => {
    const res = await get('/admin/screens', manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Harbour Lights Cinema, Colaba');
    expect(html).not.toContain('Sapphire');
    expect(html).toContain(`href="/admin/screens/${COLABA}/new"`);
    expect(html).toContain(`href="/admin/screens/${COLABA}/${COLABA}-1"`);
    const all = await (await get('/admin/screens', admin)).text();
    expect(all).toContain('Sapphire');
  });

  it('creates a screen from the text, with its audit entry, and opens its editor', async () => {
    const res = await create({ name: 'Screen 3', id: 'three', layout: SMALL, intent: 'save' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/screens/${COLABA}/${COLABA}-three?done=created`);
    const stored = await getScreen(db, COLABA, `${COLABA}-three`);
    expect(stored).toMatchObject({ name: 'Screen 3', seatCount: 16, ...layoutFrom(SMALL) });
    expect(stored?.version).toBeUndefined();
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 10 });
    expect(entries.find((e) => e.action === 'created screen')).toMatchObject({
      actorId: manager.user.id,
      target: { kind: 'screen', id: `${COLABA}-three`, label: 'Screen 3' },
      after: { name: 'Screen 3', seats: 16, version: 1 },
    });
    const page = await get(res.headers.get('Location') ?? '', manager);
    const html = await page.text();
    expect(html).toContain('The screen is added.');
    expect(layoutTextarea(html)).toContain('A: WSSS_SSSS');
    expect(html).toContain('2 rows and 16 seats (Standard 8, Premium 8), numbered from the left.');
  });

  it('refuses a short name in use with 409, keeping what was typed', async () => {
    const res = await create({ name: 'Another', id: 'three', layout: SMALL, intent: 'save' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('A screen with the short name &quot;three&quot; exists already.');
    expect(html).toContain('value="Another"');
    expect(layoutTextarea(html)).toBe(SMALL);
    expect((await getScreen(db, COLABA, `${COLABA}-three`))?.name).toBe('Screen 3');
  });

  it('refuses a malformed layout, naming each mistake by row or line and column, and writes nothing', async () => {
    const before = (await listAuditEntries(db, { theaterId: COLABA, limit: 100 })).entries.length;
    const text = `${LEGEND}A: SSSS_SSSS\nB: SSXS\nC SSS\n`;
    const res = await create({ name: 'Broken', id: 'broken', layout: text, intent: 'save' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Row B, column 6: &#39;X&#39; is not a seat category.');
    expect(html).toContain('Line 6, column 1: this line is not a row');
    expect(html).toContain('The layout has 2 mistakes, listed under Preview with their line and column.');
    expect(html).toContain('data-line="5" data-column="6"');
    expect(html).toMatch(/aria-describedby="screen-layout-hint screen-layout-error layout-errors"/);
    expect(layoutTextarea(html)).toBe(text);
    expect(await getScreen(db, COLABA, `${COLABA}-broken`)).toBeUndefined();
    expect((await listAuditEntries(db, { theaterId: COLABA, limit: 100 })).entries.length).toBe(before);
  });

  it('refuses a manager of another theater with 403, in the pages and in the service', async () => {
    expect((await get(`/admin/screens/${COLABA}/new`, other)).status).toBe(403);
    expect((await get(`/admin/screens/${COLABA}/${COLABA}-1`, other)).status).toBe(403);
    expect((await get(`/admin/screens/${COLABA}/${COLABA}-1/layout.json`, other)).status).toBe(403);
    const post = await create({ name: 'Mine now', id: 'mine', layout: SMALL, intent: 'save' }, other);
    expect(post.status).toBe(403);
    await expect(
      addScreen(deps, other.user, { theaterId: COLABA, shortId: 'x', name: 'X', ...layoutFrom(SMALL) }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const staff = await person(deps, 'staff', [COLABA]);
    expect((await get('/admin/screens', staff)).status).toBe(403);
    expect(await getScreen(db, COLABA, `${COLABA}-mine`)).toBeUndefined();
  });
});

describe('the preview', () => {
  it('without JavaScript: the Preview button shows the seat map and keeps every field, saving nothing', async () => {
    const res = await create({ name: 'Draft', id: 'draft', layout: SMALL, intent: 'preview' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="Draft"');
    expect(html).toContain('value="draft"');
    expect(layoutTextarea(html)).toBe(SMALL);
    expect(html).toContain('<section aria-label="Seat map"');
    expect(html).toContain(
      'aria-label="Row A, seat 1, Standard, price set per showtime, wheelchair space, available"',
    );
    expect(await getScreen(db, COLABA, `${COLABA}-draft`)).toBeUndefined();
  });

  it('with htmx: just the preview body, and the status line out of band', async () => {
    const res = await postEditor(
      app,
      '/admin/screens/preview',
      { layout: `${LEGEND}A: SSSX` },
      manager.cookie,
      {
        'HX-Request': 'true',
      },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('<div id="layout-errors">');
    expect(html).toContain('Row A, column 7: &#39;X&#39; is not a seat category.');
    expect(html).toContain('<p id="preview-status" data-hx-swap-oob="innerHTML">The layout has 1 mistake');
    const good = await postEditor(app, '/admin/screens/preview', { layout: SMALL }, manager.cookie, {
      'HX-Request': 'true',
    });
    const map = await good.text();
    expect(map).toContain('<section aria-label="Seat map"');
    expect(map).toContain('2 rows and 16 seats');
  });

  it('is for managers and admins only', async () => {
    const customer = await person(deps, 'customer');
    const res = await postEditor(app, '/admin/screens/preview', { layout: SMALL }, customer.cookie);
    expect(res.status).toBe(403);
  });
});

describe('JSON import and export', () => {
  it('downloads the saved layout as JSON that reads back to the same layout', async () => {
    const res = await get(`/admin/screens/${COLABA}/${COLABA}-2/layout.json`, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="${COLABA}-2.json"`);
    const parsed = parseLayoutJson(await res.text());
    const stored = await getScreen(db, COLABA, `${COLABA}-2`);
    expect(parsed).toMatchObject({ ok: true, layout: stored?.layout, categories: stored?.categories });
  });

  it('imports a JSON file into the text, keeping the name typed, and saves nothing', async () => {
    const json = await (await get(`/admin/screens/${COLABA}/${COLABA}-2/layout.json`, manager)).text();
    const res = await create({
      name: 'Copy of the Studio',
      id: 'copy',
      layout: SMALL,
      file: new File([json], 'studio.json', { type: 'application/json' }),
      intent: 'import',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The layout from the JSON is in the text below.');
    expect(html).toContain('value="Copy of the Studio"');
    expect(layoutTextarea(html)).toContain('J: RRR___RRR');
    expect(await getScreen(db, COLABA, `${COLABA}-copy`)).toBeUndefined();
  });

  it('refuses JSON with mistakes, naming each path, and keeps the text as it was', async () => {
    const res = await create({
      name: 'X',
      id: 'x',
      layout: SMALL,
      json: '{"categories": [], "rows": []}',
      intent: 'import',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<code>categories</code>: ');
    expect(html).toContain('<details class="card" open="">');
    expect(layoutTextarea(html)).toBe(SMALL);
    const none = await create({ name: 'X', layout: SMALL, intent: 'import' });
    expect(await none.text()).toContain('Choose a JSON file or paste the JSON, then import.');
  });
});

describe('editing a screen with no showtimes', () => {
  it('makes a new version of a changed layout, keeps the earlier one, and records both in the audit log', async () => {
    const id = `${COLABA}-three`;
    const changed = `${LEGEND}A: WSSS_SSSS\nB: PPPP_PPPP\nC: PPPP\n`;
    const res = await postEditor(
      app,
      `/admin/screens/${COLABA}/${id}`,
      { name: 'Screen 3', version: '1', layout: changed, intent: 'save' },
      manager.cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/screens/${COLABA}/${id}?done=saved&moved=0`);
    const stored = await getScreen(db, COLABA, id);
    expect(stored).toMatchObject({ version: 2, seatCount: 20, ...layoutFrom(changed) });
    const kept = await listScreenVersions(db, COLABA, id);
    expect(kept).toEqual([
      { theaterId: COLABA, screenId: id, version: 1, seatCount: 16, ...layoutFrom(SMALL) },
    ]);
    // Entries of one instant sort by their random ids: found by what they record.
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 10 });
    const entry = entries.find((e) => e.action === 'changed screen layout');
    expect(entry).toMatchObject({
      before: { version: 1, seats: 16 },
      after: { version: 2, seats: 20, upcomingShowtimes: 0 },
    });
    expect(String(entry?.after?.layout)).toContain('C: PPPP');
  });

  it('renames without a new version, and saves nothing when nothing changed', async () => {
    const id = `${COLABA}-three`;
    const screen = await getScreen(db, COLABA, id);
    if (!screen) throw new Error('screen missing');
    const renamed = await editScreen(deps, manager.user, {
      theaterId: COLABA,
      screenId: id,
      version: 2,
      name: 'Screen Three',
      categories: screen.categories,
      layout: screen.layout,
    });
    expect(renamed).toMatchObject({ changed: true, moved: 0, screen: { name: 'Screen Three', version: 2 } });
    const { entries } = await listAuditEntries(db, { theaterId: COLABA, limit: 10 });
    expect(entries.find((entry) => entry.action === 'renamed screen')).toMatchObject({
      before: { name: 'Screen 3' },
      after: { name: 'Screen Three' },
    });
    const again = await editScreen(deps, manager.user, {
      theaterId: COLABA,
      screenId: id,
      version: 2,
      name: 'Screen Three',
      categories: screen.categories,
      layout: screen.layout,
    });
    expect(again.changed).toBe(false);
    expect(await listScreenVersions(db, COLABA, id)).toHaveLength(1);
  });

  it('refuses an edit made from an older version of the form, keeping what was typed', async () => {
    const id = `${COLABA}-three`;
    const res = await postEditor(
      app,
      `/admin/screens/${COLABA}/${id}`,
      { name: 'Late', version: '1', layout: SMALL, intent: 'save' },
      manager.cookie,
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Someone else saved a change to this screen after you opened it.');
    expect(html).toContain('value="Late"');
    expect((await getScreen(db, COLABA, id))?.name).toBe('Screen Three');
  });

  it('answers 404 for a screen that does not exist', async () => {
    expect((await get(`/admin/screens/${COLABA}/no-such-screen`, manager)).status).toBe(404);
  });
});
