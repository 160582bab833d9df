import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { listPosterImages, posterImageItem } from './film-repo';
import { countSeats, type Screen, type Showtime } from './model';
import { checkPosterReferences, checkPosters, posterFromFile, posterToFile } from './poster-file';
import * as repo from './repo';
import { type CatalogueIssue, checkDuplicates, checkLayouts, checkReferences } from './transfer-checks';
import {
  CATALOGUE_FORMAT_VERSION,
  CATALOGUE_LISTS,
  type CatalogueDocument,
  type CatalogueList,
  catalogueSchema,
  type FileScreen,
  ITEM_NAMES,
} from './transfer-schema';

/*
 * The catalogue file's use cases (docs/catalogue-file.md): read the whole catalogue out of the table as
 * one document, and bring a document into the table. Import checks the file, compares each item with
 * the table (create, change or leave) and writes only what differs, as puts of fixed keys: running it
 * twice writes nothing the second time, and a run cut short is finished by running it again.
 */

/** Where a problem sits: `showtimes[12].screenId`, or `(file)` for the file as a whole. */
function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
  return text || '(file)';
}

/** A refused document: every problem in its `fields`, keyed by path, in the order they were found. */
function refuse(what: string, issues: CatalogueIssue[]): AppError {
  const fields: Record<string, string> = {};
  for (const { path, message } of issues)
    fields[path] = fields[path] ? `${fields[path]}; ${message}` : message;
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new AppError('bad_request', `${what} (${count}).`, fields);
}

/** The document, checked item by item and within itself; a bad_request AppError names every problem. */
export function validateCatalogue(input: unknown): CatalogueDocument {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    throw refuse('The catalogue file was refused', issues);
  }
  const issues = [
    ...checkDuplicates(parsed.data),
    ...checkLayouts(parsed.data),
    ...checkPosters(parsed.data),
  ];
  if (issues.length > 0) throw refuse('The catalogue file was refused', issues);
  return parsed.data;
}

/** The text of a catalogue file, parsed and checked; malformed JSON is reported with its line and column. */
export function parseCatalogueText(text: string): CatalogueDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse('The catalogue file is not valid JSON', [
      { path: '(file)', message: (error as Error).message },
    ]);
  }
  return validateCatalogue(json);
}

