/**
 * Ticket codes: what the QR code and the printed ticket carry, signed with Ed25519 so a scanner at the
 * door can check one without the database. WebCrypto and TextEncoder only, so the same file runs on Node
 * and on Workers.
 *
 * A code reads `MM1.<key id>.<payload>.<signature>`:
 * - `MM1` names the format (version 1), so a later layout can be told apart;
 * - the key id is 4 base32 characters of SHA-256 of the signer's raw public key, so a verifier holding
 *   several keys (rotation) knows which to try;
 * - the payload is a small binary record (below) in base32;
 * - the signature is Ed25519 over the UTF-8 of everything before the last dot, format and key id included.
 *
 * Base32 rather than base64url: upper-case letters, digits and dots are all in the QR alphanumeric set,
 * which costs 5.5 bits a character against 8 for base64url's byte mode, so the QR symbol comes out smaller
 * although the text is longer; and a code typed at a door is case-insensitive (`normalizeTicketCode`).
 *
 * Payload, version 1, big-endian:
 *   8 bytes   booking id: the 12 base32 characters after "MM-" as 60 bits (top 4 bits zero)
 *   4 bytes   start of validity, minutes since 1970-01-01T00:00Z
 *   2 bytes   length of validity, minutes (1 to 65535)
 *   1 + n     show id: length, then UTF-8
 *   1 + ...   seats: count, then each as length and UTF-8
 */

import { BASE32_ALPHABET, decodeBase32, encodeBase32 } from '../../platform/base32';
import {
  ED25519,
  KEY_ID_LENGTH,
  type TicketKeys,
  type TicketVerifyKey,
} from '../../platform/ticket-keys/ticket-keys';
import { BOOKING_ID_PATTERN } from '../booking/booking-id';

const FORMAT = 'MM1';
const SIGNATURE_BYTES = 64;
const MINUTE = 60_000;
const KEY_ID = new RegExp(`^[${BASE32_ALPHABET}]{${KEY_ID_LENGTH}}$`);

/** What a ticket code vouches for. The window is whole minutes: signing widens it to minute boundaries. */
export type TicketClaims = {
  bookingId: string;
  showId: string;
  seats: string[];
  notBefore: Date;
  notAfter: Date;
};

export type TicketCodeProblem = 'malformed' | 'unknown_key' | 'bad_signature';

export type TicketVerification =
  | { ok: true; ticket: TicketClaims & { keyId: string } }
  | { ok: false; reason: TicketCodeProblem };

/** What door staff are told for each way a code can fail. */
export const TICKET_CODE_MESSAGES: Record<TicketCodeProblem, string> = {
  malformed:
    'This is not a Movie Magic ticket code, or part of it is missing or mistyped. Scan it again or check the characters.',
  unknown_key:
    'This ticket code was signed with a key this venue does not trust: it is forged, or comes from a retired key.',
  bad_signature:
    'This ticket code has been altered: its signature does not match what it says. Do not admit.',
};

/** How long before the show a ticket starts to be accepted at the door: early arrivals, the lobby, food. */
export const TICKET_OPENS_BEFORE_MINUTES = 180;
/** How long after the start a ticket is still accepted: late comers, but not the next show on the screen. */
export const TICKET_CLOSES_AFTER_MINUTES = 60;

/** The validity window for a show's tickets: from 3 hours before the start until 1 hour after it. */
export function ticketWindow(startsAt: string | Date): { notBefore: Date; notAfter: Date } {
  const start = new Date(startsAt).getTime();
  return {
    notBefore: new Date(start - TICKET_OPENS_BEFORE_MINUTES * MINUTE),
    notAfter: new Date(start + TICKET_CLOSES_AFTER_MINUTES * MINUTE),
  };
}

/** Where `now` falls against a ticket's window; the end is exclusive. */
export function ticketWindowStatus(
  ticket: Pick<TicketClaims, 'notBefore' | 'notAfter'>,
  now: Date,
): 'early' | 'open' | 'closed' {
  if (now < ticket.notBefore) return 'early';
  return now < ticket.notAfter ? 'open' : 'closed';
}

/**
 * A code as someone typed it, made canonical: spaces and line breaks dropped, upper case, and the letters
 * Crockford's base32 reads as digits (O as 0, I and L as 1). Verification itself accepts only the
 * canonical form, so only typed input goes through here.
 */
export function normalizeTicketCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A signed ticket code for the claims. Throws a RangeError for claims the format cannot carry. */
export async function signTicket(keys: TicketKeys, claims: TicketClaims): Promise<string> {
  const unsigned = `${FORMAT}.${keys.signing.id}.${encodeBase32(encodePayload(claims))}`;
  const signature = await crypto.subtle.sign(
    ED25519,
    keys.signing.privateKey,
    new TextEncoder().encode(unsigned),
  );
  return `${unsigned}.${encodeBase32(new Uint8Array(signature))}`;
}

