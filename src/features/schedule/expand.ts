import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { addDays, offsetMinutes } from '../../platform/time';

/*
 * A batch of showtimes as a manager asks for it (dates, weekdays, local start times) turned into start
 * instants, and the rules that decide which of them fit on a screen. Pure: no clock, no database.
 */

/** The most showtimes one batch may schedule: a season of a screen's week is a few dozen. */
export const MAX_BATCH = 200;
/** The longest date range a batch may span, in days. */
export const MAX_RANGE_DAYS = 366;
/** The longest film the catalogue holds (minutes); how far back a schedule is read for one still running. */
export const MAX_RUNTIME_MINUTES = 600;
/** The longest cleaning gap a theater may set (minutes). */
export const MAX_CLEANING_GAP_MINUTES = 240;

/** ISO weekdays, Monday 1 to Sunday 7. */
export const WEEKDAYS = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 7, name: 'Sunday' },
] as const;

/** The ISO weekday (Monday 1 to Sunday 7) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

/**
 * "10:30, 14:00 19:15" → ["10:30", "14:00", "19:15"]: 24-hour times separated by commas or spaces, "9:00"
 * and "9.00" read as 09:00, each once, in order. Undefined when any part is not such a time.
 */
export function parseTimes(text: string): string[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const times = new Set<string>();
  for (const part of parts) {
    const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(part);
    if (!match) return undefined;
    times.add(`${(match[1] ?? '').padStart(2, '0')}:${match[2]}`);
  }
  return [...times].sort();
}

/** The dates from `from` to `to` (both included) that fall on one of `weekdays`. */
export function batchDates(from: string, to: string, weekdays: readonly number[]): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (weekdays.includes(isoWeekday(date))) dates.push(date);
  }
  return dates;
}

/**
 * The instants at which a zone's clocks read `time` on `date`: one on an ordinary day, none for a time the
 * clocks skip when they go forward, two for a time they show twice when they go back.
 */
export function localTimeInstants(date: string, time: string, timeZone: string): Date[] {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const naive = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // A zone changes its offset at most once around a given day: the offsets a day either side cover it.
  const offsets = new Set(
    [-86_400_000, 0, 86_400_000].map((shift) => offsetMinutes(new Date(naive + shift), timeZone)),
  );
  const instants = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((candidate) => candidate + offsetMinutes(new Date(candidate), timeZone) * 60_000 === naive);
  return [...new Set(instants)].sort((a, b) => a - b).map((instant) => new Date(instant));
}

/** One start a batch asks for, in the theater's local time, with the instants that local time names. */
export type LocalStart = { date: string; time: string; instants: Date[] };

export type BatchShape = { from: string; to: string; weekdays: readonly number[]; times: readonly string[] };

/** Every local start of a batch, in date and time order. */
export function expandBatch(shape: BatchShape, timeZone: string): LocalStart[] {
  return batchDates(shape.from, shape.to, shape.weekdays).flatMap((date) =>
    [...shape.times]
      .sort()
      .map((time) => ({ date, time, instants: localTimeInstants(date, time, timeZone) })),
  );
}

/** How many showtimes a batch asks for, without expanding it. */
export function batchSize(shape: BatchShape): number {
  return batchDates(shape.from, shape.to, shape.weekdays).length * shape.times.length;
}

/**
 * A showtime's id, made from its theater, screen and start instant: the same request made twice names
 * the same showtime, so the second finds it rather than making a twin. The UTC start is written with a
 * `t` and a `z` ("…-20261124t1400z") so it never reads as another scheme's local time. Where a showtime
 * that cannot be this one holds that id (`taken`: cancelled, or moved to another time), the next free of
 * "-2", "-3"… is used: still the same for a request sent twice.
 */
export function showtimeIdFor(
  theaterId: string,
  screenId: string,
  startsAt: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const stamp = `${startsAt.slice(0, 10).replaceAll('-', '')}t${startsAt.slice(11, 16).replace(':', '')}z`;
  const screen = screenId.startsWith(`${theaterId}-`) ? screenId : `${theaterId}-${screenId}`;
  let base = `${screen}-${stamp}`;
  if (base.length > 96) {
    const hash = bytesToHex(sha256(new TextEncoder().encode(`${theaterId}/${screenId}`))).slice(0, 16);
    base = `screen-${hash}-${stamp}`;
  }
  let id = base;
  for (let again = 2; taken.has(id); again++) id = `${base}-${again}`;
  return id;
}

/** A showtime's time on its screen: from its start to the end of its film (the cleaning gap not included). */
export type Busy = { showId: string; movieId: string; startsAt: string; endsAt: string };

/** Adds minutes to a UTC ISO instant. */
export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** Whether two showtimes on one screen leave less than the cleaning gap between them. */
export function overlaps(a: Busy, b: Busy, gapMinutes: number): boolean {
  return a.startsAt < plusMinutes(b.endsAt, gapMinutes) && b.startsAt < plusMinutes(a.endsAt, gapMinutes);
}

/**
 * What stands in the way of `candidate` on its screen: the same showtime already there (`exists`: the
 * same screen, instant and film), or the first showtime it would overlap, the gap included.
 */
export function findClash(
  busy: readonly Busy[],
  candidate: Busy,
  gapMinutes: number,
): { kind: 'exists' | 'overlap'; other: Busy } | undefined {
  const same = busy.find((other) => other.showId === candidate.showId);
  if (same) return { kind: same.movieId === candidate.movieId ? 'exists' : 'overlap', other: same };
  const other = [...busy]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .find((one) => overlaps(one, candidate, gapMinutes));
  return other ? { kind: 'overlap', other } : undefined;
}
