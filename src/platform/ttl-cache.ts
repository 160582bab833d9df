type Entry = {
  /** When `value` stops being handed out: `ttlMs` after its load started. */
  expires: number;
  value: Promise<unknown>;
  /** A load started ahead of `expires` (`refreshAheadMs`), which replaces `value` once it succeeds. */
  next?: { started: number; value: Promise<unknown> } | undefined;
};

/**
 * A small read-through cache for reads that change rarely and are read on every page (the catalogue, and
 * sessions with their users).
 * Concurrent misses for one key share a single load. Per process (or Workers isolate): no shared state.
 * With `refreshAheadMs`, a read in the last `refreshAheadMs` of an entry's time loads it again in the
 * background and the entry is replaced when that load succeeds, so a key read all the time never makes
 * its readers wait for a load; no value is handed out longer than `ttlMs` after its load started.
 */
export class TtlCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly refreshAheadMs: number;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    options: { maxEntries?: number; refreshAheadMs?: number } = {},
  ) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.refreshAheadMs = options.refreshAheadMs ?? 0;
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const time = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > time) {
      if (!hit.next && hit.expires - time <= this.refreshAheadMs) this.refresh(key, hit, load(), time);
      return hit.value as Promise<T>;
    }
    // Expired while its refresh is still loading: that load is the read to wait for.
    if (hit?.next) return this.store(key, hit.next.value, hit.next.started) as Promise<T>;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    return this.store(key, load(), time);
  }

  /** What `get` would hand out for `key` now without loading: the fresh entry's promise, or undefined. */
  peek(key: string): Promise<unknown> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > this.now() ? hit.value : undefined;
  }

  /** Forgets `key`, and any refresh of it under way: its next read loads afresh. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private store<T>(key: string, value: Promise<T>, started: number): Promise<T> {
    const entry: Entry = { expires: started + this.ttlMs, value };
    this.entries.set(key, entry);
    // A failed load must not be served from the cache.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Replaces `hit` with `value` once it loads, unless `hit` was forgotten or replaced meanwhile. */
  private refresh(key: string, hit: Entry, value: Promise<unknown>, started: number): void {
    hit.next = { started, value };
    value.then(
      () => {
        if (this.entries.get(key) === hit) this.store(key, value, started);
      },
      // A failed refresh leaves the entry as it was until it expires; the read after that loads again.
      () => {
        if (hit.next?.value === value) hit.next = undefined;
      },
    );
  }
}
