import { type Busy, findClash, type LocalStart, plusMinutes, showtimeIdFor } from './expand';

/*
 * Which showtimes of a batch can be made, and why the others cannot: the same decision for the preview
 * and for the create that follows it (which decides again, each showtime against the screen as it is
 * at the moment of writing). Pure.
 */

/** Why a showtime of a batch is not made. */
export type Refusal =
  /** The local time does not exist that day: the clocks skip it. */
  | { code: 'skipped' }
  /** The local time happens twice that day: the clocks go back through it. */
  | { code: 'ambiguous' }
  | { code: 'past' }
  /** The price card has no price for these seat categories (names) of the screen. */
  | { code: 'no-price'; categories: string[] }
  /** It would leave less than the cleaning gap to `other`, stored already or earlier in the same batch. */
  | { code: 'overlap'; other: Busy; inBatch: boolean }
  /** The screen's schedule kept changing under this write: nothing was written; trying again may work. */
  | { code: 'busy' };

export type Outcome =
  | { kind: 'create' }
  | { kind: 'created' }
  | { kind: 'exists' }
  | { kind: 'refused'; refusal: Refusal };

/** One showtime of a batch: its local start, its time on the screen when that resolves, and its fate. */
export type PlannedShow = { date: string; time: string; show?: Busy | undefined; outcome: Outcome };

export type BatchFacts = {
  starts: LocalStart[];
  theaterId: string;
  screenId: string;
  movieId: string;
  runtimeMinutes: number;
  gapMinutes: number;
  now: Date;
  /** The names of the screen's seat categories the price card has no price for. */
  unpriced: string[];
  /** The screen's showtimes around the batch. */
  busy: readonly Busy[];
  /** The ids of cancelled showtimes around the batch: their places may be scheduled again, under new ids. */
  cancelled: ReadonlySet<string>;
};

/**
 * The showtime a local start would make, once its instant is known. Its id comes from the start: the id
 * of one made for this start already, else the first not held by a cancelled showtime, by one that starts
 * at another time now (it was moved there), or by one of `taken`.
 */
export function busyFor(
  facts: Pick<BatchFacts, 'theaterId' | 'screenId' | 'movieId' | 'runtimeMinutes' | 'cancelled' | 'busy'>,
  at: Date,
  taken: ReadonlySet<string> = new Set(),
): Busy {
  const startsAt = at.toISOString();
  const base = showtimeIdFor(facts.theaterId, facts.screenId, startsAt);
  const madeHere = facts.busy.find(
    (other) =>
      other.startsAt === startsAt &&
      (other.showId === base || other.showId.startsWith(`${base}-`)) &&
      !taken.has(other.showId),
  );
  const elsewhere = facts.busy.filter((other) => other.startsAt !== startsAt).map((other) => other.showId);
  const skip = new Set([...facts.cancelled, ...elsewhere, ...taken]);
  return {
    showId: madeHere?.showId ?? showtimeIdFor(facts.theaterId, facts.screenId, startsAt, skip),
    movieId: facts.movieId,
    startsAt,
    endsAt: plusMinutes(startsAt, facts.runtimeMinutes),
  };
}

/** The outcome of one showtime against what is on the screen (`busy`), before any write. */
export function judge(
  show: Busy,
  facts: Pick<BatchFacts, 'now' | 'unpriced' | 'gapMinutes'>,
  busy: readonly Busy[],
  batch: ReadonlySet<string>,
): Outcome {
  if (show.startsAt <= facts.now.toISOString()) return { kind: 'refused', refusal: { code: 'past' } };
  if (facts.unpriced.length > 0)
    return { kind: 'refused', refusal: { code: 'no-price', categories: facts.unpriced } };
  const clash = findClash(busy, show, facts.gapMinutes);
  if (!clash) return { kind: 'create' };
  if (clash.kind === 'exists') return { kind: 'exists' };
  return {
    kind: 'refused',
    refusal: { code: 'overlap', other: clash.other, inBatch: batch.has(clash.other.showId) },
  };
}

/**
 * Every showtime of a batch with its outcome, in time order: each is judged against the stored ones and
 * those of the batch judged before it, so two starts of one batch that overlap keep only the first.
 */
export function planBatch(facts: BatchFacts): PlannedShow[] {
  const busy = [...facts.busy];
  const batch = new Set<string>();
  return facts.starts.map(({ date, time, instants }): PlannedShow => {
    const [first] = instants;
    if (!first) return { date, time, outcome: { kind: 'refused', refusal: { code: 'skipped' } } };
    const show = busyFor(facts, first);
    if (instants.length > 1)
      return { date, time, show, outcome: { kind: 'refused', refusal: { code: 'ambiguous' } } };
    const outcome = judge(show, facts, busy, batch);
    if (outcome.kind === 'create') {
      busy.push(show);
      batch.add(show.showId);
    }
    return { date, time, show, outcome };
  });
}
