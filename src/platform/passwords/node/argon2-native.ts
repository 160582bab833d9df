import { type Algorithm, hashRaw, type Version } from '@node-rs/argon2';
import { type Argon2id, argon2idHasher } from '../password-hasher';

/*
 * The package declares Algorithm and Version as ambient const enums, which isolatedModules cannot inline,
 * so their values are written out: Argon2id = 2, V0x13 = 1.
 */
const ARGON2ID = 2 as Algorithm;
const V0X13 = 1 as Version;

/**
 * Native argon2id. The async hashRaw runs on the libuv thread pool, so a hash never blocks the event loop
 * and up to UV_THREADPOOL_SIZE (default 4) hashes run at once.
 */
export const nodeArgon2id: Argon2id = async (password, salt, { m, t, p }, length) =>
  new Uint8Array(
    await hashRaw(password, {
      algorithm: ARGON2ID,
      version: V0X13,
      memoryCost: m,
      timeCost: t,
      parallelism: p,
      outputLen: length,
      salt,
    }),
  );

/** The hasher for Node; the Workers build uses portableHasher, which writes and accepts the same strings. */
export const nodeHasher = argon2idHasher(nodeArgon2id);
