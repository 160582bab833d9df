import { authorize, authorizeTheater, theatersOf } from '../../auth/authorize';
import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import { layoutToText } from './layout-text';
import {
  type City,
  countSeats,
  type Screen,
  type ScreenLayout,
  type SeatCategory,
  type Showtime,
  type Theater,
} from './model';
import * as repo from './repo';
import { citiesWithTheaters } from './service';
import { screenSchema } from './transfer-schema';

/*
 * The catalogue as the back office writes it: each write conditional, with its audit entry in the same
 * transaction, and this process's catalogue cache cleared so its own pages show the change at once
 * (other processes within CATALOG_CACHE_SECONDS).
 */

type BackOfficeDeps = Pick<Deps, 'db' | 'clock' | 'cache'>;

export type NewTheater = { id: string; cityId: string; name: string; address: string; timeZone: string };

/** Adds a theater to a city: admins only. Refuses an unknown city and an id already in use. */
export async function addTheater(
  deps: BackOfficeDeps,
  actor: SessionUser,
  input: NewTheater,
): Promise<Theater> {
  authorize(actor, 'admin');
  const city = await repo.getCity(deps.db, input.cityId);
  if (!city) {
    const message = 'Choose a city from the list.';
    throw new AppError('bad_request', message, { cityId: message });
  }
  const theater: Theater = { ...input };
  const entry = auditEntry(deps, actor, {
    action: 'created theater',
    target: { kind: 'theater', id: theater.id, label: theater.name },
    theaterId: theater.id,
    after: { ...theater },
  });
  try {
    await repo.createCatalogItem(deps.db, repo.theaterItem(theater), auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.AlreadyExistsError)) throw error;
    const message = `A theater with the short name "${theater.id}" exists already. Choose another.`;
    throw new AppError('conflict', message, { id: message });
  }
  deps.cache.clear();
  return theater;
}

/** Adds a city, with its currency, locale and booking fees: admins only. Refuses an id already in use. */
export async function addCity(deps: BackOfficeDeps, actor: SessionUser, city: City): Promise<City> {
  authorize(actor, 'admin');
  const entry = auditEntry(deps, actor, {
    action: 'created city',
    target: { kind: 'city', id: city.id, label: city.name },
    after: { ...city },
  });
  try {
    await repo.createCatalogItem(deps.db, repo.cityItem(city), auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.AlreadyExistsError)) throw error;
    const message = `A city with the short name "${city.id}" exists already. Choose another.`;
    throw new AppError('conflict', message, { id: message });
  }
  deps.cache.clear();
  return city;
}

export type TheaterChanges = Pick<Theater, 'name' | 'address' | 'timeZone' | 'cleaningGapMinutes'> &
  Partial<Pick<Theater, 'cancellationPolicy' | 'paymentMethods'>>;

const changedMeanwhile = (what: string) =>
  new AppError(
    'conflict',
    `Someone else changed this ${what} while you were editing it. The form now shows what is saved: make your change again.`,
  );

/**
 * Edits a theater's name, address, zone and cleaning gap: admins only. Its city and id stay: showtimes,
 * bookings and links are keyed by them. A zone change keeps every scheduled showtime at its instant.
 */
export async function editTheater(
  deps: BackOfficeDeps,
  actor: SessionUser,
  theaterId: string,
  changes: TheaterChanges,
): Promise<Theater> {
  authorize(actor, 'admin');
  const before = await repo.getTheater(deps.db, theaterId);
  if (!before) throw new AppError('not_found', 'We could not find that theater.');
  const after: Theater = { ...before, ...changes };
  if (changes.cleaningGapMinutes === undefined) delete after.cleaningGapMinutes;
  // Left out of `changes` (a form from before they were on it), they stay; given as undefined, the defaults.
  if ('cancellationPolicy' in changes && changes.cancellationPolicy === undefined)
    delete after.cancellationPolicy;
  if ('paymentMethods' in changes && changes.paymentMethods === undefined) delete after.paymentMethods;
  const entry = auditEntry(deps, actor, {
    action: 'edited theater',
    target: { kind: 'theater', id: theaterId, label: after.name },
    theaterId,
    before: { ...before },
    after: { ...after },
  });
  try {
    await repo.replaceCatalogItem(deps.db, repo.theaterItem(after), before, auditPut(deps.db, entry));
  } catch (error) {
    if (error instanceof repo.ChangedMeanwhileError) throw changedMeanwhile('theater');
    throw error;
  }
  deps.cache.clear();
  return after;
}

