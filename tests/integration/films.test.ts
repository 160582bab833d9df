import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/model';
import { loadDemoData } from '../../src/demo/seed';
import { listAuditEntries } from '../../src/features/audit/repo';
import { getMovie } from '../../src/features/catalog/repo';
import { formatCatalogue, importCatalogue, readCatalogue } from '../../src/features/catalog/transfer';
import { fixedClock, freshTable, testApp } from '../support/db';
import { fileOf, testImage } from '../support/images';
import { operator as signedInAccount } from '../support/operators';
import { fieldRow } from '../support/routes';

const clock = fixedClock('2026-11-24T09:00:00Z');
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let admin: { id: string; email: string; cookie: string };
let manager: { id: string; email: string; cookie: string };

const account = (email: string, role: Role, theaterIds?: string[]) =>
  signedInAccount(deps, email, role, theaterIds);

const get = async (path: string, cookie = '', on = app) => on.request(path, { headers: { Cookie: cookie } });

/** The film form as a browser sends it: multipart, with an empty file part when no poster was chosen. */
function postFilm(path: string, fields: Record<string, string>, cookie: string, poster?: File, on = app) {
  // A second apart, so each audit entry sorts after the one before it.
  clock.set(new Date(clock.now().getTime() + 1000));
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('poster', poster ?? new File([], '', { type: 'application/octet-stream' }));
  return on.request(path, {
    method: 'POST',
    headers: { Origin: 'http://localhost', Cookie: cookie },
    body: form,
  });
}

const film = (fields: Record<string, string> = {}) => ({
  title: 'Paper Kites',
  id: '',
  synopsis:
    'Two sisters fly kites from a rooftop in the old city, and the wind carries a message to a stranger.',
  languages: 'Hindi, English',
  genres: 'Drama, Family',
  certificate: 'UA 7+',
  runtimeMinutes: '121',
  releaseDate: '2026-12-04',
  cast: 'Asha Rao, Vikram Sen',
  trailerUrl: 'https://www.youtube.com/watch?v=paperkites',
  ...fields,
});

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, clock.now());
  ({ app, deps } = testApp(db, clock));
  admin = await account('films.admin@example.com', 'admin');
  manager = await account('films.manager@example.com', 'manager', ['harbour-lights-colaba']);
});
afterAll(() => db.drop());

