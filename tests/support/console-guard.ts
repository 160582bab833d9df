import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * A test that logs an unexpected console.error fails. A test that expects one says so with
 * `expectConsoleError()` and the guard lets that test's errors through.
 */
let allowed = false;
let spy: ReturnType<typeof vi.spyOn> | undefined;

export function expectConsoleError(): void {
  allowed = true;
}

beforeEach(() => {
  allowed = false;
  spy = vi.spyOn(console, 'error');
});

afterEach(() => {
  const calls = spy?.mock.calls ?? [];
  spy?.mockRestore();
  if (!allowed) expect(calls, 'unexpected console.error').toEqual([]);
});
