/** Local mode's ticket keys (Node only): kept in the data folder so printed tickets survive a restart. */
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportTicketKeys, generateTicketKeys, type TicketKeys, ticketKeysFrom } from '../ticket-keys';

export const LOCAL_TICKET_KEYS_FILE = 'ticket-keys.json';

/**
 * The key pair in `<dataDir>/ticket-keys.json`, made (mode 0600) on first use; with no data folder
 * (in-memory mode) a fresh pair that lasts as long as the process.
 */
export async function loadOrCreateLocalTicketKeys(dataDir: string | null): Promise<TicketKeys> {
  if (dataDir === null) return generateTicketKeys();
  const path = join(dataDir, LOCAL_TICKET_KEYS_FILE);
  const existing = await readKeysFile(path);
  if (existing) return existing;
  const keys = await generateTicketKeys();
  await mkdir(dataDir, { recursive: true });
  // Written whole to a private temporary file, then linked into place: link fails when another process
  // made the file first (its keys are then the ones to use), and nobody ever reads a half-written file.
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(await exportTicketKeys(keys), null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporary, path);
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKeysFile(path);
    if (!winner) throw new Error(`${path} vanished while it was being made`);
    return winner;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function readKeysFile(path: string): Promise<TicketKeys | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const advice = 'delete it to make a new pair (tickets already issued will then no longer scan)';
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON: ${advice}`);
  }
  const { signingKey, verifyKeys } = (settings ?? {}) as Record<string, unknown>;
  if (typeof signingKey !== 'string' || (verifyKeys !== undefined && typeof verifyKeys !== 'string')) {
    throw new Error(`${path} needs "signingKey" and "verifyKeys" strings: ${advice}`);
  }
  try {
    return await ticketKeysFrom({ signingKey, verifyKeys });
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}; ${advice}`);
  }
}
