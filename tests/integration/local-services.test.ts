import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/platform/db/node/data-dir-lock';

/*
 * The built server in local mode (node dist/server.js, as `make run` starts it), on a data directory of
 * its own: its DynamoDB Local and SES server die with it however it dies, a second server refuses the
 * data directory while the first lives and takes it over once the first is dead, and the app, the
 * database, the mail server and the payment server listen on 127.0.0.1 only.
 */

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'movie-magic-local-'));
const started: ChildProcess[] = [];

type Server = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** The fields of the first log line with this message, once it is printed. */
  logged: (message: string) => Promise<Record<string, unknown>>;
};

function startServer(env: Record<string, string> = {}): Server {
  const child = spawn(process.execPath, [join(root, 'dist/server.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', DEMO_DATA: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const logged = async (message: string) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        const fields = JSON.parse(line) as Record<string, unknown>;
        if (fields.msg === message) return fields;
      }
      if (child.exitCode !== null) break;
      await new Promise((wake) => setTimeout(wake, 100));
    }
    throw new Error(`the server never logged "${message}":\n${output}`);
  };
  return { child, output: () => output, exited, logged };
}

/** Whether anything accepts a connection at `url` (any HTTP answer counts). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** The processes whose command line mentions `text` (their program first, if `program` is given). */
function processesMentioning(text: string, program?: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((arg) => arg.includes(text)) && (!program || args[0] === program);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The local addresses listening on `port`, from the kernel's socket tables (IPv4 and IPv6). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      // st 0A: LISTEN.
      .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
      .map((fields) => readableAddress(fields[1]?.split(':')[0] ?? '')),
  );
}

/** 0100007F → 127.0.0.1; an IPv4-mapped IPv6 address likewise; anything else as the kernel wrote it. */
function readableAddress(hex: string): string {
  const v4 = hex.length === 8 ? hex : hex.startsWith('0000000000000000FFFF0000') ? hex.slice(24) : undefined;
  if (!v4) return hex === '0'.repeat(32) ? '::' : hex;
  return [6, 4, 2, 0].map((at) => Number.parseInt(v4.slice(at, at + 2), 16)).join('.');
}

const portOf = (url: unknown) => Number(new URL(String(url)).port);

/** This machine's first non-loopback IPv4 address, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
}

afterAll(async () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // The watched children need a moment to notice; the test below checks they do.
  await new Promise((wake) => setTimeout(wake, 1000));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('make run', () => {
  let first: Server;
  let dynamo = '';
  let ses = '';
  let app = '';

  it('listens on 127.0.0.1 only: the app, its DynamoDB Local, its SES server and its payment server', async () => {
    first = startServer();
    dynamo = String((await first.logged('started DynamoDB Local')).endpoint);
    ses = String((await first.logged('local SES viewer')).endpoint);
    const payments = String((await first.logged('local payment server')).url);
    app = String((await first.logged('listening')).url);
    for (const url of [app, dynamo, ses, payments]) {
      expect(listeningAddresses(portOf(url)), url).toEqual(['127.0.0.1']);
    }
    const outside = outsideAddress();
    if (outside) {
      for (const url of [app, dynamo, ses, payments]) {
        expect(await answers(`http://${outside}:${portOf(url)}/`), `${url} from ${outside}`).toBe(false);
      }
    }
    expect(await answers(dynamo)).toBe(true);
  }, 90_000);

  it('refuses a second server on the same data directory, naming the one that holds it', async () => {
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(first.child.pid));
    const second = startServer();
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(
      `another Movie Magic process (pid ${first.child.pid}) is using the data directory ${dataDir}`,
    );
    expect(processesMentioning(dataDir, 'java')).toHaveLength(1); // the first server's DynamoDB Local alone
  }, 30_000);

  it('takes DynamoDB Local and the SES server down with it when it is killed outright', async () => {
    first.child.kill('SIGKILL');
    await first.exited;
    const deadline = Date.now() + 5000;
    let left = processesMentioning(dataDir);
    while ((left.length > 0 || (await answers(dynamo)) || (await answers(ses))) && Date.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, 200));
      left = processesMentioning(dataDir);
    }
    expect(left).toEqual([]);
    expect(await answers(dynamo)).toBe(false);
    expect(await answers(ses)).toBe(false);
  }, 30_000);

  it('takes over the lock a dead server left, and gives it back when stopped', async () => {
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true); // left by the killed server
    const next = startServer();
    await next.logged('listening');
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(next.child.pid));
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 90_000);

  it('listens where HOST says', async () => {
    writeFileSync(join(dataDir, LOCK_FILE), '999999999\n'); // a pid no process has
    const open = startServer({ HOST: '0.0.0.0' });
    const url = String((await open.logged('listening')).url);
    expect(listeningAddresses(portOf(url))).toEqual(['0.0.0.0']);
    open.child.kill('SIGTERM');
    expect(await open.exited).toBe(0);
  }, 90_000);
});
