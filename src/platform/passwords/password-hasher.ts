import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64IgnorePadding, encodeBase64NoPadding } from '@oslojs/encoding';

/** Hashes new passwords and checks one against a stored PHC string. */
export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
};

/** Argon2 costs as written in a PHC string: memory in KiB, passes, lanes. */
export type Argon2Params = { m: number; t: number; p: number };

/**
 * Raw argon2id, version 0x13: the one primitive a runtime supplies (node/argon2-native.ts, argon2-portable.ts).
 * Salts, encoding, parsing and comparison live here, so both runtimes write and accept the same strings.
 */
export type Argon2id = (
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  length: number,
) => Promise<Uint8Array>;

/** OWASP Password Storage Cheat Sheet, first argon2id option: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMS: Readonly<Argon2Params> = { m: 19456, t: 2, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/*
 * Limits on what a stored string may ask for. They sit far above anything this app has written, so older or
 * stronger parameters still verify, yet a corrupted row cannot make one sign-in allocate gigabytes or run
 * for minutes. A hash shorter than 16 bytes is refused because it would be easy to collide with.
 */
const LIMITS = {
  m: 262_144,
  t: 16,
  p: 16,
  salt: { min: 8, max: 64 },
  hash: { min: 16, max: 64 },
};

const PHC =
  /^\$argon2id\$v=19\$m=([1-9]\d{0,9}),t=([1-9]\d{0,9}),p=([1-9]\d{0,9})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

type Phc = { params: Argon2Params; salt: Uint8Array; hash: Uint8Array };

/** The PHC string the argon2 reference implementation writes: unpadded standard base64. */
export function formatPhc(params: Argon2Params, salt: Uint8Array, hash: Uint8Array): string {
  const { m, t, p } = params;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${encodeBase64NoPadding(salt)}$${encodeBase64NoPadding(hash)}`;
}

/** Only the canonical encoding, so one hash has exactly one spelling. */
function decodeCanonicalBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  try {
    const bytes = decodeBase64IgnorePadding(text);
    return encodeBase64NoPadding(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** The parameters, salt and hash of a stored string, or undefined when it is not one this app can verify. */
export function parsePhc(phc: string): Phc | undefined {
  const match = PHC.exec(phc);
  if (!match) return undefined;
  const [, m, t, p, salt64, hash64] = match;
  const params = { m: Number(m), t: Number(t), p: Number(p) };
  if (params.m > LIMITS.m || params.t > LIMITS.t || params.p > LIMITS.p) return undefined;
  // Argon2 needs at least 8 KiB of memory per lane.
  if (params.m < 8 * params.p) return undefined;
  const salt = decodeCanonicalBase64(salt64 ?? '');
  const hash = decodeCanonicalBase64(hash64 ?? '');
  if (!salt || salt.length < LIMITS.salt.min || salt.length > LIMITS.salt.max) return undefined;
  if (!hash || hash.length < LIMITS.hash.min || hash.length > LIMITS.hash.max) return undefined;
  return { params, salt, hash };
}

/** Whether a stored hash was made with other parameters than today's, so it should be replaced at sign-in. */
export function needsRehash(phc: string): boolean {
  const parsed = parsePhc(phc);
  if (!parsed) return true;
  const { params, salt, hash } = parsed;
  return (
    params.m !== ARGON2_PARAMS.m ||
    params.t !== ARGON2_PARAMS.t ||
    params.p !== ARGON2_PARAMS.p ||
    salt.length !== SALT_BYTES ||
    hash.length !== HASH_BYTES
  );
}

/*
 * NFKC, as NIST SP 800-63B advises, so the same password typed on keyboards that compose characters
 * differently (é as one code point or as e plus an accent) hashes the same.
 */
function passwordBytes(password: string): Uint8Array {
  return new TextEncoder().encode(password.normalize('NFKC'));
}

function randomSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/** A PasswordHasher over a runtime's argon2id. `salt` is replaceable only so tests can compare runtimes. */
export function argon2idHasher(argon2id: Argon2id, salt: () => Uint8Array = randomSalt): PasswordHasher {
  return {
    async hash(password) {
      const saltBytes = salt();
      const hash = await argon2id(passwordBytes(password), saltBytes, ARGON2_PARAMS, HASH_BYTES);
      return formatPhc(ARGON2_PARAMS, saltBytes, hash);
    },
    async verify(phc, password) {
      const stored = parsePhc(phc);
      if (!stored) return false;
      const hash = await argon2id(passwordBytes(password), stored.salt, stored.params, stored.hash.length);
      return constantTimeEqual(hash, stored.hash);
    },
  };
}
