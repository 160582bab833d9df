import type { SessionUser } from '../../auth/model';
import type { Deps } from '../../deps';
import { AppError, type FieldErrors } from '../../platform/errors';
import { addDays, formatDay, isCalendarDate, localDate, zonedToUtc } from '../../platform/time';
import { auditPut } from '../audit/repo';
import { auditEntry } from '../audit/service';
import {
  allMovies,
  managedTheaters,
  showtimeNow,
  type TheaterSetup,
  theaterSetup,
  theaterShowtimesBetween,
} from '../catalog/back-office-reads';
import {
  DEFAULT_CLEANING_GAP_MINUTES,
  type Movie,
  type PriceCard,
  type Screen,
  SHOW_FORMATS,
  type ShowAccess,
  type Showtime,
} from '../catalog/model';
import { showtimePut } from '../catalog/repo';
import { type Busy, batchSize, expandBatch, MAX_BATCH } from './expand';
import {
  afterChange,
  pauseAfterStale,
  readScreenSchedule,
  type ScreenSchedule,
  writeWithScheduleGuard,
} from './guard';
import { busyFor, judge, type Outcome, type PlannedShow, planBatch } from './plan';

/*
 * Scheduling showtimes from the back office: a batch (a screen, a film, dates, weekdays and local start
 * times, a price card) previewed with the reason for each showtime that cannot be made, then created one
 * showtime per transaction through the screen's guard, each with its audit entry.
 */

export type ScheduleDeps = Pick<Deps, 'db' | 'clock' | 'cache'>;

export const FORMATS = SHOW_FORMATS;
export type Format = (typeof FORMATS)[number];

/** How many days of upcoming showtimes the schedule page lists at a time. */
export const LISTED_DAYS = 14;

/** How often one showtime's create reads the screen again after another change got there first. */
const MAX_ATTEMPTS = 40;

export type BatchRequest = {
  theaterId: string;
  screenId: string;
  movieId: string;
  from: string;
  to: string;
  weekdays: number[];
  times: string[];
  language: string;
  format: Format;
  priceCardId: string;
  /** Subtitles, captions, audio description of every showtime of the batch. */
  access?: ShowAccess | undefined;
};

/** The languages a showtime may be subtitled in: those the catalogue's films play in. */
export function subtitleLanguages(movies: Movie[]): string[] {
  return [...new Set(movies.flatMap((movie) => movie.languages))].sort((a, b) => a.localeCompare(b));
}

/** What a batch is made of once its references are checked. */
export type BatchContext = {
  setup: TheaterSetup;
  screen: Screen;
  movie: Movie;
  card: PriceCard;
  gapMinutes: number;
};

export type BatchResult = { context: BatchContext; shows: PlannedShow[] };

/** The batch's screen, film and card, each refused beside its field when it is not this theater's. */
async function batchContext(
  d: ScheduleDeps,
  actor: SessionUser,
  request: BatchRequest,
): Promise<BatchContext> {
  const [setup, movies] = await Promise.all([theaterSetup(d, actor, request.theaterId), allMovies(d)]);
  const fields: FieldErrors = {};
  const screen = setup.screens.find((s) => s.id === request.screenId);
  if (!screen) fields.screen = 'Choose a screen of this theater.';
  const movie = movies.find((m) => m.id === request.movieId);
  if (!movie) fields.movie = 'Choose a film from the list.';
  else if (!movie.languages.includes(request.language))
    fields.language = `${movie.title} plays in ${movie.languages.join(', ')}. Choose one of those.`;
  const subtitles = request.access?.subtitles;
  if (subtitles && !subtitleLanguages(movies).includes(subtitles))
    fields.subtitles = 'Choose a subtitle language from the list.';
  const card = setup.priceCards.find((c) => c.id === request.priceCardId);
  if (!card) fields.priceCard = 'Choose one of this theater’s price cards.';
  if (!screen || !movie || !card || Object.keys(fields).length > 0)
    throw new AppError('bad_request', 'Please correct the fields marked below.', fields);
  const size = batchSize(request);
  if (size > MAX_BATCH) {
    throw new AppError(
      'bad_request',
      `That makes ${size} showtimes; schedule at most ${MAX_BATCH} at once. Choose fewer dates, weekdays or times.`,
    );
  }
  const gapMinutes = setup.theater.cleaningGapMinutes ?? DEFAULT_CLEANING_GAP_MINUTES;
  return { setup, screen, movie, card, gapMinutes };
}