describe('films in the back office', () => {
  it('lets a manager list the chain’s films and add one, audited, shown to moviegoers with cast and trailer', async () => {
    const list = await get('/admin/films', manager.cookie);
    expect(list.status).toBe(200);
    expect(list.headers.get('Cache-Control')).toBe('no-store');
    const html = await list.text();
    expect(html).toContain(
      '<a class="link font-semibold" href="/admin/films/monsoon-letters/edit">Monsoon Letters</a>',
    );
    expect(html).toContain('href="/admin/films/new"');

    const res = await postFilm('/admin/films/new', film(), manager.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/films?done=created');
    const stored = await getMovie(db, 'paper-kites');
    expect(stored).toMatchObject({
      id: 'paper-kites',
      languages: ['Hindi', 'English'],
      genres: ['Drama', 'Family'],
      certificate: 'UA 7+',
      runtimeMinutes: 121,
      cast: 'Asha Rao, Vikram Sen',
      trailerUrl: 'https://www.youtube.com/watch?v=paperkites',
    });
    expect(stored?.poster.background).toMatch(/^#[0-9a-f]{6}$/);
    expect(stored?.posterImage).toBeUndefined();

    const { entries } = await listAuditEntries(db, { limit: 5 });
    expect(entries[0]).toMatchObject({
      actorEmail: manager.email,
      action: 'created film',
      target: { kind: 'film', id: 'paper-kites', label: 'Paper Kites' },
      after: { title: 'Paper Kites', runtimeMinutes: 121, certificate: 'UA 7+' },
    });

    const page = await (await get('/movies/paper-kites')).text();
    expect(page).toContain('With Asha Rao, Vikram Sen');
    expect(page).toContain(
      '<a class="link" href="https://www.youtube.com/watch?v=paperkites" rel="noreferrer">',
    );
    // No upload: the generated poster, inside the page since it is the first thing a phone shows.
    expect(page).toContain('src="data:image/svg+xml,%3Csvg');
    expect(page).toContain(encodeURIComponent('aria-label="Paper Kites poster"'));
    expect(await get('/admin/films?done=created', manager.cookie).then((r) => r.text())).toContain(
      'The film is added.',
    );
  });

  it('refuses an id already in use with 409 beside the field, keeping the input', async () => {
    const res = await postFilm(
      '/admin/films/new',
      film({ id: 'monsoon-letters', title: 'Another Monsoon' }),
      admin.cookie,
    );
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(fieldRow(html, 'film-id')).toContain(
      'A film with the short name &quot;monsoon-letters&quot; exists already.',
    );
    expect(html).toContain('value="Another Monsoon"');
    expect((await getMovie(db, 'monsoon-letters'))?.title).toBe('Monsoon Letters');
  });

  it('shows each invalid field’s problem beside it, keeps the input and writes nothing', async () => {
    const before = (await listAuditEntries(db, { limit: 100 })).entries.length;
    const res = await postFilm(
      '/admin/films/new',
      film({
        title: 'Broken Reel',
        languages: ' , ',
        certificate: 'PG-13',
        runtimeMinutes: 'two hours',
        releaseDate: '04/12/2026',
        trailerUrl: 'http://example.com/trailer',
      }),
      admin.cookie,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldRow(html, 'film-languages')).toContain('Enter at least one of the languages');
    expect(html).toContain(
      '<p id="film-certificate-error" class="field-error">Choose the certificate from the list.</p>',
    );
    expect(fieldRow(html, 'film-runtimeMinutes')).toContain('Enter the running time in whole minutes');
    expect(fieldRow(html, 'film-releaseDate')).toContain('Enter the release date, like 2026-11-06.');
    expect(fieldRow(html, 'film-trailerUrl')).toContain('Enter a link that starts with https://');
    expect(fieldRow(html, 'film-runtimeMinutes')).toContain('value="two hours"');
    expect(fieldRow(html, 'film-title')).toContain('value="Broken Reel"');
    expect(await getMovie(db, 'broken-reel')).toBeUndefined();
    expect((await listAuditEntries(db, { limit: 100 })).entries.length).toBe(before);
  });

  it('refuses customers with 403 and sends signed-out visitors to sign in', async () => {
    const customer = await account('films.customer@example.com', 'customer');
    expect((await get('/admin/films', customer.cookie)).status).toBe(403);
    expect((await get('/admin/films/monsoon-letters/edit', customer.cookie)).status).toBe(403);
    expect((await postFilm('/admin/films/new', film({ id: 'sneaky' }), customer.cookie)).status).toBe(403);
    expect(await getMovie(db, 'sneaky')).toBeUndefined();
    const signedOut = await get('/admin/films');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('Location')).toBe('/sign-in?next=%2Fadmin%2Ffilms');
  });
});

describe('poster uploads', () => {
  for (const [format, type] of [
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
  ] as const) {
    it(`re-encodes a ${format.toUpperCase()} poster to WebP 160 and 320 wide, metadata stripped, immutable`, async () => {
      const id = `poster-${format}`;
      const image = fileOf(await testImage(format, { exif: true }), `poster.${format}`, type);
      const res = await postFilm(
        '/admin/films/new',
        film({ id, title: `Poster ${format}` }),
        manager.cookie,
        image,
      );
      expect(res.status).toBe(303);
      const stored = await getMovie(db, id);
      expect(stored?.posterImage?.widths).toEqual([160, 320]);
      for (const width of [160, 320] as const) {
        const served = await get(`/posters/${stored?.posterImage?.id}-${width}.webp`);
        expect(served.status).toBe(200);
        expect(served.headers.get('Content-Type')).toBe('image/webp');
        expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
        const bytes = Buffer.from(await served.arrayBuffer());
        const meta = await sharp(bytes).metadata();
        expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
          format: 'webp',
          width,
          height: width * 1.5,
        });
        expect(meta.exif).toBeUndefined();
        expect(bytes.byteLength).toBeLessThanOrEqual(width === 160 ? 10_000 : 25_000);
      }
    });
  }

  it('shows the uploaded poster with srcset and its size where the film appears', async () => {
    const poster = (await getMovie(db, 'poster-png'))?.posterImage?.id;
    const page = await (await get('/movies/poster-png')).text();
    expect(page).toContain(
      `<img src="/posters/${poster}-320.webp" srcset="/posters/${poster}-160.webp 160w, /posters/${poster}-320.webp 320w" sizes="160px" alt="" width="160" height="240"`,
    );
    const list = await (await get('/admin/films', manager.cookie)).text();
    expect(list).toContain(
      `srcset="/posters/${poster}-160.webp 160w, /posters/${poster}-320.webp 320w" sizes="48px"`,
    );
  });

  it('serves a poster from a second process sharing the table, and 404 for an unknown one', async () => {
    const poster = (await getMovie(db, 'poster-jpeg'))?.posterImage?.id;
    const other = testApp(db, clock).app;
    const served = await get(`/posters/${poster}-320.webp`, '', other);
    expect(served.status).toBe(200);
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(320);
    expect((await get(`/posters/${'0'.repeat(32)}-320.webp`, '', other)).status).toBe(404);
    expect((await get(`/posters/${poster}-999.webp`, '', other)).status).toBe(404);
    expect((await get('/posters/not-a-poster.webp', '', other)).status).toBe(404);
  });

  it('refuses a file over 5 MB with 413 beside the poster field, keeping the rest of the input', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(await testImage('jpeg'));
    const res = await postFilm(
      '/admin/films/new',
      film({ id: 'too-big', title: 'Too Big' }),
      manager.cookie,
      fileOf(big, 'big.jpg', 'image/jpeg'),
    );
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(fieldRow(html, 'film-poster')).toContain('This file is 5.0 MB, larger than 5 MB.');
    expect(html).toContain('value="Too Big"');
    expect(await getMovie(db, 'too-big')).toBeUndefined();
  });

  it('refuses a body far over 5 MB unread, with 413 naming the poster, while other forms keep the usual limit', async () => {
    const huge = fileOf(new Uint8Array(6 * 1024 * 1024), 'huge.jpg', 'image/jpeg');
    const res = await postFilm('/admin/films/new', film({ id: 'huge' }), manager.cookie, huge);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('The poster file is larger than 5 MB, so the film was not saved.');
    expect(await getMovie(db, 'huge')).toBeUndefined();
    const contact = await app.request('/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: `message=${'x'.repeat(100_000)}`,
    });
    expect(contact.status).toBe(413);
  });

  it('refuses a text file named .jpg, and a GIF, by what the bytes are', async () => {
    const text = fileOf(
      new TextEncoder().encode('not a picture at all\n'.repeat(50)),
      'poster.jpg',
      'image/jpeg',
    );
    const res = await postFilm('/admin/films/new', film({ id: 'text-poster' }), manager.cookie, text);
    expect(res.status).toBe(400);
    expect(fieldRow(await res.text(), 'film-poster')).toContain('This file is not an image we can read.');
    const gif = fileOf(await testImage('gif'), 'poster.webp', 'image/webp');
    const refused = await postFilm('/admin/films/new', film({ id: 'gif-poster' }), manager.cookie, gif);
    expect(refused.status).toBe(400);
    expect(fieldRow(await refused.text(), 'film-poster')).toContain('This file is a GIF image.');
    const tiny = fileOf(await testImage('png', { width: 100, height: 150 }), 'tiny.png', 'image/png');
    const small = await postFilm('/admin/films/new', film({ id: 'tiny-poster' }), manager.cookie, tiny);
    expect(fieldRow(await small.text(), 'film-poster')).toContain('This image is 100 × 150 pixels');
    expect(await getMovie(db, 'text-poster')).toBeUndefined();
    expect(await getMovie(db, 'gif-poster')).toBeUndefined();
  });

  it('keeps a poster that was read while another field was refused, so it need not be chosen again', async () => {
    const image = fileOf(await testImage('png'), 'kept.png', 'image/png');
    const first = await postFilm(
      '/admin/films/new',
      film({ id: 'kept-poster', title: '' }),
      manager.cookie,
      image,
    );
    expect(first.status).toBe(400);
    const html = await first.text();
    const kept = /name="posterId" value="([0-9a-f]{32})"/.exec(html)?.[1];
    expect(kept).toBeDefined();
    expect(html).toContain('The poster you chose is kept.');
    const again = await postFilm(
      '/admin/films/new',
      film({ id: 'kept-poster', title: 'Kept Poster', posterId: kept ?? '' }),
      manager.cookie,
    );
    expect(again.status).toBe(303);
    expect((await getMovie(db, 'kept-poster'))?.posterImage).toEqual({ id: kept, widths: [160, 320] });
    const forged = await postFilm(
      '/admin/films/new',
      film({ id: 'forged', posterId: 'f'.repeat(32) }),
      manager.cookie,
    );
    expect(forged.status).toBe(400);
    expect(fieldRow(await forged.text(), 'film-poster')).toContain(
      'The poster chosen earlier is no longer here.',
    );
    expect(await getMovie(db, 'forged')).toBeUndefined();
  });
});

