/**
 * Local mode's mail server (Node only): aws-ses-v2-local, which answers the SES v2 API, keeps every
 * email in memory and shows them in a web viewer, so sign-up and reset links can be followed without
 * an AWS account.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from '../db/local';

/** A running local SES: the endpoint for the SDK, the page a developer opens, and how to stop it. */
export type LocalSes = { endpoint: string; viewerUrl: string; stop: () => Promise<void> };

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the local SES server exited early (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`${endpoint}/health-check`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`the local SES server did not answer on ${endpoint} within ${timeoutMs} ms`);
}

/**
 * Starts aws-ses-v2-local as a child process, so it dies with the app even when the app is killed
 * outright, on a free port of the loopback interface only: its viewer and `GET /store` show every
 * email, reset links included, to anyone who can reach them. Resolves once it answers.
 */
export async function startLocalSes(options: { port?: number } = {}): Promise<LocalSes> {
  // Resolved here rather than imported: a production install without devDependencies never needs it.
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [cli, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}${output ? `\n${output}` : ''}`);
  }
  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