/** The batch decided against the screen as it is now; the schedule it was read from. */
async function decide(d: ScheduleDeps, context: BatchContext, request: BatchRequest) {
  const { setup, screen, movie, card, gapMinutes } = context;
  const starts = expandBatch(request, setup.theater.timeZone);
  const instants = starts
    .flatMap((start) => start.instants)
    .map((at) => at.toISOString())
    .sort();
  const first = instants[0];
  const last = instants.at(-1);
  const screenKey = { theaterId: setup.theater.id, screenId: screen.id };
  const window = first && last ? { from: first, to: plusRuntime(last, movie) } : undefined;
  const schedule: ScreenSchedule = window
    ? await readScreenSchedule(d, screenKey, window)
    : { ...screenKey, revision: 0, busy: [], cancelled: [] };
  const unpriced = screen.categories
    .filter((category) => !card.prices.some((price) => price.category === category.id))
    .map((category) => category.name);
  const shows = planBatch({
    starts,
    ...screenKey,
    movieId: movie.id,
    runtimeMinutes: movie.runtimeMinutes,
    gapMinutes,
    now: d.clock.now(),
    unpriced,
    busy: schedule.busy,
    cancelled: new Set(schedule.cancelled),
  });
  return { shows, schedule, window };
}

const plusRuntime = (instant: string, movie: Movie) =>
  new Date(Date.parse(instant) + movie.runtimeMinutes * 60_000).toISOString();

/** What a batch would make and what it would refuse, and why, writing nothing. */
export async function previewBatch(
  d: ScheduleDeps,
  actor: SessionUser,
  request: BatchRequest,
): Promise<BatchResult> {
  const context = await batchContext(d, actor, request);
  const { shows } = await decide(d, context, request);
  return { context, shows };
}

/**
 * Makes the showtimes of a batch that fit, each in its own transaction with its audit entry, through the
 * screen's guard; reports the others with their reasons. Run again, it finds what it made and reports it
 * as already scheduled: showtime ids come from the theater, screen and start.
 */
export async function createBatch(
  d: ScheduleDeps,
  actor: SessionUser,
  request: BatchRequest,
): Promise<BatchResult> {
  const context = await batchContext(d, actor, request);
  const decided = await decide(d, context, request);
  let schedule = decided.schedule;
  const made = new Set<string>();
  const shows: PlannedShow[] = [];
  for (const planned of decided.shows) {
    const { show } = planned;
    if (planned.outcome.kind !== 'create' || !show || !decided.window) {
      shows.push(planned);
      continue;
    }
    const result = await createOne(
      d,
      actor,
      context,
      request,
      { ...planned, show },
      { schedule, made, window: decided.window },
    );
    schedule = result.schedule;
    shows.push({ ...planned, show: result.show, outcome: result.outcome });
  }
  if (made.size > 0) d.cache.clear();
  return { context, shows };
}

type Run = { schedule: ScreenSchedule; made: Set<string>; window: { from: string; to: string } };

async function createOne(
  d: ScheduleDeps,
  actor: SessionUser,
  context: BatchContext,
  request: BatchRequest,
  planned: PlannedShow & { show: Busy },
  run: Run,
): Promise<{ show: Busy; outcome: Outcome; schedule: ScreenSchedule }> {
  let schedule = run.schedule;
  let show = planned.show;
  /** Ids found held by a showtime that is not this one (moved away, or cancelled before the index said so). */
  const taken = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    show = busyFor(
      {
        ...schedule,
        movieId: show.movieId,
        runtimeMinutes: context.movie.runtimeMinutes,
        cancelled: new Set(schedule.cancelled),
      },
      new Date(show.startsAt),
      taken,
    );
    const facts = { now: d.clock.now(), unpriced: [], gapMinutes: context.gapMinutes };
    const outcome = judge(show, facts, schedule.busy, run.made);
    if (outcome.kind !== 'create') return { show, outcome, schedule };
    const showtime = showtimeOf(context, request, show);
    const change = { add: show };
    const write = await writeWithScheduleGuard(d, schedule, change, [
      showtimePut(d.db, showtime),
      auditPut(d.db, scheduledEntry(d, actor, context, planned, showtime)),
    ]);
    if (write.outcome === 'written') {
      run.made.add(show.showId);
      return { show, outcome: { kind: 'created' }, schedule: afterChange(schedule, change) };
    }
    if (write.outcome === 'refused') {
      // A showtime has this id. Here, it is this one made already; moved or cancelled, the next id is free.
      const holder = await showtimeNow(d, show.showId);
      const here =
        holder &&
        !holder.cancelledAt &&
        holder.screenId === showtime.screenId &&
        holder.startsAt === show.startsAt;
      if (here) return { show, outcome: { kind: 'exists' }, schedule };
      if (holder) taken.add(show.showId);
      continue;
    }
    // Another change of this screen came first: wait a moment, so contenders spread out, and look again.
    await pauseAfterStale(attempt);
    schedule = await readScreenSchedule(d, schedule, run.window);
  }
  return { show, outcome: { kind: 'refused', refusal: { code: 'busy' } }, schedule };
}

