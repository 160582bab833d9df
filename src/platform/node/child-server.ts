/**
 * Running a helper server as a child process (Node only): DynamoDB Local and the local SES server are
 * started, awaited and stopped the same way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** child-watchdog.mjs beside this file, or beside the bundle in dist/, where the build copies it. */
const watchdog = join(dirname(fileURLToPath(import.meta.url)), 'child-watchdog.mjs');

/**
 * Starts `command` under child-watchdog.mjs, which ends it when this process dies, SIGKILL included:
 * its stdin is a pipe from us that the kernel closes then. Stopping the returned process (SIGTERM)
 * stops the command too; its output comes through the returned process's stdout and stderr.
 */
export function spawnWatched(command: string, args: string[], options: { cwd?: string } = {}): ChildProcess {
  if (!existsSync(watchdog)) throw new Error(`${watchdog} is missing: run npm run build`);
  return spawn(process.execPath, [watchdog, command, ...args], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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

/**
 * Waits until `probe` answers (any HTTP response counts unless `ok` is required), then returns how to
 * stop the child: SIGTERM, and SIGKILL after 5 s. On failure the child is killed and the error carries
 * the tail of what it printed.
 */
export async function superviseChild(
  child: ChildProcess,
  options: { name: string; probe: string; requireOk?: boolean; timeoutMs: number },
): Promise<() => Promise<void>> {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const deadline = Date.now() + options.timeoutMs;
  let ready = false;
  while (!ready && Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(options.probe, {
        method: options.requireOk ? 'GET' : 'POST',
        signal: AbortSignal.timeout(1000),
      });
      ready = !options.requireOk || response.ok;
    } catch {
      // Not listening yet.
    }
    if (!ready) await new Promise((wake) => setTimeout(wake, 100));
  }
  if (!ready) {
    const why =
      child.exitCode !== null || child.signalCode !== null
        ? `${options.name} exited early (${child.exitCode ?? child.signalCode})`
        : `${options.name} did not answer on ${options.probe} within ${options.timeoutMs} ms`;
    child.kill('SIGKILL');
    throw new Error(`${why}${output ? `\n${output}` : ''}`);
  }
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
}
