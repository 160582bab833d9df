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
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { BOOKING_ID_PATTERN } from '../booking/booking-id';
import { BASE32_ALPHABET, decodeBase32, encodeBase32 } from '../../platform/base32';

const FORMAT = 'MM1';
const KEY_ID_LENGTH = 4;
const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;
const ED25519 = { name: 'Ed25519' } as const;
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

/** A public key a verifier trusts, with its id as it appears in codes. */
export type TicketVerifyKey = { id: string; publicKey: CryptoKey; raw: Uint8Array };

/**
 * The key that signs new codes and the keys whose codes are accepted, the signer's own first. The private
 * key is extractable so local mode can write it to its data folder.
 */
export type TicketKeys = {
  signing: { id: string; privateKey: CryptoKey };
  verify: TicketVerifyKey[];
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

/** A new key pair, for local mode and for making production keys. */
export async function generateTicketKeys(): Promise<TicketKeys> {
  const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const id = keyIdOf(raw);
  return { signing: { id, privateKey: pair.privateKey }, verify: [{ id, publicKey: pair.publicKey, raw }] };
}

/**
 * Keys from their configuration strings: TICKET_SIGNING_KEY is base64url (no padding) of the private
 * key's PKCS#8 encoding; TICKET_VERIFY_KEYS is a comma-separated list of base64url raw 32-byte public
 * keys, the ones whose codes are still accepted (the signer's own is added when missing). Throws an Error
 * naming the setting when a string is not a key.
 */
export async function ticketKeysFrom(settings: {
  signingKey: string;
  verifyKeys?: string;
}): Promise<TicketKeys> {
  const signing = await importSigningKey(settings.signingKey);
  const verify: TicketVerifyKey[] = [signing.verify];
  const entries = (settings.verifyKeys ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const [index, entry] of entries.entries()) {
    const key = await importVerifyKey(entry, index + 1, entries.length);
    if (!verify.some((known) => sameBytes(known.raw, key.raw))) verify.push(key);
  }
  return { signing: { id: signing.verify.id, privateKey: signing.privateKey }, verify };
}

/** The configuration strings for a set of keys, in the form ticketKeysFrom reads. */
export async function exportTicketKeys(
  keys: TicketKeys,
): Promise<{ signingKey: string; verifyKeys: string }> {
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.signing.privateKey));
  return {
    signingKey: encodeBase64urlNoPadding(pkcs8),
    verifyKeys: keys.verify.map((key) => encodeBase64urlNoPadding(key.raw)).join(','),
  };
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

function keyIdOf(rawPublicKey: Uint8Array): string {
  return encodeBase32(sha256(rawPublicKey)).slice(0, KEY_ID_LENGTH);
}

async function importSigningKey(text: string): Promise<{ privateKey: CryptoKey; verify: TicketVerifyKey }> {
  const problem =
    'TICKET_SIGNING_KEY is not an Ed25519 private key: expected base64url of its PKCS#8 encoding';
  if (!text.trim())
    throw new Error('TICKET_SIGNING_KEY is empty: set it to base64url of an Ed25519 PKCS#8 key');
  const pkcs8 = base64url(text.trim());
  if (!pkcs8) throw new Error(`${problem} (the value is not base64url)`);
  try {
    const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
    // WebCrypto cannot derive a public key directly; the private key's JWK carries it as `x`.
    const jwk = await crypto.subtle.exportKey('jwk', privateKey);
    const raw = jwk.x ? base64url(jwk.x) : undefined;
    if (raw?.length !== PUBLIC_KEY_BYTES) throw new Error('no public key');
    const publicKey = await crypto.subtle.importKey('raw', raw, ED25519, true, ['verify']);
    return { privateKey, verify: { id: keyIdOf(raw), publicKey, raw } };
  } catch {
    throw new Error(`${problem} (${pkcs8.length} bytes that do not decode as one)`);
  }
}

async function importVerifyKey(text: string, position: number, count: number): Promise<TicketVerifyKey> {
  const raw = base64url(text);
  if (raw?.length !== PUBLIC_KEY_BYTES) {
    throw new Error(
      `TICKET_VERIFY_KEYS entry ${position} of ${count} is not an Ed25519 public key: expected base64url of its ` +
        `${PUBLIC_KEY_BYTES} raw bytes${raw ? `, got ${raw.length} bytes` : ', got text that is not base64url'}`,
    );
  }
  const publicKey = await crypto.subtle.importKey('raw', raw, ED25519, true, ['verify']);
  return { id: keyIdOf(raw), publicKey, raw };
}

function base64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return undefined;
  try {
    return new Uint8Array(decodeBase64urlIgnorePadding(text));
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
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
