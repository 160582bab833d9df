import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in a data directory that names the process using it. */
export const LOCK_FILE = 'movie-magic.lock';

/** Another live process holds the data directory: a second DynamoDB Local on it would corrupt writes. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: number,
  ) {
    super(
      `another Movie Magic process (pid ${holder}) is using the data directory ${dataDir}: stop it first ` +
        `(Ctrl-C where it runs, or kill ${holder}), or set DATA_DIR to another directory. If pid ${holder} ` +
        `is not Movie Magic, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !zombie(pid);
}

/**
 * A server killed outright stays a zombie until its parent collects it, which a container's PID 1 may
 * never do; signals still reach it, but it is dead. Linux says so in /proc; elsewhere we cannot tell.
 */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function holderOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims `dataDir` for process `pid` with a lock file holding that pid, written whole before it appears
 * (a link of a finished file), so a reader never sees it half-written. A lock whose process is dead is
 * stale (a server killed outright leaves one) and is taken over. Returns the release, which removes the
 * file only while it still names `pid`. Throws DataDirInUseError while a live process holds it.
 */
export function lockDataDir(dataDir: string, pid: number = process.pid): () => void {
  const path = join(dataDir, LOCK_FILE);
  const draft = `${path}.${pid}`;
  writeFileSync(draft, `${pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(draft, path);
        return () => {
          if (holderOf(path) === pid) rmSync(path, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = holderOf(path);
      if (holder !== undefined && holder !== pid && alive(holder))
        throw new DataDirInUseError(dataDir, holder);
      rmSync(path, { force: true });
    }
    throw new Error(`could not take ${path}: another process keeps replacing it`);
  } finally {
    rmSync(draft, { force: true });
  }
}