/**
 * Checks a code's form and signature against the trusted keys. The window is not checked here: the caller
 * holds the clock and the showtime (see ticketWindowStatus).
 */
export async function verifyTicket(
  verifyKeys: readonly TicketVerifyKey[],
  code: string,
): Promise<TicketVerification> {
  const parts = code.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'malformed' };
  const [format = '', keyId = '', payloadText = '', signatureText = ''] = parts;
  if (format !== FORMAT || !KEY_ID.test(keyId)) return { ok: false, reason: 'malformed' };
  const payload = decodeBase32(payloadText);
  const signature = decodeBase32(signatureText);
  if (!payload || signature?.length !== SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
  // Four characters of key id can collide between two keys of a list; each one with the id is tried.
  const candidates = verifyKeys.filter((key) => key.id === keyId);
  if (candidates.length === 0) return { ok: false, reason: 'unknown_key' };
  const signed = new TextEncoder().encode(code.slice(0, code.lastIndexOf('.')));
  for (const key of candidates) {
    if (await crypto.subtle.verify(ED25519, key.publicKey, signature, signed)) {
      // Decoded only once signed: unverified bytes never reach the parser.
      const claims = decodePayload(payload);
      return claims ? { ok: true, ticket: { ...claims, keyId } } : { ok: false, reason: 'malformed' };
    }
  }
  return { ok: false, reason: 'bad_signature' };
}

function encodePayload(claims: TicketClaims): Uint8Array {
  if (!BOOKING_ID_PATTERN.test(claims.bookingId)) {
    throw new RangeError(`A ticket needs a booking id like MM-7KQ2-X9RD-4PZT, not ${claims.bookingId}`);
  }
  const start = Math.floor(claims.notBefore.getTime() / MINUTE);
  const length = Math.ceil(claims.notAfter.getTime() / MINUTE) - start;
  if (!(start >= 0 && start <= 0xffff_ffff)) throw new RangeError('A ticket window must start after 1970');
  if (!(length >= 1 && length <= 0xffff))
    throw new RangeError('A ticket window must last 1 minute to 45 days');
  if (claims.seats.length < 1 || claims.seats.length > 255)
    throw new RangeError('A ticket holds 1 to 255 seats');
  const bytes: number[] = [];
  let id = 0n;
  for (const char of claims.bookingId.slice(3).replaceAll('-', '')) {
    id = (id << 5n) | BigInt(BASE32_ALPHABET.indexOf(char));
  }
  for (let shift = 56n; shift >= 0n; shift -= 8n) bytes.push(Number((id >> shift) & 0xffn));
  bytes.push(
    start >>> 24,
    (start >>> 16) & 0xff,
    (start >>> 8) & 0xff,
    start & 0xff,
    length >>> 8,
    length & 0xff,
  );
  pushText(bytes, claims.showId, 'show id');
  bytes.push(claims.seats.length);
  for (const seat of claims.seats) pushText(bytes, seat, 'seat id');
  return new Uint8Array(bytes);
}

function pushText(bytes: number[], text: string, what: string): void {
  const encoded = new TextEncoder().encode(text);
  if (encoded.length < 1 || encoded.length > 255)
    throw new RangeError(`A ticket's ${what} must be 1 to 255 bytes`);
  bytes.push(encoded.length, ...encoded);
}

function decodePayload(bytes: Uint8Array): TicketClaims | undefined {
  let at = 0;
  const byte = (): number => {
    const value = bytes[at++];
    if (value === undefined) throw new RangeError('short');
    return value;
  };
  const text = (): string => {
    const length = byte();
    if (length < 1 || at + length > bytes.length) throw new RangeError('short');
    const slice = bytes.subarray(at, at + length);
    at += length;
    return new TextDecoder('utf-8', { fatal: true }).decode(slice);
  };
  try {
    let id = 0n;
    for (let i = 0; i < 8; i++) id = (id << 8n) | BigInt(byte());
    if (id >> 60n !== 0n) return undefined;
    let chars = '';
    for (let shift = 55n; shift >= 0n; shift -= 5n) chars += BASE32_ALPHABET[Number((id >> shift) & 31n)];
    const start = ((byte() << 24) | (byte() << 16) | (byte() << 8) | byte()) >>> 0;
    const length = (byte() << 8) | byte();
    const showId = text();
    const seatCount = byte();
    const seats: string[] = [];
    for (let i = 0; i < seatCount; i++) seats.push(text());
    if (at !== bytes.length || length < 1 || seatCount < 1) return undefined;
    return {
      bookingId: `MM-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`,
      showId,
      seats,
      notBefore: new Date(start * MINUTE),
      notAfter: new Date((start + length) * MINUTE),
    };
  } catch {
    return undefined;
  }
}
