import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../tests/support/db';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { check, count, hit, type Limit, limits, reached } from './service';

type Key = { pk: string; sk: string };
type Counter = { hits: number; ttl: number };

/**
 * An in-memory table that answers exactly the two requests the limiter makes: UpdateItem ADD hits :one
 * returning the new count, and a consistent GetItem of the counter. Anything else is a test failure.
 */
function counterTable() {
  const items = new Map<string, Counter & Key>();
  const keyOf = (key: Key) => `${key.pk}|${key.sk}`;
  const send = async (command: unknown) => {
    if (command instanceof UpdateCommand) {
      const { Key, UpdateExpression, ExpressionAttributeNames, ExpressionAttributeValues, ReturnValues } =
        command.input;
      expect(UpdateExpression).toMatch(/^ADD hits :one SET /);
      expect(ExpressionAttributeValues?.[':one']).toBe(1);
      expect(ExpressionAttributeNames).toEqual({ '#ttl': 'ttl' });
      expect(ReturnValues).toBe('UPDATED_NEW');
      const key = Key as Key;
      const hits = (items.get(keyOf(key))?.hits ?? 0) + 1;
      items.set(keyOf(key), { ...key, hits, ttl: ExpressionAttributeValues?.[':ttl'] });
      return { Attributes: { hits } };
    }
    if (command instanceof GetCommand) {
      expect(command.input.ConsistentRead).toBe(true);
      return { Item: items.get(keyOf(command.input.Key as Key)) };
    }
    throw new Error(`unexpected command ${(command as object).constructor.name}`);
  };
  const db: Db = { doc: { send } as unknown as DynamoDBDocumentClient, table: 'movie-magic-test' };
  return { db, items: () => [...items.values()] };
}

/** The AppError a call fails with; a failed test when it does not fail. */
async function failure(call: Promise<unknown>): Promise<AppError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(AppError.match(outcome), 'expected the call to fail with an AppError').toBe(true);
  return outcome as AppError;
}

const perMinute: Limit = { name: 'test-minute', max: 3, windowMs: 60_000 };
const perQuarterHour: Limit = { name: 'test-quarter', max: 1, windowMs: 15 * 60_000 };

function setup(at: string) {
  const table = counterTable();
  const clock = fixedClock(at);
  return { deps: { db: table.db, clock }, clock, items: table.items };
}

describe('hit', () => {
  it('allows max events in a window, then refuses with the seconds until the window ends', async () => {
    const { deps } = setup('2026-11-24T09:00:15Z');
    for (let i = 0; i < perMinute.max; i++) await hit(deps, perMinute, '203.0.113.9');
    const error = await failure(hit(deps, perMinute, '203.0.113.9'));
    expect(error.code).toBe('rate_limited');
    // The window is 09:00:00–09:01:00: 45 seconds to go.
    expect(error.retryAfterSeconds).toBe(45);
    expect(error.message).toBe('Too many attempts. Please try again in 45 seconds.');
  });

  it('keeps refusing for the rest of the window', async () => {
    const { deps, clock } = setup('2026-11-24T09:00:00Z');
    for (let i = 0; i < perMinute.max; i++) await hit(deps, perMinute, 'subject');
    expect((await failure(hit(deps, perMinute, 'subject'))).retryAfterSeconds).toBe(60);
    clock.set('2026-11-24T09:00:59.500Z');
    const last = await failure(hit(deps, perMinute, 'subject'));
    expect(last.code).toBe('rate_limited');
    // Half a second left rounds up: a client is never told to retry at once.
    expect(last.retryAfterSeconds).toBe(1);
    expect(last.message).toBe('Too many attempts. Please try again in 1 second.');
  });

  it('starts counting again when a new window begins', async () => {
    const { deps, clock } = setup('2026-11-24T09:00:30Z');
    for (let i = 0; i < perMinute.max; i++) await hit(deps, perMinute, 'subject');
    await failure(hit(deps, perMinute, 'subject'));
    clock.set('2026-11-24T09:01:00Z');
    for (let i = 0; i < perMinute.max; i++) await hit(deps, perMinute, 'subject');
    expect((await failure(hit(deps, perMinute, 'subject'))).code).toBe('rate_limited');
  });

  it('states a wait in seconds under 90 seconds and in whole minutes, rounded up, from 90', async () => {
    const cases = [
      ['2026-11-24T09:00:00Z', 900, 'Too many attempts. Please try again in 15 minutes.'],
      ['2026-11-24T09:13:29Z', 91, 'Too many attempts. Please try again in 2 minutes.'],
      ['2026-11-24T09:13:30Z', 90, 'Too many attempts. Please try again in 2 minutes.'],
      ['2026-11-24T09:13:31Z', 89, 'Too many attempts. Please try again in 89 seconds.'],
      ['2026-11-24T09:05:01Z', 599, 'Too many attempts. Please try again in 10 minutes.'],
    ] as const;
    for (const [at, seconds, message] of cases) {
      const { deps } = setup(at);
      await hit(deps, perQuarterHour, 'subject');
      const error = await failure(hit(deps, perQuarterHour, 'subject'));
      expect({ at, seconds: error.retryAfterSeconds, message: error.message }).toEqual({
        at,
        seconds,
        message,
      });
    }
  });

  it('keeps each counter a minute past the end of its window', async () => {
    const { deps, items } = setup('2026-11-24T09:07:00Z');
    await hit(deps, perQuarterHour, 'subject');
    const [counter] = items();
    expect(counter?.sk).toBe('2026-11-24T09:00:00.000Z');
    expect(counter?.ttl).toBe(Date.parse('2026-11-24T09:15:00Z') / 1000 + 60);
  });
});

