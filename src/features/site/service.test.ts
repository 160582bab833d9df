import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../auth/model';
import type { Db } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { checkHealth, contactMessages, submitContact } from './service';

/** A table handle whose client answers every command with `answer`, recording what it was sent. */
function fakeDb(answer: (command: unknown) => Promise<unknown>) {
  const sent: unknown[] = [];
  const send = (command: unknown) => {
    sent.push(command);
    return answer(command);
  };
  const db: Db = { doc: { send } as unknown as DynamoDBDocumentClient, table: 'movie-magic-test' };
  return { db, sent };
}

const never = () => new Promise<never>(() => {});

afterEach(() => {
  vi.useRealTimers();
});

describe('checkHealth', () => {
  it('resolves when the table answers, after asking DynamoDB to describe it', async () => {
    const { db, sent } = fakeDb(async () => ({ Table: { TableStatus: 'ACTIVE' } }));
    await expect(checkHealth({ db }, 50)).resolves.toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(DescribeTableCommand);
    expect((sent[0] as DescribeTableCommand).input).toEqual({ TableName: 'movie-magic-test' });
  });

  it('gives up with unavailable when the table does not answer within the time limit', async () => {
    const { db } = fakeDb(never);
    const error = await checkHealth({ db }, 20).catch((caught: unknown) => caught);
    expect(AppError.match(error, 'unavailable')).toBe(true);
    expect((error as AppError).message).toBe('Database unreachable: timed out');
  });

  it('waits the whole time limit before giving up', async () => {
    vi.useFakeTimers();
    const { db } = fakeDb(never);
    let settled = false;
    const outcome = checkHealth({ db }, 1000).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    void outcome.finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(AppError.match(await outcome, 'unavailable')).toBe(true);
  });

  it('reports a failed request as unavailable, with its reason', async () => {
    const { db } = fakeDb(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')));
    const error = await checkHealth({ db }, 1000).catch((caught: unknown) => caught);
    expect(AppError.match(error, 'unavailable')).toBe(true);
    expect((error as AppError).message).toBe('Database unreachable: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('leaves no timer running once it has an answer', async () => {
    vi.useFakeTimers();
    const answered = fakeDb(async () => ({}));
    await checkHealth({ db: answered.db }, 1000);
    expect(vi.getTimerCount()).toBe(0);
    const failed = fakeDb(() => Promise.reject(new Error('refused')));
    await checkHealth({ db: failed.db }, 1000).catch(() => undefined);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('submitContact', () => {
  it("stores the message with the clock's time once, and returns its id as the reference", async () => {
    const { db, sent } = fakeDb(async () => ({}));
    const clock = { now: () => new Date('2026-11-24T09:00:00Z') };
    const input = {
      name: 'Asha',
      email: 'asha@example.com',
      topic: 'accessibility',
      message: 'The seat map is lovely.',
    } as const;
    const reference = await submitContact({ db, clock }, input, '203.0.113.9');
    expect(reference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Counted per address and per email first (the fake answers no count, so each is the first), then stored.
    const counted = sent.slice(0, 2).map((command) => (command as UpdateCommand).input.Key?.pk);
    expect(counted).toEqual(['RATE#contact-ip#203.0.113.9', 'RATE#contact-email#asha@example.com']);
    expect(sent).toHaveLength(3);
    const put = (sent[2] as { input: { Item: Record<string, unknown>; ConditionExpression: string } }).input;
    expect(put.Item).toMatchObject({ ...input, id: reference, receivedAt: '2026-11-24T09:00:00.000Z' });
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
  });
});

describe('contactMessages', () => {
  it('refuses a customer without reading the messages', async () => {
    const { db, sent } = fakeDb(async () => ({ Items: [] }));
    const customer: SessionUser = { id: 'u1', email: 'c@example.com', name: 'C', role: 'customer' };
    const error = await Promise.resolve()
      .then(() => contactMessages({ db }, customer, { size: 10 }))
      .catch((caught: unknown) => caught);
    expect(AppError.match(error, 'forbidden')).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
