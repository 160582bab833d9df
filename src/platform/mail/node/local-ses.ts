/**
 * Local mode's mail server (Node only): aws-ses-v2-local, which answers the SES v2 API, keeps every
 * email in memory and shows them in a web viewer, so sign-up and reset links can be followed without
 * an AWS account.
 */
import { createRequire } from 'node:module';
import { freePort, spawnWatched, superviseChild } from '../../node/child-server';

/** A running local SES: the endpoint for the SDK, the page a developer opens, and how to stop it. */
export type LocalSes = { endpoint: string; viewerUrl: string; stop: () => Promise<void> };

/**
 * Starts aws-ses-v2-local as a watched child process, so it dies with the app even when the app is
 * killed outright, on a free port of the loopback interface only: its viewer and `GET /store` show every
 * email, reset links included, to anyone who can reach them. Resolves once it answers.
 */
export async function startLocalSes(options: { port?: number } = {}): Promise<LocalSes> {
  // Resolved here rather than imported: a production install without devDependencies never needs it.
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const port = options.port ?? (await freePort());
  const child = spawnWatched(process.execPath, [cli, '--host', '127.0.0.1', '--port', String(port)]);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = await superviseChild(child, {
    name: 'the local SES server',
    probe: `${endpoint}/health-check`,
    requireOk: true,
    timeoutMs: 20_000,
  });
  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    stop,
  };
}
