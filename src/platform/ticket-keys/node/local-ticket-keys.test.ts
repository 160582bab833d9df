import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_TICKET_KEYS_FILE, loadOrCreateLocalTicketKeys } from './local-ticket-keys';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ticket-keys-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('local ticket keys', () => {
  it('creates the key file with owner-only access and reads the same keys back', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadOrCreateLocalTicketKeys(dataDir);
    const path = join(dataDir, LOCAL_TICKET_KEYS_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')))).toEqual(['signingKey', 'verifyKeys']);

    const second = await loadOrCreateLocalTicketKeys(dataDir);
    expect(second.signing.id).toBe(first.signing.id);
    // What the first signs, the keys read back verify.
    const signed = new TextEncoder().encode('MM1.test');
    const signature = await crypto.subtle.sign('Ed25519', first.signing.privateKey, signed);
    const [publicKey] = second.verify;
    expect(publicKey?.id).toBe(first.signing.id);
    if (!publicKey) throw new Error('no public key read back');
    expect(await crypto.subtle.verify('Ed25519', publicKey.publicKey, signature, signed)).toBe(true);
  });

  it('agrees on one pair when two callers race to create it', async () => {
    const racers = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateLocalTicketKeys(dir)));
    expect(new Set(racers.map((keys) => keys.signing.id)).size).toBe(1);
    expect(await readdir(dir)).toEqual([LOCAL_TICKET_KEYS_FILE]);
  });

  it('makes a fresh pair each time in memory mode', async () => {
    const a = await loadOrCreateLocalTicketKeys(null);
    const b = await loadOrCreateLocalTicketKeys(null);
    expect(a.signing.id).not.toBe(b.signing.id);
  });

  it('says which file is broken and what to do', async () => {
    const path = join(dir, LOCAL_TICKET_KEYS_FILE);
    await writeFile(path, 'nonsense');
    await expect(loadOrCreateLocalTicketKeys(dir)).rejects.toThrow(`${path} is not JSON: delete it`);
    await writeFile(path, JSON.stringify({ signingKey: 'AAAA' }));
    await expect(loadOrCreateLocalTicketKeys(dir)).rejects.toThrow(
      new RegExp(`^${path}: TICKET_SIGNING_KEY is not an Ed25519 private key.*delete it`),
    );
  });
});
