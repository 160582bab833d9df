import { argon2idAsync } from '@noble/hashes/argon2.js';
import { type Argon2id, argon2idHasher } from './password-hasher';

/*
 * Pure JavaScript, for Cloudflare Workers, where native modules cannot load. There it runs on the request's
 * own isolate and its CPU time counts against the Worker's CPU limit: there is no thread pool to hand it to.
 * The async variant gives the event loop a turn every few milliseconds (asyncTick), so other requests on the
 * same isolate keep moving while a hash runs, at the price of a slightly longer hash.
 */
export const portableArgon2id: Argon2id = (password, salt, { m, t, p }, length) =>
  argon2idAsync(password, salt, { m, t, p, dkLen: length, version: 0x13 });

/** The hasher for Workers; it writes and accepts the same strings as nodeHasher. */
export const portableHasher = argon2idHasher(portableArgon2id);
