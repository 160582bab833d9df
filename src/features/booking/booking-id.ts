import { sha256 } from '@oslojs/crypto/sha2';

// Crockford's base32: no I, L, O or U, so an id read aloud or copied by hand is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The booking id for a checkout's idempotency key: `MM-XXXX-XXXX-XXXX`, 60 bits taken from SHA-256 of
 * the key (128 random bits) and the user. The same checkout always names the same booking, so a replayed
 * confirm finds the booking the first one made; nobody without the key can guess it.
 */
export function bookingIdFor(idempotencyKey: string, userId: string): string {
  const digest = sha256(new TextEncoder().encode(`${idempotencyKey}:${userId}`));
  let bits = 0n;
  for (let i = 0; i < 8; i++) bits = (bits << 8n) | BigInt(digest[i] ?? 0);
  let chars = '';
  for (let i = 0; i < 12; i++) chars += ALPHABET[Number((bits >> BigInt(59 - i * 5)) & 31n)];
  return `MM-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export const BOOKING_ID_PATTERN = /^MM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