function scheduledEntry(
  d: ScheduleDeps,
  actor: SessionUser,
  context: BatchContext,
  planned: PlannedShow,
  showtime: Showtime,
) {
  return auditEntry(d, actor, {
    action: 'scheduled showtime',
    target: {
      kind: 'showtime',
      id: showtime.id,
      label: `${context.movie.title}, ${context.screen.name}, ${formatDay(planned.date)} ${planned.time}`,
    },
    theaterId: showtime.theaterId,
    after: {
      film: context.movie.title,
      screen: context.screen.name,
      startsAt: showtime.startsAt,
      language: showtime.language,
      format: showtime.format,
      ...(showtime.access ? { access: showtime.access } : {}),
      priceCard: context.card.name,
    },
  });
}

function showtimeOf(context: BatchContext, request: BatchRequest, show: Busy): Showtime {
  const { setup, screen, card } = context;
  return {
    id: show.showId,
    movieId: show.movieId,
    theaterId: setup.theater.id,
    screenId: screen.id,
    cityId: setup.theater.cityId,
    startsAt: show.startsAt,
    language: request.language,
    format: request.format,
    currency: setup.city.currency,
    prices: screen.categories.flatMap((category) =>
      card.prices.filter((price) => price.category === category.id).slice(0, 1),
    ),
    layoutVersion: screen.version ?? 1,
    priceCardId: card.id,
    ...(request.access ? { access: request.access } : {}),
  };
}

/** The schedule page's data: the theaters the actor manages, the one shown, its upcoming showtimes by day. */
export async function schedulePage(
  d: ScheduleDeps,
  actor: SessionUser,
  query: { theaterId?: string | undefined; from?: string | undefined },
) {
  const theaters = await managedTheaters(d, actor);
  const theaterId = query.theaterId || theaters[0]?.theater.id;
  if (!theaterId)
    throw new AppError('forbidden', 'No theater is assigned to your account yet. Ask an admin.');
  const [setup, movies] = await Promise.all([theaterSetup(d, actor, theaterId), allMovies(d)]);
  const zone = setup.theater.timeZone;
  const now = d.clock.now();
  const today = localDate(now, zone);
  // Today unless a later day is asked for: the page lists what is still to come.
  const firstDay = query.from && isCalendarDate(query.from) && query.from > today ? query.from : today;
  const lastDay = addDays(firstDay, LISTED_DAYS);
  const from = firstDay === today ? now : zonedToUtc(firstDay, '00:00', zone);
  const shows = await theaterShowtimesBetween(
    d,
    theaterId,
    from.toISOString(),
    zonedToUtc(lastDay, '00:00', zone).toISOString(),
  );
  const days = new Map<string, Showtime[]>();
  for (const show of shows) {
    const day = localDate(new Date(show.startsAt), zone);
    days.set(day, [...(days.get(day) ?? []), show]);
  }
  return {
    theaters,
    setup,
    movies,
    gapMinutes: setup.theater.cleaningGapMinutes ?? DEFAULT_CLEANING_GAP_MINUTES,
    today,
    firstDay,
    nextFrom: lastDay,
    days: [...days].map(([date, list]) => ({ date, shows: list })),
  };
}

export type SchedulePage = Awaited<ReturnType<typeof schedulePage>>;

/** The price cards page's data: the theaters the actor manages and the chosen one's setup. */
export async function priceCardsPage(d: ScheduleDeps, actor: SessionUser, theaterId: string | undefined) {
  const theaters = await managedTheaters(d, actor);
  const chosen = theaterId || theaters[0]?.theater.id;
  if (!chosen) throw new AppError('forbidden', 'No theater is assigned to your account yet. Ask an admin.');
  return { theaters, setup: await theaterSetup(d, actor, chosen) };
}
