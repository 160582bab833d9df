/**
 * `npm run catalog -- export [--out FILE]`
 * `npm run catalog -- import FILE [--dry-run]`
 * `npm run catalog -- schema [--out FILE]`
 *
 * Moves the catalogue (cities, theaters, screens, uploaded posters, movies, showtimes) between the table
 * and one JSON file (docs/catalogue-file.md). Import checks the whole file first, prints what it would
 * create, change or leave, and writes only the difference, creating the table when it is missing; a dry
 * run writes nothing.
 * Reads the same environment as the server (src/config.ts); in local mode it starts its own DynamoDB
 * Local on DATA_DIR.
 *
 * Exit codes: 0 done, 1 failed (a refused file, a database error), 2 bad usage (arguments, configuration).
 */

import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';
import {
  describePlan,
  formatCatalogue,
  importCatalogue,
  parseCatalogueText,
  readCatalogue,
} from '../src/features/catalog/transfer';
import { CATALOGUE_LISTS, catalogueJsonSchema } from '../src/features/catalog/transfer-schema';
import { ensureTable } from '../src/platform/db/table';
import { AppError } from '../src/platform/errors';
import { inMemoryRefusal, type OperatorTable, openOperatorTable } from './operator-table';

export const USAGE =
  'Usage: npm run catalog -- export [--out FILE] | import FILE [--dry-run] | schema [--out FILE]';

/** The invocation is wrong (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type CatalogCommand =
  | { command: 'export'; out: string | undefined }
  | { command: 'import'; file: string; dryRun: boolean }
  | { command: 'schema'; out: string | undefined };

/** The command from the command line, or a UsageError naming what is wrong. Undefined for --help. */
export function parseArgs(argv: string[]): CatalogCommand | undefined {
  let parsed: { values: { out?: string; 'dry-run'?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseNodeArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const why = (error as Error).message.split('\n')[0]?.replace(/\.?$/, '.');
    throw new UsageError(`${why} ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const [command, ...rest] = positionals;
  if (command === 'import') {
    if (rest.length !== 1 || !rest[0]) throw new UsageError(`import takes one FILE. ${USAGE}`);
    if (values.out !== undefined) throw new UsageError(`--out is for export and schema. ${USAGE}`);
    return { command, file: rest[0], dryRun: values['dry-run'] ?? false };
  }
  if (command === 'export' || command === 'schema') {
    if (rest.length > 0) throw new UsageError(`${command} takes no FILE; use --out FILE. ${USAGE}`);
    if (values['dry-run']) throw new UsageError(`--dry-run is for import. ${USAGE}`);
    return { command, out: values.out };
  }
  throw new UsageError(command ? `Unknown command "${command}". ${USAGE}` : USAGE);
}

/** A refused file or a failed read: the message, then each problem on a line of its own with its path. */
export function describeFailure(error: AppError): string {
  const fields = Object.entries(error.fields).map(([path, message]) => `\n  ${path}: ${message}`);
  return `${error.message}${fields.join('')}`;
}

async function writeOut(text: string, out: string | undefined): Promise<void> {
  if (out !== undefined) return writeFile(out, text);
  // process.exit does not wait for a pipe to drain: wait until the whole text has been handed over.
  await new Promise<void>((done, fail) =>
    process.stdout.write(text, (error) => (error ? fail(error) : done())),
  );
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const fail = (code: 1 | 2, message: string) => {
    console.error(`catalog: ${message}`);
    return code;
  };
  let command: CatalogCommand | undefined;
  let config: ReturnType<typeof loadConfig>;
  try {
    command = parseArgs(argv);
    if (!command) {
      console.log(USAGE);
      return 0;
    }
    if (command.command === 'schema') {
      await writeOut(`${JSON.stringify(catalogueJsonSchema(), null, 2)}\n`, command.out);
      return 0;
    }
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      const [, ...problems] = error.message.split('\n').map((line) => line.trim());
      return fail(2, `invalid configuration: ${problems.join('; ')}`);
    }
    if (error instanceof UsageError) return fail(2, error.message);
    return fail(1, (error as Error).message);
  }

  // The file is read and checked before any database is started: a bad file fails fast.
  let text: string | undefined;
  if (command.command === 'import') {
    try {
      text = await readFile(command.file, 'utf8');
    } catch (error) {
      return fail(1, `cannot read ${command.file}: ${(error as Error).message}`);
    }
  }

  const refusal = inMemoryRefusal(config, 'a catalogue');
  if (refusal) return fail(2, refusal);
  let table: OperatorTable | undefined;
  try {
    const document = text === undefined ? undefined : parseCatalogueText(text);
    table = await openOperatorTable(config, () => ' Is `make run` using it?');
    if (!table.ok) return fail(table.code, table.message);
    const { db } = table;
    if (command.command === 'export') {
      const catalogue = await readCatalogue(db);
      await writeOut(formatCatalogue(catalogue), command.out);
      // Posters are named only when there are some, as the file leaves an empty list out.
      const counts = CATALOGUE_LISTS.filter((list) => list !== 'posters' || catalogue.posters.length > 0)
        .map((list) => `${catalogue[list].length} ${list}`)
        .join(', ');
      console.error(
        `Exported ${counts} from table ${config.tableName}${command.out ? ` to ${command.out}` : ''}.`,
      );
      return 0;
    }
    const created = command.dryRun ? undefined : await ensureTable(db);
    const result = await importCatalogue(db, document, { dryRun: command.dryRun });
    const outcome = command.dryRun
      ? 'Dry run: nothing was written.'
      : `Wrote ${result.written === 1 ? '1 item' : `${result.written} items`} to table ${config.tableName}` +
        `${created === 'created' ? ', created for this import' : ''}.`;
    await writeOut(`${[...describePlan(result), outcome].join('\n')}\n`, undefined);
    return 0;
  } catch (error) {
    if (AppError.match(error)) return fail(1, describeFailure(error));
    const failure = error as Error;
    const missingTable = failure.name === 'ResourceNotFoundException';
    return fail(
      1,
      missingTable
        ? `table ${config.tableName} does not exist${command.command === 'import' ? '; an import without --dry-run creates it' : ''}.`
        : `${failure.message || failure.name} (table ${config.tableName}).`,
    );
  } finally {
    if (table?.ok) await table.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`catalog: ${error.message}`);
      process.exit(1);
    },
  );
}
