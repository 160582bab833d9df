import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDemoData } from '../../src/demo/seed';
import { exportTicketKeys } from '../../src/features/tickets/code';
import { assets } from '../../src/generated/assets';
import { freshTable, testTicketKeys } from '../support/db';
import { startWranglerDev, type WranglerDev } from '../support/wrangler';

let db: Awaited<ReturnType<typeof freshTable>> | undefined;
let worker: WranglerDev | undefined;

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, new Date());
  // No AWS_REGION: with it and TABLE_NAME the config switches to AWS mode.
  worker = await startWranglerDev({
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    TABLE_NAME: db.table,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'warn',
    TICKET_SIGNING_KEY: (await exportTicketKeys(testTicketKeys)).signingKey,
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await db?.drop();
}, 30_000);

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  if (!worker) throw new Error('wrangler dev is not running');
  return fetch(`${worker.url}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
}

/** The worker's own log, so a failing assertion shows what workerd said. */
function context(): string {
  return `wrangler output:\n${worker?.output() ?? ''}`;
}

describe('the Workers build under wrangler dev', () => {
  it('reaches DynamoDB from the worker', async () => {
    const response = await get('/healthz');
    expect(response.status, context()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
  });

  it("renders the home page for the visitor's city", async () => {
    const response = await get('/', { Cookie: 'city=mumbai' });
    expect(response.status, context()).toBe(200);
    // fetch undoes one gzip layer; a body the app and workerd had both compressed would fail here.
    expect(await response.text()).toContain('Now showing in Mumbai');
  });

  it('renders a movie page with its showtimes', async () => {
    const response = await get('/movies/orbit-of-ashes');
    expect(response.status, context()).toBe(200);
    const html = await response.text();
    expect(html).toContain('Orbit of Ashes');
    expect(html).toMatch(/<h2 id="showtimes-heading"[^>]*>\s*Showtimes in /);
  });

  it('serves the fingerprinted stylesheet from the asset store, cached for good', async () => {
    const response = await get(assets.css);
    expect(response.status, context()).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await response.text()).length).toBeGreaterThan(0);
  });
});
