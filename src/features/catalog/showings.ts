import { wallClock } from '../../platform/time';
import type { Movie, Showtime } from './model';

/*
 * The rules a listing sorts and marks showings by, kept pure so they are tested on their own: the time of
 * day a showing starts in its theater's zone, how full it is, its lowest price, and the titles a search
 * that found nothing probably meant.
 */

/** When a showtime stops selling online: `salesCloseMs` (SALES_CLOSE_MINUTES) before it starts. */
export const salesCloseAt = (show: Pick<Showtime, 'startsAt'>, salesCloseMs: number): number =>
  Date.parse(show.startsAt) - salesCloseMs;

/** Parts of the day a moviegoer filters by, with the local hour each starts at (night runs past midnight). */
export const TIMES_OF_DAY = [
  { id: 'morning', label: 'Morning', hint: 'before 12 noon', from: 5 },
  { id: 'afternoon', label: 'Afternoon', hint: '12 noon to 5 pm', from: 12 },
  { id: 'evening', label: 'Evening', hint: '5 pm to 9 pm', from: 17 },
  { id: 'night', label: 'Night', hint: 'from 9 pm', from: 21 },
] as const;

export type TimeOfDay = (typeof TIMES_OF_DAY)[number]['id'];

export const TIME_OF_DAY_IDS = TIMES_OF_DAY.map((t) => t.id) as [TimeOfDay, ...TimeOfDay[]];

/** The part of the day a showing starts in, by the wall clock of its theater's zone. */
export function timeOfDay(startsAt: string, timeZone: string): TimeOfDay {
  const { hour } = wallClock(new Date(startsAt), timeZone);
  // A show at 00:30 or 02:00 is a late night show, not a morning one.
  if (hour < 5) return 'night';
  return [...TIMES_OF_DAY].reverse().find((part) => hour >= part.from)?.id ?? 'morning';
}

/** Sold out: no seat left; filling fast: at least this share of the seats taken... */
export const FILLING_FAST_SHARE = 0.7;
/** ...or at most this many left, which says more than a share in a small screening room. */
export const FILLING_FAST_SEATS_LEFT = 10;

export type FillState = 'open' | 'filling-fast' | 'sold-out';

/** How full a showing is, from the seats no longer for sale (sold or blocked) and its screen's seats. */
export function fillState(taken: number, capacity: number): FillState {
  const left = capacity - taken;
  if (left <= 0) return 'sold-out';
  if (taken >= capacity * FILLING_FAST_SHARE || left <= FILLING_FAST_SEATS_LEFT) return 'filling-fast';
  return 'open';
}

/** The cheapest seat of a showing, in minor units of its currency. */
export function lowestPrice(show: Showtime): number | undefined {
  return show.prices.length === 0 ? undefined : Math.min(...show.prices.map((price) => price.amount));
}

/** Levenshtein distance between two words, or `cap + 1` as soon as it is known to exceed `cap`. */
export function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    if (Math.min(...row) > cap) return cap + 1;
    previous = row;
  }
  return Math.min(previous[b.length] ?? cap + 1, cap + 1);
}

const words = (text: string) =>
  text
    .toLocaleLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const IGNORED = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'on', 'to']);

/** How far a typed word may be from a title's word: short words must be exact (or a prefix). */
const allowedDistance = (word: string) => (word.length >= 6 ? 2 : word.length >= 4 ? 1 : 0);

/** How close a typed word is to a title's words: 0 for a prefix, else the edit distance; undefined: not close. */
function closeness(word: string, titleWords: string[]): number | undefined {
  let best: number | undefined;
  for (const titleWord of titleWords) {
    const distance = titleWord.startsWith(word) ? 0 : editDistance(word, titleWord, allowedDistance(word));
    if (distance <= allowedDistance(word) && (best === undefined || distance < best)) best = distance;
  }
  return best;
}

/**
 * The titles a search that found nothing probably meant: those with a word that starts with, or is at
 * most 1 or 2 letters from, a typed word (by its length), best first: most words matched, then nearest.
 */
export function closestTitles(query: string, movies: Movie[], limit = 3): Movie[] {
  const typed = words(query).filter((word) => word.length >= 2 && !IGNORED.has(word));
  if (typed.length === 0) return [];
  return movies
    .flatMap((movie) => {
      const titleWords = words(movie.title);
      const found = typed.map((word) => closeness(word, titleWords)).filter((d) => d !== undefined);
      if (found.length === 0) return [];
      return [{ movie, matched: found.length, distance: found.reduce((sum, d) => sum + d, 0) }];
    })
    .sort(
      (a, b) =>
        b.matched - a.matched || a.distance - b.distance || a.movie.title.localeCompare(b.movie.title),
    )
    .slice(0, limit)
    .map((entry) => entry.movie);
}
