import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/platform/node/child-server';

/** A running `wrangler dev`: where it answers and how to stop it with every workerd it started. */
export type WranglerDev = { url: string; output: () => string; stop: () => Promise<void> };

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'node_modules/wrangler/bin/wrangler.js');

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole process group, so workerd dies with the wrangler that spawned it.
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Starts the Workers build (wrangler.toml) under `wrangler dev --local` with no network access to
 * Cloudflare, and resolves once it answers HTTP. Stop it even when the test fails, or workerd lingers.
 */
export async function startWranglerDev(
  vars: Record<string, string>,
  timeoutMs = 90_000,
): Promise<WranglerDev> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const scratch = await mkdtemp(join(tmpdir(), 'movie-magic-wrangler-'));
  const args = [
    cli,
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--persist-to',
    join(scratch, 'state'),
    '--show-interactive-dev-session=false',
    '--live-reload=false',
    // GET /__scheduled runs the cron handler (the outbox round), which tests call.
    '--test-scheduled',
    ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      // The banner waits on a registry lookup for a newer wrangler.
      WRANGLER_HIDE_BANNER: 'true',
      WRANGLER_LOG_PATH: join(scratch, 'logs'),
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // A test run that dies before its afterAll must not leave a detached workerd holding the port.
  const orphanGuard = () => killGroup(child, 'SIGKILL');
  process.once('exit', orphanGuard);

  const stop = async () => {
    if (alive(child)) {
      killGroup(child, 'SIGTERM');
      const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
    }
    // wrangler may exit first and leave workerd behind in its group.
    killGroup(child, 'SIGKILL');
    process.off('exit', orphanGuard);
    await rm(scratch, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  try {
    while (true) {
      if (!alive(child)) throw new Error(`wrangler dev exited early (code ${child.exitCode})`);
      if (Date.now() > deadline)
        throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs} ms`);
      try {
        await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
        break;
      } catch {
        await new Promise((wake) => setTimeout(wake, 250));
      }
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { url, output: () => output, stop };
}