describe('changing a film', () => {
  const revisionIn = (html: string) => /name="revision" value="([0-9a-f]{16})"/.exec(html)?.[1] ?? '';

  it('saves a manager’s changes with an audit entry of what changed, before and after', async () => {
    const form = await get('/admin/films/paper-kites/edit', manager.cookie);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(fieldRow(html, 'film-languages')).toContain('value="Hindi, English"');
    expect(html).not.toContain('id="film-id"');
    const res = await postFilm(
      '/admin/films/paper-kites/edit',
      film({ title: 'Paper Kites (Director’s Cut)', runtimeMinutes: '134', revision: revisionIn(html) }),
      manager.cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/films?done=saved');
    expect(await getMovie(db, 'paper-kites')).toMatchObject({
      title: 'Paper Kites (Director’s Cut)',
      runtimeMinutes: 134,
    });
    const { entries } = await listAuditEntries(db, { limit: 5 });
    expect(entries[0]).toMatchObject({
      actorEmail: manager.email,
      action: 'changed film',
      target: { kind: 'film', id: 'paper-kites', label: 'Paper Kites (Director’s Cut)' },
      before: { title: 'Paper Kites', runtimeMinutes: 121 },
      after: { title: 'Paper Kites (Director’s Cut)', runtimeMinutes: 134 },
    });
    expect(Object.keys(entries[0]?.after ?? {}).sort()).toEqual(['runtimeMinutes', 'title']);
    // This process's catalogue shows the change at once.
    expect(await (await get('/movies/paper-kites')).text()).toContain('Paper Kites (Director’s Cut)');
  });

  it('refuses a change made from a form older than the film, keeping the input, with 409', async () => {
    const stale = revisionIn(await (await get('/admin/films/the-last-ferry/edit', admin.cookie)).text());
    const first = await postFilm(
      '/admin/films/the-last-ferry/edit',
      film({ title: 'The Last Ferry', certificate: 'UA 13+', revision: stale }),
      admin.cookie,
    );
    expect(first.status).toBe(303);
    const second = await postFilm(
      '/admin/films/the-last-ferry/edit',
      film({ title: 'Ferry, Redux', revision: stale }),
      manager.cookie,
    );
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Someone else saved this film after you opened the form');
    expect(html).toContain('value="Ferry, Redux"');
    expect(revisionIn(html)).not.toBe(stale);
    expect((await getMovie(db, 'the-last-ferry'))?.title).toBe('The Last Ferry');
  });

  it('replaces an uploaded poster, or goes back to the generated one', async () => {
    const edit = async (fields: Record<string, string>, poster?: File) => {
      const html = await (await get('/admin/films/poster-webp/edit', manager.cookie)).text();
      return postFilm(
        '/admin/films/poster-webp/edit',
        film({ title: 'Poster webp', ...fields, revision: revisionIn(html) }),
        manager.cookie,
        poster,
      );
    };
    const before = (await getMovie(db, 'poster-webp'))?.posterImage?.id;
    const replaced = await edit(
      {},
      fileOf(await testImage('jpeg', { width: 500, height: 700 }), 'new.jpg', 'image/jpeg'),
    );
    expect(replaced.status).toBe(303);
    const after = (await getMovie(db, 'poster-webp'))?.posterImage?.id;
    expect(after).toMatch(/^[0-9a-f]{32}$/);
    expect(after).not.toBe(before);
    expect((await listAuditEntries(db, { limit: 1 })).entries[0]).toMatchObject({
      before: { posterImage: before },
      after: { posterImage: after },
    });
    expect((await edit({ removePoster: 'on' })).status).toBe(303);
    expect((await getMovie(db, 'poster-webp'))?.posterImage).toBeUndefined();
    const generated = await (await get('/movies/poster-webp')).text();
    expect(generated).toContain('src="data:image/svg+xml,%3Csvg');
    expect(generated).not.toContain('/posters/');
  });

  it('answers 404 for a film that does not exist', async () => {
    expect((await get('/admin/films/no-such-film/edit', manager.cookie)).status).toBe(404);
  });
});

describe('on a server without an image encoder (the Workers build)', () => {
  it('says poster uploads are done through the Node server, and still saves films without one', async () => {
    const workers = testApp(db, clock, { images: undefined }).app;
    const form = await (await get('/admin/films/new', manager.cookie, workers)).text();
    expect(form).toContain('Poster uploads are done through the Node server');
    expect(form).not.toContain('type="file"');
    const image = fileOf(await testImage('png'), 'poster.png', 'image/png');
    const refused = await postFilm(
      '/admin/films/new',
      film({ id: 'edge-film' }),
      manager.cookie,
      image,
      workers,
    );
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('Poster uploads are done through the Node server');
    expect(await getMovie(db, 'edge-film')).toBeUndefined();
    const saved = await postFilm(
      '/admin/films/new',
      film({ id: 'edge-film' }),
      manager.cookie,
      undefined,
      workers,
    );
    expect(saved.status).toBe(303);
    const poster = (await getMovie(db, 'poster-png'))?.posterImage?.id;
    expect((await get(`/posters/${poster}-160.webp`, '', workers)).status).toBe(200);
  });
});

describe('the catalogue file with uploaded posters', () => {
  it('carries cast, trailer and posters: export → import into an empty table → export is identical', async () => {
    const exported = formatCatalogue(await readCatalogue(db));
    const file = JSON.parse(exported);
    const withPoster = file.movies.find((m: { id: string }) => m.id === 'poster-jpeg');
    expect(withPoster.posterImage.widths).toEqual([160, 320]);
    expect(file.posters.map((p: { id: string }) => p.id)).toContain(withPoster.posterImage.id);
    expect(file.movies.find((m: { id: string }) => m.id === 'paper-kites').trailerUrl).toBe(
      'https://www.youtube.com/watch?v=paperkites',
    );
    const target = await freshTable();
    try {
      const result = await importCatalogue(target, JSON.parse(exported));
      expect(result.entries.filter((e) => e.list === 'posters').every((e) => e.action === 'create')).toBe(
        true,
      );
      expect(formatCatalogue(await readCatalogue(target))).toBe(exported);
      const served = await get(
        `/posters/${withPoster.posterImage.id}-320.webp`,
        '',
        testApp(target, clock).app,
      );
      expect(served.status).toBe(200);
      const again = await importCatalogue(target, JSON.parse(exported));
      expect(again.written).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('refuses a poster whose id is not the hash of its images, and a movie pointing to no poster', async () => {
    const file = JSON.parse(formatCatalogue(await readCatalogue(db)));
    const poster = file.posters[0];
    poster.images[0].webp = poster.images[1].webp;
    file.movies[0].posterImage = { id: 'a'.repeat(32), widths: [160, 320] };
    const target = await freshTable();
    try {
      const refusal = await importCatalogue(target, file).catch(
        (error: { fields: Record<string, string> }) => error.fields,
      );
      expect(refusal).toMatchObject({ 'posters[0].id': 'is not the hash of its images, narrowest first' });
      file.posters = [];
      const missing = await importCatalogue(target, file).catch(
        (error: { fields: Record<string, string> }) => error.fields,
      );
      expect(missing).toMatchObject({
        'movies[0].posterImage.id': `no poster "${'a'.repeat(32)}" in this file or the table`,
      });
    } finally {
      await target.drop();
    }
  });
});
