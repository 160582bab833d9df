import { describe, expect, it } from 'vitest';
import { fitSms, smsSegments } from './text';

describe('smsSegments', () => {
  it('counts GSM-7 text in 160 septets, then parts of 153', () => {
    expect(smsSegments('')).toBe(0);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments('Café à 19:30, écran 2 @ Ωmega!')).toBe(1);
  });

  it('counts the extension characters as two septets, never split across parts', () => {
    expect(smsSegments(`${'a'.repeat(158)}€`)).toBe(1);
    expect(smsSegments(`${'a'.repeat(159)}€`)).toBe(2);
    // 306 septets would fill two parts exactly, but the escape pair cannot straddle them.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toBe(3);
  });

  it('switches the whole text to UCS-2 for one character outside GSM-7', () => {
    expect(smsSegments('ж'.repeat(70))).toBe(1);
    expect(smsSegments('ж'.repeat(71))).toBe(2);
    expect(smsSegments('ж'.repeat(134))).toBe(2);
    expect(smsSegments('ж'.repeat(135))).toBe(3);
    expect(smsSegments(`${'a'.repeat(100)}₹`)).toBe(2);
    expect(smsSegments(`${'a'.repeat(100)}…`)).toBe(2);
    // An emoji is two UTF-16 units.
    expect(smsSegments('🎬'.repeat(35))).toBe(1);
    expect(smsSegments('🎬'.repeat(36))).toBe(2);
  });
});

describe('fitSms', () => {
  const booking =
    'Movie Magic: booking MM-7Q2 confirmed. Orbit of Ashes, Sat 28 Nov 19:30, Screen 2. Seats F7, F8.';

  it('leaves text that fits alone', () => {
    expect(fitSms(booking)).toBe(booking);
    expect(fitSms(booking, 1)).toBe(booking);
  });

  it('cuts at a space and ends with three dots, within the segments asked for', () => {
    const long = `${booking} ${'Enjoy the show and arrive early for the trailers. '.repeat(12)}`;
    for (const max of [1, 2, 3]) {
      const fitted = fitSms(long, max);
      expect(smsSegments(fitted)).toBeLessThanOrEqual(max);
      expect(smsSegments(fitted)).toBe(max);
      expect(fitted.endsWith('...')).toBe(true);
      expect(long.startsWith(fitted.slice(0, -3))).toBe(true);
      expect(long[fitted.length - 3]).toMatch(/[\s.]/);
    }
  });

  it('keeps GSM-7 when what needed UCS-2 is cut off', () => {
    const fitted = fitSms(`${'word '.repeat(40)}₹480`, 1);
    expect(fitted).not.toContain('₹');
    expect(fitted.length).toBeGreaterThan(140);
    expect(smsSegments(fitted)).toBe(1);
  });

  it('cuts a word with no space near the end', () => {
    const fitted = fitSms('x'.repeat(400), 1);
    expect(fitted).toBe(`${'x'.repeat(157)}...`);
  });

  it('refuses a segment count below one', () => {
    expect(() => fitSms(booking, 0)).toThrow(/maxSegments/);
  });
});
