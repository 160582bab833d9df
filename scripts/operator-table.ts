/**
 * The table an operator's command works on (`admin:create`, `catalog`): with the embedded database, its
 * own DynamoDB Local on the data directory, stopped when the command ends however it ends; each call given
 * start-up's time (SETUP_CALLS), since no page waits on it.
 */
import type { Config } from '../src/config';
import { SETUP_CALLS } from '../src/platform/aws-calls';
import { type Db, dbForConfig } from '../src/platform/db/client';
import { JavaMissingError, type LocalDynamo, startLocalDynamo } from '../src/platform/db/node/dynamodb-local';

export type OperatorTable =
  | { ok: true; db: Db; stop: () => Promise<void> }
  | { ok: false; code: 1; message: string };

/** Why a command that writes (`keeps`, what it writes) refuses an in-memory database; undefined if not. */
export function inMemoryRefusal(config: Config, keeps: string): string | undefined {
  return config.database.kind === 'embedded' && config.database.dataDir === null
    ? `DB_IN_MEMORY is set: ${keeps} in a database that vanishes when this ends is no use.`
    : undefined;
}

/**
 * Opens it, or says why not: a missing Java, or a DynamoDB Local that would not start (`startHint` is
 * added to say what to check).
 */
export async function openOperatorTable(
  config: Config,
  startHint: (dataDir: string) => string,
): Promise<OperatorTable> {
  const dataDir = config.database.kind === 'embedded' ? config.database.dataDir : null;
  let local: LocalDynamo | undefined;
  if (dataDir) {
    // An exit that skips the caller's cleanup must not leave DynamoDB Local running on its own.
    process.once('exit', () => void local?.stop());
    try {
      local = await startLocalDynamo({ dataDir });
    } catch (error) {
      if (error instanceof JavaMissingError) return { ok: false, code: 1, message: error.message };
      const why = (error as Error).message.split('\n')[0];
      return {
        ok: false,
        code: 1,
        message: `DynamoDB Local did not start on ${dataDir}: ${why}.${startHint(dataDir)}`,
      };
    }
  }
  const db = dbForConfig(config, local?.endpoint, SETUP_CALLS);
  return { ok: true, db, stop: async () => void (await local?.stop()) };
}