describe('count and check', () => {
  it('count records events without ever refusing', async () => {
    const { deps } = setup('2026-11-24T09:00:00Z');
    for (let i = 0; i < perMinute.max + 2; i++) await count(deps, perMinute, 'subject');
    expect(await reached(deps, perMinute, 'subject')).toBe(true);
  });

  it('check passes below max and refuses once the count reached it', async () => {
    const { deps } = setup('2026-11-24T09:00:20Z');
    for (let i = 0; i < perMinute.max - 1; i++) await count(deps, perMinute, 'subject');
    await expect(check(deps, perMinute, 'subject')).resolves.toBeUndefined();
    await count(deps, perMinute, 'subject');
    const error = await failure(check(deps, perMinute, 'subject'));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(40);
    expect(error.message).toBe('Too many attempts. Please try again in 40 seconds.');
  });

  it('check does not count', async () => {
    const { deps, items } = setup('2026-11-24T09:00:00Z');
    await count(deps, perMinute, 'subject');
    for (let i = 0; i < perMinute.max + 2; i++) await check(deps, perMinute, 'subject');
    expect(items().map((item) => item.hits)).toEqual([1]);
    expect(await reached(deps, perMinute, 'subject')).toBe(false);
  });

  it('check passes again in the next window', async () => {
    const { deps, clock } = setup('2026-11-24T09:00:00Z');
    for (let i = 0; i < perMinute.max; i++) await count(deps, perMinute, 'subject');
    await failure(check(deps, perMinute, 'subject'));
    clock.set('2026-11-24T09:01:00Z');
    await expect(check(deps, perMinute, 'subject')).resolves.toBeUndefined();
  });
});

describe('reached', () => {
  it('is false before any event and turns true at the max-th event', async () => {
    const { deps } = setup('2026-11-24T09:00:00Z');
    expect(await reached(deps, perMinute, 'subject')).toBe(false);
    for (let i = 1; i < perMinute.max; i++) {
      await hit(deps, perMinute, 'subject');
      expect(await reached(deps, perMinute, 'subject')).toBe(false);
    }
    await hit(deps, perMinute, 'subject');
    expect(await reached(deps, perMinute, 'subject')).toBe(true);
  });
});

describe('separate counts', () => {
  it('counts each subject on its own', async () => {
    const { deps } = setup('2026-11-24T09:00:00Z');
    for (let i = 0; i < perMinute.max; i++) await hit(deps, perMinute, '203.0.113.9');
    await failure(hit(deps, perMinute, '203.0.113.9'));
    await expect(hit(deps, perMinute, '198.51.100.7')).resolves.toBeUndefined();
    expect(await reached(deps, perMinute, '198.51.100.7')).toBe(false);
  });

  it('counts each limit on its own for one subject', async () => {
    const { deps } = setup('2026-11-24T09:00:00Z');
    const sameWindow: Limit = { ...perMinute, name: 'test-other' };
    for (let i = 0; i < perMinute.max; i++) await hit(deps, perMinute, 'subject');
    expect(await reached(deps, sameWindow, 'subject')).toBe(false);
    await expect(hit(deps, sameWindow, 'subject')).resolves.toBeUndefined();
    await expect(check(deps, sameWindow, 'subject')).resolves.toBeUndefined();
  });
});

describe('the configured limits', () => {
  it('have distinct names, positive maximums and windows', () => {
    const all = Object.values(limits);
    expect(new Set(all.map((limit) => limit.name)).size).toBe(all.length);
    // The counter key is RATE#<name>#<subject>: a name without '#' keeps it unambiguous for any subject.
    for (const limit of all) {
      expect(limit.name).toMatch(/^[a-z-]+$/);
      expect(limit.max).toBeGreaterThan(0);
      expect(limit.windowMs).toBeGreaterThan(0);
    }
  });
});
