import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cities, movies, priceCards, screens, theaters } from '../../src/demo/catalog';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import {
  describePlan,
  formatCatalogue,
  importCatalogue,
  parseCatalogueText,
  readCatalogue,
} from '../../src/features/catalog/transfer';
import { CATALOGUE_LISTS, type CatalogueDocument } from '../../src/features/catalog/transfer-schema';
import { AppError } from '../../src/platform/errors';
import { freshTable } from '../support/db';

const now = new Date('2026-11-24T09:00:00Z');
let source: Awaited<ReturnType<typeof freshTable>>;
let exported: string;

beforeAll(async () => {
  source = await freshTable();
  await loadDemoData(source, now);
  exported = formatCatalogue(await readCatalogue(source));
});
afterAll(async () => {
  await source.drop();
});

// A file left out its empty lists (posters): the document type has them.
const fileOf = (doc: CatalogueDocument) =>
  ({ posters: [], ...JSON.parse(formatCatalogue(doc)) }) as CatalogueDocument;

/** The fields of a refusal: path to message. */
async function refusal(attempt: Promise<unknown> | (() => unknown)): Promise<Record<string, string>> {
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (error) {
    if (AppError.match(error, 'bad_request')) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function countItems(db: Awaited<ReturnType<typeof freshTable>>): Promise<number> {
  const { Items = [] } = await db.doc.send(new ScanCommand({ TableName: db.table }));
  return Items.length;
}

describe('catalogue export and import', () => {
  it('exports the demo catalogue whole, and export → import into an empty table → export is identical', async () => {
    const doc = parseCatalogueText(exported);
    expect(doc.cities).toHaveLength(cities.length);
    expect(doc.theaters).toHaveLength(theaters.length);
    expect(doc.screens).toHaveLength(screens.length);
    expect(doc.movies).toHaveLength(movies.length);
    expect(doc.showtimes).toHaveLength(demoShowtimes(now).length);
    // Sorted by id, whatever order the table's queries return items in.
    for (const list of CATALOGUE_LISTS) {
      const ids = doc[list].map((item) => item.id);
      expect(ids).toEqual([...ids].sort());
    }

    const target = await freshTable();
    try {
      const result = await importCatalogue(target, JSON.parse(exported));
      expect(result.entries.every((entry) => entry.action === 'create')).toBe(true);
      expect(formatCatalogue(await readCatalogue(target))).toBe(exported);

      const again = await importCatalogue(target, JSON.parse(exported));
      expect(again.written).toBe(0);
      expect(again.entries.every((entry) => entry.action === 'leave')).toBe(true);
      expect(describePlan(again)).toContain('movies: create 0, change 0, leave 12');
    } finally {
      await target.drop();
    }
  });

  it('writes nothing on a dry run, and says what it would create', async () => {
    const target = await freshTable();
    try {
      const plan = await importCatalogue(target, JSON.parse(exported), { dryRun: true });
      expect(plan.written).toBe(0);
      expect(describePlan(plan)).toContain('cities: create 3, change 0, leave 0');
      expect(describePlan(plan)).toContain('  create city mumbai');
      expect(await countItems(target)).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('shows a changed movie as a change with its fields, and writes only that', async () => {
    const doc = fileOf(parseCatalogueText(exported));
    const film = doc.movies.find((movie) => movie.id === 'the-last-ferry');
    if (!film) throw new Error('demo movie missing');
    film.title = 'The Very Last Ferry';
    film.runtimeMinutes = 120;
    const plan = await importCatalogue(source, doc);
    expect(plan.entries.filter((entry) => entry.action !== 'leave')).toEqual([
      { list: 'movies', id: 'the-last-ferry', action: 'change', fields: ['title', 'runtimeMinutes'] },
    ]);
    expect(describePlan(plan)).toContain('  change movie the-last-ferry: title, runtimeMinutes');
    expect(plan.written).toBe(1);
    const after = await readCatalogue(source);
    expect(after.movies.find((movie) => movie.id === 'the-last-ferry')?.title).toBe('The Very Last Ferry');
    await importCatalogue(source, JSON.parse(exported));
    expect(formatCatalogue(await readCatalogue(source))).toBe(exported);
  });

  it('accepts references to what is already in the table', async () => {
    const show = parseCatalogueText(exported).showtimes[0];
    if (!show) throw new Error('no showtime');
    const doc = {
      version: 1,
      cities: [],
      theaters: [],
      screens: [],
      movies: [],
      showtimes: [{ ...show, id: 'extra-show' }],
    };
    const plan = await importCatalogue(source, doc, { dryRun: true });
    expect(plan.entries).toEqual([{ list: 'showtimes', id: 'extra-show', action: 'create', fields: [] }]);
  });

  it('refuses bad references, each with its path', async () => {
    const doc = fileOf(parseCatalogueText(exported));
    const [first, second] = doc.showtimes;
    if (!first || !second) throw new Error('no showtimes');
    first.screenId = 'x';
    second.currency = 'EUR';
    second.prices = [...second.prices, { category: 'balcony', amount: 100 }];
    doc.theaters.push({
      ...(doc.theaters[0] as CatalogueDocument['theaters'][number]),
      id: 'new',
      cityId: 'atlantis',
    });
    const fields = await refusal(importCatalogue(source, doc));
    expect(fields).toEqual({
      'theaters[6].cityId': 'no city "atlantis" in this file or the table',
      'showtimes[0].screenId': 'no screen "x" in this file or the table',
      'showtimes[1].currency': expect.stringMatching(/^city "\w+" sells in [A-Z]{3}, not EUR$/),
      'showtimes[1].prices[3].category': 'the screen has no category "balcony"',
    });
  });

  it("carries price cards and a showtime's card there and back, and checks their references", async () => {
    const doc = fileOf(parseCatalogueText(exported));
    expect(doc.priceCards).toHaveLength(priceCards.length);
    const [show, other] = doc.showtimes;
    if (!show || !other) throw new Error('no showtimes');
    // Layout versions go there and back in screen-versions-file.test.ts: here, the card.
    Object.assign(show, { priceCardId: `${show.theaterId}-evening` });
    const target = await freshTable();
    try {
      await importCatalogue(target, doc);
      expect(formatCatalogue(await readCatalogue(target))).toBe(formatCatalogue(doc));
    } finally {
      await target.drop();
    }

    const stranger = doc.priceCards.find((card) => card.theaterId !== other.theaterId);
    const [card] = doc.priceCards;
    if (!stranger || !card) throw new Error('no price cards');
    Object.assign(show, { priceCardId: 'nowhere' });
    Object.assign(other, { priceCardId: stranger.id });
    card.prices.push({ category: 'balcony', amount: 100 });
    doc.priceCards.push({ ...card, id: 'lost-card', theaterId: 'atlantis' });
    const fields = await refusal(importCatalogue(source, doc));
    expect(fields).toEqual({
      'priceCards[0].prices[3].category': `no screen of theater "${card.theaterId}" has a category "balcony"`,
      [`priceCards[${doc.priceCards.length - 1}].theaterId`]:
        'no theater "atlantis" in this file or the table',
      'showtimes[0].priceCardId': 'no price card "nowhere" in this file or the table',
      'showtimes[1].priceCardId': `price card "${stranger.id}" is theater "${stranger.theaterId}"'s, not "${other.theaterId}"'s`,
    });
  });

  it('refuses a zone that is not IANA, duplicate ids and bad slugs, each with its path', async () => {
    const doc = fileOf(parseCatalogueText(exported));
    (doc.cities[0] as { timeZone: string }).timeZone = 'Mars/Olympus';
    (doc.movies[1] as { id: string }).id = 'Not A Slug';
    const fields = await refusal(importCatalogue(source, doc));
    expect(fields['cities[0].timeZone']).toBe('must be an IANA time zone such as Asia/Kolkata');
    expect(fields['movies[1].id']).toMatch(/must be a slug/);

    const twice = fileOf(parseCatalogueText(exported));
    twice.movies.push({ ...(twice.movies[0] as CatalogueDocument['movies'][number]) });
    const duplicate = await refusal(importCatalogue(source, twice));
    expect(duplicate).toEqual({
      'movies[12].id': `duplicate movie id "${twice.movies[0]?.id}" (also movies[0])`,
    });
  });

  it('refuses malformed JSON with its line and column, and an unknown version', async () => {
    const fields = await refusal(() => parseCatalogueText('{\n  "version": 1,\n  "cities" []\n}'));
    expect(fields['(file)']).toMatch(/line 3 column 12/);
    const version = await refusal(() =>
      parseCatalogueText(
        '{"version": 2, "cities": [], "theaters": [], "screens": [], "movies": [], "showtimes": []}',
      ),
    );
    expect(version).toEqual({ version: 'must be 1, the format this version reads' });
  });

  it('refuses to move a screen to another theater', async () => {
    const doc = fileOf(parseCatalogueText(exported));
    const screen = doc.screens[0];
    const other = doc.theaters.find((theater) => theater.id !== screen?.theaterId);
    if (!screen || !other) throw new Error('demo data missing');
    const fields = await refusal(
      importCatalogue(source, { ...doc, screens: [{ ...screen, theaterId: other.id }], showtimes: [] }),
    );
    expect(fields['screens[0].theaterId']).toMatch(
      /belongs to theater .* in the table; a screen cannot move/,
    );
  });
});

describe('npm run catalog', () => {
  const root = resolve(import.meta.dirname, '../..');
  const run = (args: string[], table: string, extra: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/catalog.ts'), ...args],
        {
          cwd: root,
          maxBuffer: 64 * 1024 * 1024,
          env: {
            PATH: process.env.PATH ?? '',
            DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
            TABLE_NAME: table,
            ...extra,
          },
        },
        (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('exports, imports into a table it creates, and exports the same file again, with exit codes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const file = join(dir, 'catalogue.json');
    const first = await run(['export', '--out', file], source.table);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /^Exported 3 cities, 6 theaters, 12 screens, 12 priceCards, 12 movies, \d+ showtimes/,
    );
    expect(await readFile(file, 'utf8')).toBe(exported);

    const table = `cli-${Date.now()}`;
    const dry = await run(['import', file, '--dry-run'], table);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toBe(
      `catalog: table ${table} does not exist; an import without --dry-run creates it.\n`,
    );

    const created = await run(['import', file], table);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('screens: create 12, change 0, leave 0');
    expect(created.stdout).toMatch(
      new RegExp(`Wrote \\d+ items to table ${table}, created for this import\\.\\n$`),
    );

    const again = await run(['import', file], table);
    expect(again.stdout).toContain('cities: create 0, change 0, leave 3');
    expect(again.stdout).toMatch(/Wrote 0 items/);

    const back = await run(['export'], table);
    expect(back).toMatchObject({ code: 0, stdout: exported });

    const broken = join(dir, 'broken.json');
    await writeFile(broken, exported.replace('"language": "', '"language": "Klingon, not '));
    const refused = await run(['import', broken, '--dry-run'], table);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(
      /^catalog: The catalogue file was refused \(1 problem\)\.\n {2}showtimes\[0\]\.language: "Klingon, not \w+" is not one of the languages of movie "[a-z-]+"\n$/,
    );

    expect((await run(['import'], table)).code).toBe(2);
    expect((await run(['frobnicate'], table)).code).toBe(2);
    const badConfig = await run(['export'], table, { PORT: 'many' });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/^catalog: invalid configuration: PORT: /);
  });
});