/**
 * Edits a city's name, zone, locale and booking fees: admins only. Its id and currency stay: showtimes are
 * priced in it. New fees apply to checkouts from now on; bookings keep what they were charged.
 */
export async function editCity(deps: BackOfficeDeps, actor: SessionUser, city: City): Promise<City> {
  authorize(actor, 'admin');
  const before = await repo.getCity(deps.db, city.id, true);
  if (!before) throw new AppError('not_found', 'We could not find that city.');
  if (city.currency !== before.currency) {
    const message = `The currency stays ${before.currency}: showtimes are priced in it.`;
    throw new AppError('bad_request', message, { currency: message });
  }
  const entry = auditEntry(deps, actor, {
    action: 'edited city',
    target: { kind: 'city', id: city.id, label: city.name },
    before: { ...before },
    after: { ...city },
  });
  try {
    await repo.replaceCatalogItem(deps.db, repo.cityItem(city), before, auditPut(deps.db, entry));
  } catch (error) {
    if (error instanceof repo.ChangedMeanwhileError) throw changedMeanwhile('city');
    throw error;
  }
  deps.cache.clear();
  return city;
}

/** A theater and its city as an edit form starts from: admins only, read strongly consistent. */
export async function theaterToEdit(
  deps: BackOfficeDeps,
  actor: SessionUser,
  theaterId: string,
): Promise<{ theater: Theater; city: City | undefined }> {
  authorize(actor, 'admin');
  const theater = await repo.getTheater(deps.db, theaterId);
  if (!theater) throw new AppError('not_found', 'We could not find that theater.');
  return { theater, city: await repo.getCity(deps.db, theater.cityId) };
}

/** A city as its edit form starts from: admins only, read strongly consistent. */
export async function cityToEdit(deps: BackOfficeDeps, actor: SessionUser, cityId: string): Promise<City> {
  authorize(actor, 'admin');
  const city = await repo.getCity(deps.db, cityId, true);
  if (!city) throw new AppError('not_found', 'We could not find that city.');
  return city;
}

export type NewScreen = {
  theaterId: string;
  /** What the manager typed; the screen's id is the theater's id, a hyphen, then this. */
  shortId: string;
  name: string;
  categories: SeatCategory[];
  layout: ScreenLayout;
};

/** The screen's layout as text, or undefined when it cannot be written as text (an imported layout). */
export function layoutTextOf(screen: Pick<Screen, 'categories' | 'layout'>): string | undefined {
  try {
    return layoutToText(screen);
  } catch {
    return undefined;
  }
}

/** A screen as the audit log records it, before or after a change. */
export function screenRecord(screen: Screen): Record<string, unknown> {
  const layout = layoutTextOf(screen);
  return {
    name: screen.name,
    version: screen.version ?? 1,
    seats: screen.seatCount,
    layout: layout?.trim().replace(/\n+/g, ' / ') ?? 'not writable as text',
  };
}

/**
 * Refuses a screen the catalogue file could not hold (its schema is stricter than the layout parser in
 * places: category ids are slugs, a gap is at most 20 wide), so every stored screen exports and imports.
 */
export function checkStorable(screen: Screen): void {
  const { seatCount: _, version: __, ...fields } = screen;
  const parsed = screenSchema.safeParse(fields);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const message = `The layout cannot be stored: ${issue?.path.join('.')} ${issue?.message}.`;
  throw new AppError('bad_request', message, { layout: message });
}

/**
 * Adds a screen to a theater, for its managers and admins: a conditional create with its audit entry in
 * one transaction. Refuses an id in use in this theater, or in a theater whose own id would make the
 * same screen id (screen ids are unique in the whole catalogue).
 */
