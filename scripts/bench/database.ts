/**
 * The database a benchmark runs against: Amazon's DynamoDB Local in memory, the table, and the demo
 * catalogue. Shared by `make bench` and `make bench-booking`.
 */
import type { Config } from '../../src/config';
import { loadDemoData } from '../../src/demo/seed';
import { type Db, dbForConfig } from '../../src/platform/db/client';
import { type LocalDynamo, startLocalDynamo } from '../../src/platform/db/node/dynamodb-local';
import { ensureTable } from '../../src/platform/db/table';
import { databasePid } from './cpu-meter';

/** `pid`: DynamoDB Local's Java process, where /proc can name it (for the CPU it uses). */
export type BenchDatabase = { db: Db; pid: number | undefined; stop: () => Promise<void> };

/**
 * Starts it and loads the demo data as of `now`. A crash or an interrupt (Ctrl-C, SIGTERM) stops it too,
 * so DynamoDB Local is never left running on its own; `stop()` is the normal way out.
 */
export async function startBenchDatabase(config: Config, now = new Date()): Promise<BenchDatabase> {
  let dynamo: LocalDynamo | undefined;
  let db: Db | undefined;
  const stop = async () => {
    db?.doc.destroy();
    await dynamo?.stop();
  };
  process.on('exit', () => void dynamo?.stop());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
  }
  try {
    dynamo = await startLocalDynamo({ dataDir: null });
    db = dbForConfig(config, dynamo.endpoint);
    await ensureTable(db);
    await loadDemoData(db, now);
    return { db, pid: databasePid(dynamo.port), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A benchmark's whole run: `measure` against a bench database started as of now, the database stopped
 * however it ends, and the process's exit code from what `measure` returns, or 1 with the error when it
 * throws. `measure` closes the servers it starts.
 */
export async function runBenchmark(
  config: Config,
  measure: (database: BenchDatabase, now: Date) => Promise<number>,
): Promise<void> {
  let database: BenchDatabase | undefined;
  try {
    const now = new Date();
    database = await startBenchDatabase(config, now);
    process.exitCode = await measure(database, now);
  } catch (error) {
    console.error(`Benchmark failed: ${(error as Error).stack ?? (error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await database?.stop();
  }
}
