import { describe, expect, it } from 'vitest';
import { addDays, dayBounds, isCalendarDate, localDate, offsetMinutes, zonedToUtc, zoneName } from './time';

describe('time zones', () => {
  it('converts a local wall-clock time to the UTC instant', () => {
    expect(zonedToUtc('2026-11-24', '19:30', 'Asia/Kolkata').toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(zonedToUtc('2026-11-24', '00:15', 'Asia/Dubai').toISOString()).toBe('2026-11-23T20:15:00.000Z');
    expect(zonedToUtc('2026-07-01', '20:00', 'Europe/London').toISOString()).toBe('2026-07-01T19:00:00.000Z');
  });

  it('resolves a time skipped by a DST jump to just after the gap, and a repeated one to the first', () => {
    // London jumps from 01:00 to 02:00 on 2026-03-29; 01:30 does not exist.
    expect(zonedToUtc('2026-03-29', '01:30', 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 01:30 happens twice on 2026-10-25; the first is still summer time (UTC+1).
    expect(zonedToUtc('2026-10-25', '01:30', 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives the local date and offset of an instant', () => {
    const late = new Date('2026-11-24T20:00:00Z');
    expect(localDate(late, 'Asia/Kolkata')).toBe('2026-11-25');
    expect(localDate(late, 'Asia/Dubai')).toBe('2026-11-25');
    expect(localDate(late, 'America/New_York')).toBe('2026-11-24');
    expect(offsetMinutes(late, 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(late, 'America/New_York')).toBe(-300);
    expect(zoneName(late, 'Asia/Dubai')).toMatch(/GMT\+4|GST/);
  });

  it('computes the UTC bounds of a local day', () => {
    const { start, end } = dayBounds('2026-11-24', 'Asia/Kolkata');
    expect(start.toISOString()).toBe('2026-11-23T18:30:00.000Z');
    expect(end.toISOString()).toBe('2026-11-24T18:30:00.000Z');
  });

  it('adds days across month and year ends and validates calendar dates', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(isCalendarDate('tomorrow')).toBe(false);
  });
});
