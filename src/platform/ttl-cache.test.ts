import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

/** Loads that each wait until the test settles them, in order (`pending`), and how many were started. */
function heldLoads() {
  let started = 0;
  const pending: ((value: number) => void)[] = [];
  const load = () => {
    started += 1;
    return new Promise<number>((resolve) => pending.push(resolve));
  };
  return { load, pending, loads: () => started };
}

describe('TtlCache', () => {
  it('shares one load between concurrent misses and reloads after the TTL', async () => {
    let time = 0;
    let loads = 0;
    const cache = new TtlCache(1000, () => time);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    time = 999;
    expect(await cache.get('k', load)).toBe(1);
    time = 1000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache(1000, () => 0);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('peeks at the entry get would hand out, until it expires or is forgotten', async () => {
    let time = 0;
    const cache = new TtlCache(1000, () => time);
    expect(cache.peek('k')).toBeUndefined();
    const first = cache.get('k', async () => 'read');
    expect(cache.peek('k')).toBe(first);
    time = 999;
    expect(cache.peek('k')).toBe(first);
    time = 1000;
    expect(cache.peek('k')).toBeUndefined();
    const second = cache.get('k', async () => 'again');
    expect(cache.peek('k')).toBe(second);
    cache.delete('k');
    expect(cache.peek('k')).toBeUndefined();
  });

  it('loads again ahead of expiry, handing out the old value until the new one is in', async () => {
    let time = 0;
    const cache = new TtlCache(1000, () => time, { refreshAheadMs: 200 });
    const { load, pending, loads } = heldLoads();
    const first = cache.get('k', load);
    pending.shift()?.(1);
    expect(await first).toBe(1);
    time = 799;
    expect(await cache.get('k', load)).toBe(1);
    expect(loads()).toBe(1);
    time = 800;
    // In the last 200 ms: a second load starts, and the first value is still the answer meanwhile.
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    expect(loads()).toBe(2);
    pending.shift()?.(2);
    await Promise.resolve();
    expect(await cache.get('k', load)).toBe(2);
    // The new value lives 1000 ms from the start of its load.
    time = 1799;
    expect(cache.peek('k')).toBeDefined();
    time = 1800;
    expect(cache.peek('k')).toBeUndefined();
  });

  it('waits for a refresh still loading at expiry, and drops one whose key was forgotten', async () => {
    let time = 0;
    const cache = new TtlCache(1000, () => time, { refreshAheadMs: 200 });
    const { load, pending, loads } = heldLoads();
    const first = cache.get('k', load);
    pending.shift()?.(1);
    await first;
    time = 900;
    await cache.get('k', load);
    time = 1000;
    const late = cache.get('k', load);
    expect(loads()).toBe(2);
    pending.shift()?.(2);
    expect(await late).toBe(2);

    time = 1800;
    await cache.get('k', load);
    expect(loads()).toBe(3);
    // A write forgets the key while its refresh loads: the refresh, read before the write, is not kept.
    cache.delete('k');
    pending.shift()?.(3);
    await Promise.resolve();
    expect(cache.peek('k')).toBeUndefined();
    const after = cache.get('k', load);
    expect(loads()).toBe(4);
    pending.shift()?.(4);
    expect(await after).toBe(4);
  });

  it('keeps the old value when a refresh fails, and refreshes again on a later read', async () => {
    let time = 0;
    const cache = new TtlCache(1000, () => time, { refreshAheadMs: 200 });
    expect(await cache.get('k', async () => 'old')).toBe('old');
    time = 900;
    expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe('old');
    await Promise.resolve();
    expect(await cache.get('k', async () => 'retried')).toBe('old');
    await Promise.resolve();
    expect(await cache.get('k', async () => 'unused')).toBe('retried');
  });

  it('passes straight through when the TTL is zero', async () => {
    let loads = 0;
    const cache = new TtlCache(0);
    await cache.get('k', async () => ++loads);
    await cache.get('k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
