/**
 * Crockford's base32 in upper case, as booking ids use it: no I, L, O or U, so text read aloud or typed
 * from paper is not misread, and every character is in the QR code's compact alphanumeric set.
 */
export const BASE32_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALUES = new Map([...BASE32_ALPHABET].map((char, value) => [char, value]));

/** Bytes as base32, most significant bit first, without padding. */
export function encodeBase32(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) text += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return text;
}

/**
 * The bytes of a canonical base32 string, or undefined. Strict on purpose: a length no byte string
 * encodes to, or non-zero padding bits in the last character, are refused, so every byte string has
 * exactly one spelling and a changed character can never decode to the same bytes.
 */
export function decodeBase32(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = VALUES.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
