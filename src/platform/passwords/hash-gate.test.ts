import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { gatedHasher } from './hash-gate';
import type { PasswordHasher } from './password-hasher';

/** A hasher whose every call waits until the test lets it finish, counting how many run at once. */
function heldHasher() {
  let running = 0;
  let most = 0;
  const release: (() => void)[] = [];
  const work = async <T>(value: T): Promise<T> => {
    running++;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => release.push(resolve));
    running--;
    return value;
  };
  const hasher: PasswordHasher = {
    hash: (password) => work(`hash:${password}`),
    verify: (phc, password) => work(phc === `hash:${password}`),
  };
  return {
    hasher,
    most: () => most,
    started: () => release.length,
    finishOne: async () => {
      release.shift()?.();
      // Let the finished call settle and the next in line start.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('gatedHasher', () => {
  it('runs at most `concurrency` hashes at once and starts the next as one finishes', async () => {
    const inner = heldHasher();
    const gate = gatedHasher(inner.hasher, { concurrency: 2, maxWaiting: 10 });
    const calls = Array.from({ length: 6 }, (_, i) => gate.verify(`hash:p${i}`, `p${i}`));
    await settled();
    expect(inner.started()).toBe(2);
    await inner.finishOne();
    await settled();
    expect(inner.started()).toBe(2);
    for (let i = 0; i < 6; i++) await inner.finishOne();
    expect(await Promise.all(calls)).toEqual([true, true, true, true, true, true]);
    expect(inner.most()).toBe(2);
  });

  it('turns a flood away at once with a 503-coded error and a retry hint, once the queue is full', async () => {
    const inner = heldHasher();
    const gate = gatedHasher(inner.hasher, { concurrency: 1, maxWaiting: 3 });
    const admitted = Array.from({ length: 4 }, () => gate.hash('secret'));
    const refused = await gate.verify('hash:x', 'x').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(AppError.match(refused, 'unavailable')).toBe(true);
    expect((refused as AppError).retryAfterSeconds).toBe(5);
    for (let i = 0; i < 4; i++) await inner.finishOne();
    expect(await Promise.all(admitted)).toEqual(Array(4).fill('hash:secret'));
    expect(inner.most()).toBe(1);
  });

  it('frees its slot when a hash fails', async () => {
    const failing: PasswordHasher = {
      hash: async () => {
        throw new Error('out of memory');
      },
      verify: async () => true,
    };
    const gate = gatedHasher(failing, { concurrency: 1, maxWaiting: 0 });
    await expect(gate.hash('a')).rejects.toThrow('out of memory');
    await expect(gate.verify('phc', 'a')).resolves.toBe(true);
  });
});
