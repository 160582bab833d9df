/**
 * A booking as an iCalendar event (RFC 5545), for "add to calendar" links and email attachments.
 *
 * Times are the theater's local wall-clock time with TZID set to its IANA zone, so the event reads "7:30 pm"
 * wherever the reader's calendar is set. RFC 5545 requires a VTIMEZONE for every TZID used, so one is
 * included, built from Intl: it lists the offset changes from a year before the show to its end, each as a
 * one-off observance (no RRULE to get wrong), or a single fixed observance for a zone without changes
 * (Asia/Kolkata, Asia/Dubai). Google and Apple calendars recognise the IANA name and use their own rules;
 * Outlook reads the VTIMEZONE, which is exact around the show.
 */
import { offsetMinutes, wallClock, zoneName } from '../../platform/time';
import type { Booking } from '../booking/model';
import { seatsByCategory } from './seat-groups';

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;
const DAY = 86_400_000;
/** How long a calendar entry blocks when the caller knows no better: trailers, the film and the way out. */
const DEFAULT_DURATION_MINUTES = 180;

/**
 * The calendar file for a booking. `origin` (the site's URL, or just its host name) makes the UID unique
 * to this site; the UID stays the same for a booking, so importing it again updates the same event.
 */
export function bookingEvent(
  booking: Booking,
  options: { origin: string; now: Date; durationMinutes?: number; url?: string },
): string {
  const zone = booking.timeZone;
  const start = new Date(booking.startsAt);
  const end = new Date(start.getTime() + (options.durationMinutes ?? DEFAULT_DURATION_MINUTES) * MINUTE);
  const seats = [...seatsByCategory(booking)].map(([category, ids]) => `${ids.join(', ')} (${category})`);
  const description = [
    `Booking ${booking.id}`,
    booking.screenName,
    `Seats: ${seats.join('; ')}`,
    'Show the QR code on your ticket at the entrance.',
    ...(options.url ? [options.url] : []),
  ].join('\n');
  const tzid = `TZID=${paramValue(zone)}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Movie Magic//Tickets//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezone(zone, start, end),
    'BEGIN:VEVENT',
    `UID:${booking.id}@${hostOf(options.origin)}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    `DTSTART;${tzid}:${localStamp(start, zone)}`,
    `DTEND;${tzid}:${localStamp(end, zone)}`,
    `SUMMARY:${escapeText(booking.movieTitle)}`,
    `LOCATION:${escapeText(`${booking.theaterName}, ${booking.theaterAddress}`)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(options.url ? [`URL:${options.url}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** TEXT escaping: backslash, semicolon, comma and line breaks; other control characters become spaces. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n')
    .replace(/[^\P{Cc}\t]/gu, ' ');
}

/**
 * Folds a content line at 75 octets, as RFC 5545 asks: CRLF and a space, the space counting towards the
 * next line's 75. A UTF-8 sequence is never split.
 */
export function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function vtimezone(zone: string, start: Date, end: Date): string[] {
  const changes = offsetChanges(zone, start.getTime() - 366 * DAY, end.getTime());
  const name = (at: number) => zoneName(new Date(at), zone);
  const observances = changes.map((change) =>
    observance(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', change, name(change.at)),
  );
  if (observances.length === 0) {
    // A zone with one offset all year: a single observance from the epoch's local midnight.
    const offset = offsetMinutes(start, zone);
    observances.push(
      observance('STANDARD', { at: -offset * MINUTE, from: offset, to: offset }, name(start.getTime())),
    );
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observances.flat(), 'END:VTIMEZONE'];
}

function observance(kind: string, change: { at: number; from: number; to: number }, name: string): string[] {
  // An observance starts at the local time of the change as the clock read before it.
  const onset = new Date(change.at + change.from * MINUTE).toISOString();
  return [
    `BEGIN:${kind}`,
    `DTSTART:${onset.slice(0, 19).replace(/[-:]/g, '')}`,
    `TZOFFSETFROM:${utcOffset(change.from)}`,
    `TZOFFSETTO:${utcOffset(change.to)}`,
    `TZNAME:${escapeText(name)}`,
    `END:${kind}`,
  ];
}

/**
 * The instants in [from, to] at which the zone's offset changes. Sampled daily (zones change at most once
 * a day), then narrowed to the quarter hour on which every change falls.
 */
function offsetChanges(zone: string, from: number, to: number): { at: number; from: number; to: number }[] {
  const changes: { at: number; from: number; to: number }[] = [];
  let low = Math.floor(from / QUARTER_HOUR);
  let before = offsetMinutes(new Date(low * QUARTER_HOUR), zone);
  const last = Math.ceil(to / QUARTER_HOUR);
  while (low < last) {
    const high = Math.min(low + DAY / QUARTER_HOUR, last);
    const after = offsetMinutes(new Date(high * QUARTER_HOUR), zone);
    if (after !== before) {
      let a = low;
      let b = high;
      while (b - a > 1) {
        const middle = Math.floor((a + b) / 2);
        if (offsetMinutes(new Date(middle * QUARTER_HOUR), zone) === before) a = middle;
        else b = middle;
      }
      changes.push({ at: b * QUARTER_HOUR, from: before, to: after });
    }
    before = after;
    low = high;
  }
  return changes;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return origin;
  }
}

function paramValue(value: string): string {
  return /[;:,]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

function localStamp(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

function utcStamp(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
