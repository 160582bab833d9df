/** Time zone arithmetic on top of Intl: instants are UTC ISO strings, local dates are YYYY-MM-DD. */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(instant: Date, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Offset of the zone from UTC at that instant, in minutes (east positive). Zones change offset only on
 * quarter-hour boundaries, so the answer is memoised per zone and quarter hour: pages ask for it for
 * every showtime they list, and Intl's formatToParts is slow.
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = new Date(quarter * QUARTER_HOUR);
    const w = wallClock(at, timeZone);
    offset = Math.round(
      (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - at.getTime()) / 60_000,
    );
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * The instant at which a zone's wall clock reads `date` `time`. A time skipped by a DST jump resolves
 * to the instant just after the gap; a repeated time resolves to its first occurrence.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const naive = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Zones change offset at most once around a given day: try the offsets from a day before and after.
  const before = offsetMinutes(new Date(naive - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(naive + 86_400_000), timeZone);
  const valid = [naive - before * 60_000, naive - after * 60_000]
    .filter((candidate) => {
      const offset = offsetMinutes(new Date(candidate), timeZone);
      return candidate + offset * 60_000 === naive;
    })
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? naive - before * 60_000);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The UTC instants [start, end) of a local calendar day in a zone. */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(date, '00:00', timeZone), end: zonedToUtc(addDays(date, 1), '00:00', timeZone) };
}

/** True when the string is a real calendar date in YYYY-MM-DD form. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, formatter);
  }
  return formatter;
}

/** "7:30 pm" in the zone. */
export function formatTime(instant: Date, timeZone: string, locale = 'en-IN'): string {
  return format(locale, timeZone, { hour: 'numeric', minute: '2-digit' }).format(instant);
}

/** "Tue, 24 Nov" for a YYYY-MM-DD date, with no zone arithmetic. */
export function formatDay(date: string, locale = 'en-IN'): string {
  return format(locale, 'UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "Tuesday, 24 November 2026" for a YYYY-MM-DD date. */
export function formatLongDay(date: string, locale = 'en-IN'): string {
  return format(locale, 'UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "Wednesday, 25 November" (or "25 November" without `weekday`) for a YYYY-MM-DD date: no year. */
export function formatDayMonth(date: string, options: { weekday?: boolean; locale?: string } = {}): string {
  return format(options.locale ?? 'en-IN', 'UTC', {
    ...(options.weekday ? { weekday: 'long' } : {}),
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** The zone's short name at that instant, e.g. "GMT+4" or "IST". */
export function zoneName(instant: Date, timeZone: string, locale = 'en-IN'): string {
  const part = format(locale, timeZone, { timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
