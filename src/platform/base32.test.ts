import { describe, expect, it } from 'vitest';
import { BASE32_ALPHABET, decodeBase32, encodeBase32 } from './base32';

describe('base32', () => {
  it('round-trips every length and refuses non-canonical spellings', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = encodeBase32(bytes);
      expect(text).toMatch(new RegExp(`^[${BASE32_ALPHABET}]*$`));
      expect(decodeBase32(text)).toEqual(bytes);
    }
    // "Z" is 11111: as the last of two characters its low two bits would be padding, which must be zero.
    expect(decodeBase32('0Z')).toBeUndefined();
    expect(decodeBase32('0W')).toEqual(Uint8Array.of(7));
    expect(decodeBase32('0')).toBeUndefined();
    expect(decodeBase32('0O')).toBeUndefined();
    expect(decodeBase32('0w')).toBeUndefined();
  });
});
