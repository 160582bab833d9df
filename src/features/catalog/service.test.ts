import { describe, expect, it } from 'vitest';
import { LISTING_DAYS, listingDates } from './service';

describe('listingDates', () => {
  it('lists today and the following days, one per day', () => {
    expect(listingDates('UTC', new Date('2026-11-24T09:00:00Z'))).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(LISTING_DAYS).toBe(7);
  });

  it("starts from today in the city's zone, not in UTC", () => {
    // 20:00 UTC is already 01:30 the next day in India and midnight in Dubai, still the 24th in New York.
    const evening = new Date('2026-11-24T20:00:00Z');
    expect(listingDates('UTC', evening)[0]).toBe('2026-11-24');
    expect(listingDates('Asia/Kolkata', evening)[0]).toBe('2026-11-25');
    expect(listingDates('Asia/Dubai', evening)[0]).toBe('2026-11-25');
    expect(listingDates('America/New_York', new Date('2026-11-25T03:00:00Z'))[0]).toBe('2026-11-24');
  });

  it('changes day at local midnight', () => {
    // Dubai is UTC+4 all year: its midnight is 20:00 UTC.
    expect(listingDates('Asia/Dubai', new Date('2026-11-24T19:59:59Z'))[0]).toBe('2026-11-24');
    expect(listingDates('Asia/Dubai', new Date('2026-11-24T20:00:00Z'))[0]).toBe('2026-11-25');
  });

  it('runs on across the end of a month and a year', () => {
    expect(listingDates('Asia/Kolkata', new Date('2026-12-28T12:00:00Z'))).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(listingDates('UTC', new Date('2028-02-26T00:00:00Z')).slice(2, 5)).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
  });

  it('lists calendar days across a daylight saving change', () => {
    // New York falls back on 1 November 2026: that day lasts 25 hours, and still appears once.
    expect(listingDates('America/New_York', new Date('2026-10-30T16:00:00Z'))).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
    ]);
  });
});
