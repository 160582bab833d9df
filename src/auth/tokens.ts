import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

/** 120 random bits as lower-case base32: unguessable, and safe in URLs and cookies. */
export function randomString(bytes = 15): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/** SHA-256 of a secret as URL-safe base64: what is stored in place of the secret. */
export function hashSecret(secret: string): string {
  return encodeBase64urlNoPadding(sha256(new TextEncoder().encode(secret)));
}

/** Compares two stored hashes without leaking, through timing, how much of them matched. */
export function sameHash(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  return left.byteLength === right.byteLength && constantTimeEqual(left, right);
}
