import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../auth/model';
import { randomString } from '../../auth/tokens';

/*
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that has
 * signed in to an account before carries a token for it, `<userId>.<nonce>.<signature>`, and keeps
 * signing in while strangers' guesses throttle the account. The signature is an HMAC keyed from the
 * account's password hash, which only the server holds: nobody can make one without having signed in,
 * and a password change or reset voids every device cookie of the account at once.
 */

/** A browser keeps tokens for this many accounts (a shared family laptop), newest first. */
const MAX_ACCOUNTS = 5;
const LIFETIME_SECONDS = 365 * 24 * 3600;
const encoder = new TextEncoder();

export function deviceCookieName(local: boolean): string {
  return local ? 'device' : '__Host-device';
}

function signature(user: Pick<User, 'id' | 'passwordHash'>, nonce: string): Uint8Array {
  const key = encoder.encode(`movie-magic device cookie\n${user.passwordHash}`);
  return hmac(SHA256, key, encoder.encode(`${user.id}.${nonce}`));
}

/** A new token for `user`, for the browser that just signed in. */
export function deviceToken(user: Pick<User, 'id' | 'passwordHash'>, nonce = randomString()): string {
  return `${user.id}.${nonce}.${encodeBase64urlNoPadding(signature(user, nonce))}`;
}

/**
 * The nonce of the browser's valid token for `user`, if it has one: the subject its own failures are
 * counted under. Malformed or forged tokens are simply not trusted.
 */
export function trustedDevice(tokens: string[], user: Pick<User, 'id' | 'passwordHash'>): string | undefined {
  for (const token of tokens) {
    const [userId, nonce, mac, ...rest] = token.split('.');
    if (rest.length || userId !== user.id || !nonce || !mac || !/^[a-z2-7]{24}$/.test(nonce)) continue;
    let given: Uint8Array;
    try {
      given = decodeBase64urlIgnorePadding(mac);
    } catch {
      continue;
    }
    const expected = signature(user, nonce);
    if (given.byteLength === expected.byteLength && constantTimeEqual(given, expected)) return nonce;
  }
  return undefined;
}

/** The tokens the browser sent. */
export function deviceTokens(c: Context): string[] {
  const value = getCookie(c, deviceCookieName(c.var.deps.config.local)) ?? '';
  return value.split('~').filter(Boolean).slice(0, MAX_ACCOUNTS);
}

/** Puts `token` first in the browser's cookie, replacing any older token for the same account. */
export function rememberDevice(c: Context, token: string): void {
  const userId = token.split('.')[0];
  const others = deviceTokens(c).filter((t) => t.split('.')[0] !== userId);
  const local = c.var.deps.config.local;
  setCookie(c, deviceCookieName(local), [token, ...others].slice(0, MAX_ACCOUNTS).join('~'), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: !local,
    maxAge: LIFETIME_SECONDS,
  });
}