export async function addScreen(deps: BackOfficeDeps, actor: SessionUser, input: NewScreen): Promise<Screen> {
  authorizeTheater(actor, input.theaterId, 'manager', 'admin');
  const chain = (await citiesWithTheaters(deps)).flatMap(({ theaters }) => theaters);
  if (!chain.some((theater) => theater.id === input.theaterId)) {
    throw new AppError('not_found', 'We could not find that theater.');
  }
  const screen: Screen = {
    id: `${input.theaterId}-${input.shortId}`,
    theaterId: input.theaterId,
    name: input.name,
    categories: input.categories,
    layout: input.layout,
    seatCount: countSeats(input.layout),
  };
  checkStorable(screen);
  const taken = () => {
    const message = `A screen with the short name "${input.shortId}" exists already. Choose another.`;
    return new AppError('conflict', message, { id: message });
  };
  const others = chain.filter((t) => t.id !== input.theaterId && screen.id.startsWith(`${t.id}-`));
  for (const other of others) if (await repo.getScreen(deps.db, other.id, screen.id)) throw taken();
  const entry = auditEntry(deps, actor, {
    action: 'created screen',
    target: { kind: 'screen', id: screen.id, label: screen.name },
    theaterId: screen.theaterId,
    after: screenRecord(screen),
  });
  try {
    await repo.createCatalogItem(deps.db, repo.screenItem(screen), auditPut(deps.db, entry));
  } catch (error) {
    if (!(error instanceof repo.AlreadyExistsError)) throw error;
    throw taken();
  }
  deps.cache.clear();
  return screen;
}

/** The theaters `actor` manages (an admin: every one), each with its screens, read fresh. */
export async function screensByTheater(
  deps: BackOfficeDeps,
  actor: SessionUser,
): Promise<{ theater: Theater; screens: Screen[] }[]> {
  authorize(actor, 'manager', 'admin');
  const mine = theatersOf(actor);
  const theaters = (await citiesWithTheaters(deps))
    .flatMap(({ theaters }) => theaters)
    .filter((theater) => !mine || mine.includes(theater.id));
  return Promise.all(
    theaters.map(async (theater) => {
      const found = await repo.getTheaterWithScreens(deps.db, theater.id);
      const screens = (found?.screens ?? []).sort((a, b) => a.name.localeCompare(b.name));
      return { theater: found?.theater ?? theater, screens };
    }),
  );
}

/** One theater of `actor`'s, for the form that adds a screen to it. */
export async function theaterForNewScreen(
  deps: BackOfficeDeps,
  actor: SessionUser,
  theaterId: string,
): Promise<Theater> {
  authorizeTheater(actor, theaterId, 'manager', 'admin');
  const found = await repo.getTheaterWithScreens(deps.db, theaterId);
  if (!found) throw new AppError('not_found', 'We could not find that theater.');
  return found.theater;
}

/** A screen of `actor`'s theaters as stored now, with its theater; not_found when either is missing. */
export async function screenToEdit(
  deps: BackOfficeDeps,
  actor: SessionUser,
  theaterId: string,
  screenId: string,
): Promise<{ theater: Theater; screen: Screen }> {
  authorizeTheater(actor, theaterId, 'manager', 'admin');
  const found = await repo.getTheaterWithScreens(deps.db, theaterId);
  const screen = await repo.getScreen(deps.db, theaterId, screenId);
  if (!found || !screen) throw new AppError('not_found', 'We could not find that screen.');
  return { theater: found.theater, screen };
}

/**
 * A screen's showtimes that have not started, cancelled ones left out, soonest first, read fresh: those a
 * layout edit moves to the new version.
 */
export async function upcomingShowtimesOfScreen(
  deps: Pick<BackOfficeDeps, 'db' | 'clock'>,
  screen: Pick<Screen, 'id' | 'theaterId'>,
): Promise<Showtime[]> {
  const now = deps.clock.now().toISOString();
  const shows = await repo.listShowtimesForTheater(deps.db, screen.theaterId, now, '9999');
  return shows
    .filter((show) => show.screenId === screen.id && show.startsAt > now && !show.cancelledAt)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
