/**
 * `npm run admin:create -- --email admin@example.com [--name "Site Admin"] [--reset-password]`
 *
 * Makes an admin: creates the account (role admin, email verified) or promotes the one that already uses
 * the email. Reads the same environment as the server (src/config.ts), so it writes to the same table;
 * in local mode it starts its own DynamoDB Local on DATA_DIR. The password comes from ADMIN_PASSWORD or
 * a prompt on the terminal, never from the command line, where `ps` and shell history would keep it.
 *
 * Exit codes: 0 done, 1 failed, 2 bad usage (arguments, configuration, no terminal for the prompt).
 */

import { createInterface } from 'node:readline';
import { type Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/config';
import { normalizeEmail } from '../src/features/accounts/model';
import { type AdminAccountResult, ensureAdmin } from '../src/features/accounts/operator-accounts';
import { systemClock } from '../src/platform/clock';
import { ensureTable } from '../src/platform/db/table';
import { AppError } from '../src/platform/errors';
import { nodeHasher } from '../src/platform/passwords/node/argon2-native';
import { inMemoryRefusal, type OperatorTable, openOperatorTable } from './operator-table';

export const USAGE = 'Usage: npm run admin:create -- --email <address> [--name "<name>"] [--reset-password]';

/** The invocation is wrong (exit 2): arguments, configuration, or nowhere to read a password from. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The password prompt failed: cancelled, or the two entries differ (exit 1). */
export class AdminCreateError extends Error {
  override name = 'AdminCreateError';
}

export type AdminCreateOptions = {
  email: string;
  /** Used only when the account is created; an existing account keeps its name. */
  name: string | undefined;
  resetPassword: boolean;
};

const emailSchema = z.string().trim().min(1).max(254).pipe(z.email());
const nameSchema = z.string().trim().min(1).max(100);

/** The options from the command line, or a UsageError naming what is wrong. Undefined for --help. */
export function parseArgs(argv: string[]): AdminCreateOptions | undefined {
  let values: { email?: string; name?: string; 'reset-password'?: boolean; help?: boolean };
  try {
    ({ values } = parseNodeArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        'reset-password': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const why = (error as Error).message.split('\n')[0]?.replace(/\.?$/, '.');
    throw new UsageError(`${why} ${USAGE}`);
  }
  if (values.help) return undefined;
  if (values.email === undefined) throw new UsageError(`--email is required. ${USAGE}`);
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw new UsageError(`--email must be an email address like admin@example.com.`);
  const name = values.name === undefined ? undefined : nameSchema.safeParse(values.name);
  if (name && !name.success) throw new UsageError('--name must be 1 to 100 characters.');
  return {
    email: normalizeEmail(email.data),
    name: name?.data,
    resetPassword: values['reset-password'] ?? false,
  };
}

/** The one line the command prints on success. */
export function describeResult(result: AdminAccountResult): string {
  const password = result.passwordChanged
    ? `its password is reset and ${result.sessionsEnded === 1 ? '1 session' : `${result.sessionsEnded} sessions`} ended`
    : 'its password is unchanged (add --reset-password to set a new one)';
  switch (result.outcome) {
    case 'created':
      return `Created the admin account ${result.email}, email verified.`;
    case 'promoted':
      return `${result.email} already had an account (${result.previousRole}): promoted it to admin; ${password}.`;
    case 'already-admin':
      return `${result.email} is already an admin; ${password}.`;
  }
}

/** The prompt was closed (Ctrl-C, Ctrl-D) before a password was entered. */
class CancelledError extends AdminCreateError {
  constructor() {
    super('Cancelled; nothing was changed.');
  }
}

/** Asks each question on the terminal without echoing what is typed. */
async function askHidden(
  input: Readable,
  output: NodeJS.WritableStream,
  questions: string[],
): Promise<string[]> {
  let muted = false;
  // readline echoes keystrokes to its output; this one passes the prompts through and drops the rest.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: true, historySize: 0 });
  let fail: (error: Error) => void = () => {};
  rl.on('SIGINT', () => rl.close());
  rl.on('close', () => fail(new CancelledError()));
  try {
    const answers: string[] = [];
    for (const question of questions) {
      answers.push(
        await new Promise<string>((resolve, reject) => {
          fail = (error) => {
            // The Enter that would have ended the line was never typed.
            output.write('\n');
            reject(error);
          };
          muted = false;
          rl.question(question, (answer) => {
            fail = () => {};
            output.write('\n');
            resolve(answer);
          });
          muted = true;
        }),
      );
    }
    return answers;
  } finally {
    fail = () => {};
    rl.close();
  }
}

/**
 * The new password: ADMIN_PASSWORD when set, else typed twice on the terminal without echo. Without a
 * terminal it refuses at once, so a deploy script never hangs on a prompt nobody will answer.
 */
export async function readPassword(io: {
  env: Record<string, string | undefined>;
  input: Readable & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}): Promise<string> {
  const fromEnv = io.env.ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!io.input.isTTY) {
    throw new UsageError(
      'No terminal to ask for the password on: set ADMIN_PASSWORD, or run it in a terminal.',
    );
  }
  const [first, second] = await askHidden(io.input, io.output, [
    'Password for the admin account: ',
    'The same password again: ',
  ]);
  if (first !== second) throw new AdminCreateError('The two passwords differ; nothing was changed.');
  return first ?? '';
}

/** Runs the command; resolves to the exit code after printing one line. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { input: Readable & { isTTY?: boolean }; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stderr,
  },
): Promise<number> {
  const fail = (code: 1 | 2, message: string) => {
    console.error(`admin:create: ${message}`);
    return code;
  };
  let options: AdminCreateOptions | undefined;
  let config: ReturnType<typeof loadConfig>;
  try {
    options = parseArgs(argv);
    if (!options) {
      console.log(USAGE);
      return 0;
    }
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      const [, ...problems] = error.message.split('\n').map((line) => line.trim());
      return fail(2, `invalid configuration: ${problems.join('; ')}`);
    }
    if (error instanceof UsageError) return fail(2, error.message);
    throw error;
  }

  // Two DynamoDB Locals on one data directory share one SQLite file, and writes from the second can fail.
  const sharedDirHint = (dataDir: string) =>
    ` If \`make run\` is using ${dataDir}, stop it first, or set DYNAMODB_ENDPOINT to the endpoint its ` +
    '"started DynamoDB Local" log line shows.';
  const dataDir = config.database.kind === 'embedded' ? config.database.dataDir : null;

  const refusal = inMemoryRefusal(config, 'an account');
  if (refusal) return fail(2, refusal);
  let table: OperatorTable | undefined;
  try {
    table = await openOperatorTable(config, sharedDirHint);
    if (!table.ok) return fail(table.code, table.message);
    const { db } = table;
    await ensureTable(db);
    const result = await ensureAdmin({ db, clock: systemClock, passwords: nodeHasher }, options, () =>
      readPassword({ env, ...io }),
    );
    const ignored = env.ADMIN_PASSWORD && !result.passwordChanged ? ' ADMIN_PASSWORD was not used.' : '';
    console.log(`${describeResult(result)}${ignored}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return fail(2, error.message);
    if (error instanceof AdminCreateError || AppError.match(error)) return fail(1, error.message);
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    const serverSide = (failure.$metadata?.httpStatusCode ?? 0) >= 500;
    return fail(
      1,
      `${failure.message || failure.name} (table ${config.tableName}).${serverSide && dataDir ? sharedDirHint(dataDir) : ''}`,
    );
  } finally {
    if (table?.ok) await table.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`admin:create: ${error.message}`);
      process.exit(1);
    },
  );
}
