import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/seed';
import { addScreen } from '../../src/features/catalog/back-office';
import { putCatalog } from '../../src/features/catalog/bulk-writes';
import { showtimeDetails } from '../../src/features/catalog/service';
import {
  formatCatalogue,
  importCatalogue,
  parseCatalogueText,
  readCatalogue,
} from '../../src/features/catalog/transfer';
import { editScreen } from '../../src/features/screens/service';
import { AppError } from '../../src/platform/errors';
import { fixedClock, freshTable, testApp } from '../support/db';
import { LEGEND, layoutFrom, person, showtimeOn } from '../support/screens';

/*
 * The catalogue file carries the earlier layout versions that showtimes still sell from, so a catalogue
 * with edited screens exports, imports into an empty table and exports again unchanged, and each showtime
 * still reads its own version there.
 */

const clock = fixedClock('2026-11-24T09:00:00Z');
const COLABA = 'harbour-lights-colaba';
const V1 = `${LEGEND}A: WSSS_SSSS\n`;
const V2 = `${LEGEND}A: WSSS_SSSS\nB: PPPP\n`;
let source: Awaited<ReturnType<typeof freshTable>>;
let target: Awaited<ReturnType<typeof freshTable>>;
let exported: string;
const screenId = `${COLABA}-kept`;

beforeAll(async () => {
  [source, target] = await Promise.all([freshTable(), freshTable()]);
  await loadDemoData(source, clock.now());
  const { deps } = testApp(source, clock);
  const manager = await person(deps, 'manager', [COLABA]);
  const screen = await addScreen(deps, manager.user, {
    theaterId: COLABA,
    shortId: 'kept',
    name: 'Kept',
    ...layoutFrom(V1),
  });
  await putCatalog(deps, {
    showtimes: [
      showtimeOn(screen, `${screenId}-past`, '2026-11-20T14:00:00.000Z'),
      showtimeOn(screen, `${screenId}-soon`, '2026-11-26T14:00:00.000Z'),
    ],
  });
  await editScreen(deps, manager.user, {
    theaterId: COLABA,
    screenId,
    version: 1,
    name: 'Kept',
    ...layoutFrom(V2),
  });
  exported = formatCatalogue(await readCatalogue(source));
});
afterAll(async () => {
  await Promise.all([source.drop(), target.drop()]);
});

describe('layout versions in the catalogue file', () => {
  it('exports a screen with the earlier versions its showtimes use, and the version each showtime reads', () => {
    const doc = parseCatalogueText(exported);
    const screen = doc.screens.find((s) => s.id === screenId);
    expect(screen).toMatchObject({
      version: 2,
      ...layoutFrom(V2),
      versions: [{ version: 1, ...layoutFrom(V1) }],
    });
    const shows = doc.showtimes.filter((show) => show.screenId === screenId);
    expect(shows.map((show) => [show.id, show.layoutVersion])).toEqual([
      [`${screenId}-past`, undefined],
      [`${screenId}-soon`, 2],
    ]);
    // Screens never edited carry neither.
    expect(doc.screens.find((s) => s.id === `${COLABA}-1`)).not.toHaveProperty('versions');
  });

  it('imports into an empty table and exports the same file again; each showtime reads its version', async () => {
    await importCatalogue(target, JSON.parse(exported));
    expect(formatCatalogue(await readCatalogue(target))).toBe(exported);
    const { deps } = testApp(target, clock);
    expect((await showtimeDetails(deps, `${screenId}-past`)).screen).toMatchObject({
      version: 1,
      ...layoutFrom(V1),
    });
    expect((await showtimeDetails(deps, `${screenId}-soon`)).screen).toMatchObject({
      version: 2,
      ...layoutFrom(V2),
    });
  });

  it('refuses a showtime of a version its screen does not have, and a kept version that is not earlier', async () => {
    const doc = JSON.parse(exported);
    const screen = doc.screens.find((s: { id: string }) => s.id === screenId);
    const show = doc.showtimes.find((s: { id: string }) => s.id === `${screenId}-past`);
    screen.versions[0].version = 2;
    show.layoutVersion = 3;
    const screenIndex = doc.screens.indexOf(screen);
    const showIndex = doc.showtimes.indexOf(show);
    const error = await importCatalogue(target, doc).catch((e: unknown) => e);
    expect(AppError.match(error, 'bad_request')).toBe(true);
    expect((error as AppError).fields).toMatchObject({
      [`screens[${screenIndex}].versions[0].version`]: "must be earlier than the screen's version 2",
    });
    screen.versions[0].version = 1;
    const second = await importCatalogue(target, doc).catch((e: unknown) => e);
    expect((second as AppError).fields).toEqual({
      [`showtimes[${showIndex}].layoutVersion`]: `screen "${screenId}" has no layout version 3`,
    });
  });
});
