import { describe, expect, it } from 'vitest';
import { DOOR_CODE_ALPHABET, formatDoorCode, newDoorCode, normalizeDoorCode } from './door-code';

describe('door codes', () => {
  it('has no look-alikes in its alphabet: no 0, 1, I, L, O or U', () => {
    expect(DOOR_CODE_ALPHABET).toHaveLength(30);
    expect(new Set(DOOR_CODE_ALPHABET).size).toBe(30);
    expect(DOOR_CODE_ALPHABET).not.toMatch(/[01ILOU]/);
  });

  it('draws eight characters of the alphabet, differently each time', () => {
    const codes = Array.from({ length: 200 }, () => newDoorCode());
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(new Set(codes).size).toBe(200);
  });

  it('uses every character and none more often than chance allows: bytes past 240 are drawn again', () => {
    // A source that gives 240..255 first (all refused) and then 0..29 proves refused bytes are skipped.
    let calls = 0;
    const code = newDoorCode((bytes) => {
      calls++;
      return bytes.map((_, i) => (calls === 1 ? 240 + (i % 16) : i));
    });
    expect(code).toBe('23456789');
    expect(calls).toBe(2);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++)
      for (const char of newDoorCode()) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(30);
    // 24,000 draws: 800 each on average; a biased modulo would skew the first 16 characters by 1/15.
    for (const count of counts.values()) expect(count).toBeGreaterThan(650);
  });

  it('reads a typed code with or without the dash or spaces, in any case', () => {
    for (const typed of [
      'K7MX-3QPA',
      'k7mx3qpa',
      ' k7mx 3qpa ',
      'K7MX – 3QPA'.replace('–', '-'),
      'k7-mx-3q-pa',
    ]) {
      expect(normalizeDoorCode(typed), typed).toBe('K7MX3QPA');
    }
  });

  it('reads anything else as no door code: too short or long, look-alikes, a QR code text', () => {
    for (const typed of [
      '',
      'K7MX-3QP',
      'K7MX-3QPAA',
      'K7MX-3QP0',
      'K7MX-3QPI',
      'MM1.ABCD.EFGH.IJKL',
      'MM-7KQ2-X9RD-4PZT',
    ]) {
      expect(normalizeDoorCode(typed), typed).toBeUndefined();
    }
  });

  it('shows a code as two groups of four', () => {
    expect(formatDoorCode('K7MX3QPA')).toBe('K7MX-3QPA');
  });
});
