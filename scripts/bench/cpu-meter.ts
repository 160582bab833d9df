/**
 * CPU time of the benchmark's two processes, for saying where a round's time went: DynamoDB Local's Java
 * process (found by its port in /proc, Linux only) and this Node process (the app server, the floor's
 * clients and the load generator's worker thread together).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** The pid of the Java process serving DynamoDB Local on `port`, if /proc can say. */
export function databasePid(port: number): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('-port');
      if (args[0]?.endsWith('java') && at >= 0 && args[at + 1] === String(port)) return Number(entry);
    }
  } catch {
    // Not Linux, or a process went away while listed: no figure rather than a wrong one.
  }
  return undefined;
}

/** Milliseconds of CPU (user and system) a process has used, from /proc/<pid>/stat. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export type CpuUse = { databaseMs: number | undefined; nodeMs: number };

/** Starts measuring; the function returned says the CPU each process used since. */
export function cpuMeter(pid: number | undefined): () => CpuUse {
  const database = pid === undefined ? undefined : processCpuMs(pid);
  const node = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(node);
    const now = pid === undefined ? undefined : processCpuMs(pid);
    return {
      databaseMs: database === undefined || now === undefined ? undefined : now - database,
      nodeMs: (used.user + used.system) / 1000,
    };
  };
}
