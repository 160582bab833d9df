/**
 * The Ed25519 keys that sign ticket codes, and those whose codes are still accepted: made, read from
 * their configuration strings (TICKET_SIGNING_KEY, TICKET_VERIFY_KEYS) and written back to them.
 * WebCrypto only, so the same file runs on Node and on Workers. What a code says and how it is signed
 * is the tickets feature's (src/features/tickets/code.ts).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { encodeBase32 } from '../base32';

/** How many base32 characters of the public key's SHA-256 name a key inside a code. */
export const KEY_ID_LENGTH = 4;
const PUBLIC_KEY_BYTES = 32;
export const ED25519 = { name: 'Ed25519' } as const;

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
