import { describe, expect, it } from 'vitest';
import { InFlightLimit } from './in-flight';

const later = () => {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
};

describe('InFlightLimit', () => {
  it('runs at most `limit` at once and starts the waiting ones in order as others finish', async () => {
    const gate = new InFlightLimit(2, 10_000, 'DynamoDB');
    const started: number[] = [];
    const tasks = [later(), later(), later(), later()];
    const runs = tasks.map((task, i) =>
      gate.run(async () => {
        started.push(i);
        await task.done;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    tasks[1]?.finish();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const task of tasks) task.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('lets a failed request hand over its place too', async () => {
    const gate = new InFlightLimit(1, 10_000, 'DynamoDB');
    const failing = gate.run(() => Promise.reject(new Error('refused')));
    const next = gate.run(async () => 'sent');
    await expect(failing).rejects.toThrow('refused');
    expect(await next).toBe('sent');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses as unavailable a request that cannot start within the wait allowed, sending nothing', async () => {
    const gate = new InFlightLimit(1, 20, 'DynamoDB');
    const stuck = later();
    const first = gate.run(() => stuck.done);
    let sent = false;
    await expect(
      gate.run(async () => {
        sent = true;
      }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('DynamoDB is overloaded'),
    });
    expect(sent).toBe(false);
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    stuck.finish();
    await first;
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
