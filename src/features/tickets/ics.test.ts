import { describe, expect, it } from 'vitest';
import { booking } from '../../../tests/support/sample-booking';
import type { Booking } from '../booking/model';
import { bookingEvent, escapeText, fold } from './ics';

const now = new Date('2026-11-20T09:15:00.000Z');
const origin = 'https://tickets.example.com';

/** Checks the physical form, then unfolds: property name (with parameters) to its values, in order. */
function parse(ics: string): { lines: string[]; props: Map<string, string[]> } {
  expect(ics.endsWith('\r\n')).toBe(true);
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .slice(0, -2)
    .split('\r\n');
  const props = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    props.set(name, [...(props.get(name) ?? []), line.slice(colon + 1)]);
  }
  return { lines, props };
}

function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_, char: string) => (char.toLowerCase() === 'n' ? '\n' : char));
}

describe('calendar event', () => {
  it('puts a Kolkata show at its local time with a fixed VTIMEZONE', () => {
    const { lines, props } = parse(bookingEvent(booking, { origin, now }));
    expect(props.get('DTSTART;TZID=Asia/Kolkata')).toEqual(['20261124T193000']);
    expect(props.get('DTEND;TZID=Asia/Kolkata')).toEqual(['20261124T223000']);
    expect(props.get('DTSTAMP')).toEqual(['20261120T091500Z']);
    expect(props.get('UID')).toEqual(['MM-7KQ2-X9RD-4PZT@tickets.example.com']);
    const zone = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
    expect(zone).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Kolkata',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0530',
      'TZOFFSETTO:+0530',
      'TZNAME:IST',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
    // The zone is defined before the event that uses it, and everything sits in one calendar.
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines.indexOf('END:VTIMEZONE')).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
    expect(props.get('VERSION')).toEqual(['2.0']);
    expect(props.get('PRODID')).toHaveLength(1);
  });

  it('puts a Dubai show at its local time, across midnight, for a given duration', () => {
    const dubai: Booking = { ...booking, timeZone: 'Asia/Dubai', startsAt: '2026-11-24T18:45:00.000Z' };
    const { props } = parse(bookingEvent(dubai, { origin, now, durationMinutes: 165 }));
    expect(props.get('DTSTART;TZID=Asia/Dubai')).toEqual(['20261124T224500']);
    expect(props.get('DTEND;TZID=Asia/Dubai')).toEqual(['20261125T013000']);
    expect(props.get('TZOFFSETFROM')).toEqual(['+0400']);
    expect(props.get('TZOFFSETTO')).toEqual(['+0400']);
  });

  it('describes the changes of a zone with summer time around the show', () => {
    const london: Booking = { ...booking, timeZone: 'Europe/London', startsAt: '2026-07-01T19:00:00.000Z' };
    const { lines, props } = parse(bookingEvent(london, { origin: 'tickets.example.com', now }));
    expect(props.get('DTSTART;TZID=Europe/London')).toEqual(['20260701T200000']);
    expect(props.get('UID')).toEqual(['MM-7KQ2-X9RD-4PZT@tickets.example.com']);
    const zone = lines.slice(lines.indexOf('BEGIN:VTIMEZONE') + 2, lines.indexOf('END:VTIMEZONE'));
    expect(zone.filter((line) => !line.startsWith('TZNAME'))).toEqual([
      'BEGIN:STANDARD',
      'DTSTART:20251026T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0000',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20260329T010000',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0100',
      'END:DAYLIGHT',
    ]);
  });

  it('ends a show that spans a change of clocks at the right wall-clock time', () => {
    // New York falls back from 02:00 to 01:00 on 2026-11-01: a 00:30 show of 3 hours ends at 02:30 EST.
    const late: Booking = { ...booking, timeZone: 'America/New_York', startsAt: '2026-11-01T04:30:00.000Z' };
    const { props } = parse(bookingEvent(late, { origin, now }));
    expect(props.get('DTSTART;TZID=America/New_York')).toEqual(['20261101T003000']);
    expect(props.get('DTEND;TZID=America/New_York')).toEqual(['20261101T023000']);
    expect(props.get('DTSTART')).toContain('20261101T020000');
    expect(props.get('TZOFFSETTO')?.at(-1)).toBe('-0500');
  });

  it('escapes text, folds long lines at 75 octets and keeps CRLF', () => {
    const tricky: Booking = {
      ...booking,
      movieTitle: 'Love; Death, and \\ Robots\nPart 2',
      theaterAddress: `Plot 7, ${'Sheikh Zayed Road — ദുബായ് '.repeat(4)}Dubai`,
    };
    const ics = bookingEvent(tricky, {
      origin,
      now,
      url: 'https://tickets.example.com/bookings/MM-7KQ2-X9RD-4PZT',
    });
    const { props } = parse(ics);
    expect(props.get('SUMMARY')).toEqual(['Love\\; Death\\, and \\\\ Robots\\nPart 2']);
    expect(unescapeText(props.get('SUMMARY')?.[0] ?? '')).toBe(tricky.movieTitle);
    expect(unescapeText(props.get('LOCATION')?.[0] ?? '')).toBe(
      `Harbour Lights Colaba, ${tricky.theaterAddress}`,
    );
    const description = unescapeText(props.get('DESCRIPTION')?.[0] ?? '');
    expect(description).toContain('Booking MM-7KQ2-X9RD-4PZT\nScreen 1\n');
    expect(description).toContain('Seats: C7, C8 (Premium); A1 (Standard)');
    expect(description).toContain('https://tickets.example.com/bookings/MM-7KQ2-X9RD-4PZT');
    expect(props.get('URL')).toEqual(['https://tickets.example.com/bookings/MM-7KQ2-X9RD-4PZT']);
    // Long lines were folded, and no line was cut inside a UTF-8 sequence.
    expect(ics).toMatch(/\r\n /);
    for (const line of ics.split('\r\n')) expect(line).not.toContain('\uFFFD');
  });

  it('folds by octets, not characters', () => {
    const line = `DESCRIPTION:${'ദ'.repeat(40)}`;
    const folded = fold(line).split('\r\n');
    for (const part of folded) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(fold('SHORT:line')).toBe('SHORT:line');
    expect(fold(`X:${'a'.repeat(73)}`)).toBe(`X:${'a'.repeat(73)}`);
    expect(fold(`X:${'a'.repeat(74)}`)).toBe(`X:${'a'.repeat(73)}\r\n a`);
  });

  it('escapes every special character of TEXT', () => {
    expect(escapeText('a\\b;c,d\r\ne\rf\ng\u0007h\ti')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng h\ti');
  });
});