const byId = <T extends { id: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The whole catalogue in the table as a document, each list sorted by id and each item's fields in the
 * schema's order, so exporting the same catalogue twice gives the same bytes. Theaters are found through
 * their cities and screens and showtimes through their theaters: import never writes one without the other.
 */
export async function readCatalogue(db: Db): Promise<CatalogueDocument> {
  const [cities, movies] = await Promise.all([repo.listCities(db), repo.listMovies(db)]);
  // Posters the movies point to; one a film no longer shows stays in the table but not in the file.
  const posterIds = [...new Set(movies.flatMap((movie) => movie.posterImage?.id ?? []))];
  const posters = await Promise.all(
    posterIds.map(async (id) => posterToFile(id, await listPosterImages(db, id))),
  );
  const theaters = (await Promise.all(cities.map((city) => repo.listTheatersInCity(db, city.id)))).flat();
  const perTheater = await Promise.all(
    theaters.map(async (theater) => {
      const [found, priceCards, showtimes] = await Promise.all([
        repo.getTheaterWithScreens(db, theater.id),
        repo.listPriceCards(db, theater.id),
        repo.listAllShowtimesForTheater(db, theater.id),
      ]);
      const screens = await Promise.all(
        (found?.screens ?? []).map((screen) => withKeptVersions(db, screen, showtimes)),
      );
      return { screens, priceCards, showtimes };
    }),
  );
  const document = {
    version: CATALOGUE_FORMAT_VERSION,
    cities: byId(cities),
    theaters: byId(theaters),
    // The seat count is derived from the layout, so the file leaves it out.
    screens: byId(perTheater.flatMap((t) => t.screens)).map(({ seatCount: _, ...screen }) => screen),
    priceCards: byId(perTheater.flatMap((t) => t.priceCards)),
    posters: byId(posters.filter((poster) => poster.images.length > 0)),
    movies: byId(movies),
    showtimes: byId(perTheater.flatMap((t) => t.showtimes)),
  };
  const parsed = catalogueSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw refuse(
    'The catalogue in the table does not fit the file format',
    parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  );
}

/** A screen with the earlier layout versions its showtimes still sell from, read only when there are some. */
async function withKeptVersions(db: Db, screen: Screen, showtimes: Showtime[]) {
  const current = screen.version ?? 1;
  const wanted = new Set(
    showtimes
      .filter((show) => show.screenId === screen.id && (show.layoutVersion ?? 1) !== current)
      .map((show) => show.layoutVersion ?? 1),
  );
  if (wanted.size === 0) return screen;
  const kept = (await repo.listScreenVersions(db, screen.theaterId, screen.id)).filter((v) =>
    wanted.has(v.version),
  );
  if (kept.length === 0) return screen;
  return {
    ...screen,
    versions: kept.map(({ version, categories, layout }) => ({ version, categories, layout })),
  };
}

const LINE_WIDTH = 110;

/** One value as JSON: on one line when it fits (a seat, a list of genres), else one member per line. */
function formatValue(value: unknown, indent: string, prefix: string, suffix: string): string {
  const flat = formatFlat(value);
  if (typeof value !== 'object' || value === null) return `${indent}${prefix}${flat}${suffix}`;
  if (`${indent}${prefix}${flat}${suffix}`.length <= LINE_WIDTH) return `${indent}${prefix}${flat}${suffix}`;
  const inner = `${indent}  `;
  const members = Array.isArray(value)
    ? value.map((item) => ['', item] as const)
    : Object.entries(value).map(([key, item]) => [`${JSON.stringify(key)}: `, item] as const);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const lines = members.map(([key, item], i) =>
    formatValue(item, inner, key, i < members.length - 1 ? ',' : ''),
  );
  return [`${indent}${prefix}${open}`, ...lines, `${indent}${close}${suffix}`].join('\n');
}

function formatFlat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatFlat).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${formatFlat(item)}`);
    return members.length > 0 ? `{ ${members.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/**
 * A document as the file holds it: JSON laid out as the repository's formatter lays it out (two spaces,
 * what fits in 110 columns on one line), so a seat takes one line and the file stays readable.
 */
export function formatCatalogue(document: CatalogueDocument): string {
  // A catalogue without uploaded posters is written as before posters existed.
  const { posters, ...rest } = document;
  return `${formatValue(posters.length > 0 ? document : rest, '', '', '')}\n`;
}

export type PlanAction = 'create' | 'change' | 'leave';

/** What import does with one item of the file; `fields` names what a change changes. */
export type PlanEntry = { list: CatalogueList; id: string; action: PlanAction; fields: string[] };

export type ImportPlan = { document: CatalogueDocument; entries: PlanEntry[] };

/** The top-level fields whose values differ; both sides come out of the same schema, so JSON compares them. */
function changedFields(next: Record<string, unknown>, before: Record<string, unknown>): string[] {
  const names = [...new Set([...Object.keys(next), ...Object.keys(before)])];
  return names.filter((name) => JSON.stringify(next[name]) !== JSON.stringify(before[name]));
}

/** Compares each item of the document with the table; refuses references that resolve nowhere. */
export async function planImport(db: Db, document: CatalogueDocument): Promise<ImportPlan> {
  const table = await readCatalogue(db);
  const issues = [...checkReferences(document, table), ...checkPosterReferences(document, table)];
  if (issues.length > 0) throw refuse('The catalogue file was refused', issues);
  const entries = CATALOGUE_LISTS.flatMap((list) => {
    const stored = new Map<string, Record<string, unknown>>(table[list].map((item) => [item.id, item]));
    return (document[list] as { id: string }[]).map((item): PlanEntry => {
      const before = stored.get(item.id);
      if (!before) return { list, id: item.id, action: 'create', fields: [] };
      const fields = changedFields(item, before);
      return { list, id: item.id, action: fields.length > 0 ? 'change' : 'leave', fields };
    });
  });
  return { document, entries };
}

function itemsToWrite(plan: ImportPlan): Record<string, unknown>[] {
  const writes = new Set(
    plan.entries.filter((entry) => entry.action !== 'leave').map((entry) => `${entry.list}:${entry.id}`),
  );
  const wanted = <T extends { id: string }>(list: CatalogueList, items: T[]) =>
    items.filter((item) => writes.has(`${list}:${item.id}`));
  const { cities, theaters, screens, priceCards, posters, movies, showtimes } = plan.document;
  return [
    ...wanted('cities', cities).map(repo.cityItem),
    ...wanted('theaters', theaters).map(repo.theaterItem),
    ...wanted('screens', screens).flatMap(screenItems),
    ...wanted('priceCards', priceCards).map(repo.priceCardItem),
    ...wanted('posters', posters).flatMap((poster) => posterFromFile(poster).map(posterImageItem)),
    ...wanted('movies', movies).map(repo.movieItem),
    ...wanted('showtimes', showtimes).map(repo.showtimeItem),
  ];
}

/** A screen of the file as items: the screen, with its seat count, and each earlier version it keeps. */
function screenItems({ versions = [], ...screen }: FileScreen): Record<string, unknown>[] {
  return [
    repo.screenItem({ ...screen, seatCount: countSeats(screen.layout) }),
    ...versions.map((kept) =>
      repo.screenVersionItem({
        ...kept,
        theaterId: screen.theaterId,
        screenId: screen.id,
        seatCount: countSeats(kept.layout),
      }),
    ),
  ];
}

/** Writes what the plan creates or changes; returns how many items were written. */
export async function applyImport(db: Db, plan: ImportPlan): Promise<number> {
  const items = itemsToWrite(plan);
  await repo.putCatalogItems(db, items);
  return items.length;
}

/**
 * Checks a document, compares it with the table and, unless it is a dry run, writes the difference.
 * The one way a catalogue gets in: the operator's command and the demo data both come through here.
 */
export async function importCatalogue(
  db: Db,
  input: unknown,
  options: { dryRun?: boolean; createOnly?: boolean } = {},
): Promise<ImportPlan & { written: number }> {
  const planned = await planImport(db, validateCatalogue(input));
  // Create only: what is in the table already stays as it is there (the demo data, loaded at every local
  // start, leaves what the back office changed).
  const plan = options.createOnly
    ? {
        ...planned,
        entries: planned.entries.map((entry) =>
          entry.action === 'change' ? { ...entry, action: 'leave' as const } : entry,
        ),
      }
    : planned;
  const written = options.dryRun ? 0 : await applyImport(db, plan);
  return { ...plan, written };
}

/** The plan for people: a count line per list, then one line per item created or changed. */
export function describePlan(plan: ImportPlan): string[] {
  const lines: string[] = [];
  for (const list of CATALOGUE_LISTS) {
    const entries = plan.entries.filter((entry) => entry.list === list);
    const count = (action: PlanAction) => entries.filter((entry) => entry.action === action).length;
    lines.push(`${list}: create ${count('create')}, change ${count('change')}, leave ${count('leave')}`);
    for (const entry of entries) {
      if (entry.action === 'create') lines.push(`  create ${ITEM_NAMES[list]} ${entry.id}`);
      if (entry.action === 'change')
        lines.push(`  change ${ITEM_NAMES[list]} ${entry.id}: ${entry.fields.join(', ')}`);
    }
  }
  return lines;
}
