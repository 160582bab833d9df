import { gunzipSync, inflateSync } from 'node:zlib';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress as honoCompress } from 'hono/compress';
import { etag as honoEtag } from 'hono/etag';
import { describe, expect, it, vi } from 'vitest';
import { compress } from './compress';
import { etag } from './etag';

/** Counts the bodies compressed, so a test can see one kept. */
const zlib = vi.hoisted(() => ({ compressions: 0 }));
vi.mock('node:zlib', async (original) => {
  const actual = await original<typeof import('node:zlib')>();
  const counted =
    <T extends (...args: never[]) => unknown>(compressor: T) =>
    (...args: Parameters<T>) => {
      zlib.compressions += 1;
      return compressor(...args);
    };
  return { ...actual, gzipSync: counted(actual.gzipSync), deflateSync: counted(actual.deflateSync) };
});

const page = `<!DOCTYPE html><html><body>${'<p>Showtimes in Mumbai</p>'.repeat(200)}</body></html>`;

/** The same routes behind either pair of middlewares, in the order the app uses them. */
function appWith(middlewares: { compress: () => MiddlewareHandler; etag: () => MiddlewareHandler }) {
  const app = new Hono();
  app.use(middlewares.compress());
  app.use(middlewares.etag());
  app.get('/page', (c) => {
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'HX-Request, Cookie');
    return c.html(page);
  });
  app.get('/small', (c) => c.text('short'));
  app.get('/empty', (c) => c.html(''));
  app.get('/png', (c) => c.body(new Uint8Array(2048).fill(7), 200, { 'Content-Type': 'image/png' }));
  app.get('/no-transform', (c) => c.html(page, 200, { 'Cache-Control': 'no-transform' }));
  app.get('/tagged', (c) => c.html(page, 200, { ETag: '"v1"' }));
  let turn = 0;
  app.get('/turns', (c) => c.html(`${page}<p>turn ${++turn % 2}</p>`));
  app.get('/missing', (c) => c.html(page, 404));
  app.get('/moved', (c) => c.redirect('/page', 303));
  return app;
}

const ours = appWith({ compress, etag });
const hono = appWith({ compress: honoCompress, etag: honoEtag });

function decode(encoding: string | null, bytes: Uint8Array): string {
  if (encoding === 'gzip') return new TextDecoder().decode(gunzipSync(bytes));
  if (encoding === 'deflate') return new TextDecoder().decode(inflateSync(bytes));
  return new TextDecoder().decode(bytes);
}

async function observe(app: Hono, path: string, method: string, headers: Record<string, string>) {
  const res = await app.request(path, { method, headers });
  const seen = Object.fromEntries(
    [...res.headers].filter(([name]) => name !== 'content-length' && name !== 'transfer-encoding'),
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: seen, body: decode(res.headers.get('content-encoding'), bytes) };
}

describe('buffered compress and etag', () => {
  const paths = ['/page', '/small', '/png', '/no-transform', '/tagged', '/missing', '/moved'];
  const requests: [string, Record<string, string>][] = [
    ['GET', {}],
    ['GET', { 'Accept-Encoding': 'gzip, deflate, br' }],
    ['GET', { 'Accept-Encoding': 'deflate' }],
    ['GET', { 'Accept-Encoding': 'gzip;q=0.5, deflate;q=0.8' }],
    ['GET', { 'Accept-Encoding': 'identity' }],
    ['GET', { 'Accept-Encoding': '*' }],
    ['HEAD', { 'Accept-Encoding': 'gzip' }],
  ];

  for (const path of paths) {
    for (const [method, headers] of requests) {
      it(`answers ${method} ${path} ${JSON.stringify(headers)} as hono's middlewares do`, async () => {
        expect(await observe(ours, path, method, headers)).toEqual(
          await observe(hono, path, method, headers),
        );
      });
    }
  }

  it('answers a matching If-None-Match with the same 304, weak or strong', async () => {
    const first = await ours.request('/page', { headers: { 'Accept-Encoding': 'gzip' } });
    const tag = first.headers.get('etag') ?? '';
    expect(tag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    for (const ifNoneMatch of [tag, tag.slice(2), `"other", ${tag}`, '*']) {
      const headers = { 'Accept-Encoding': 'gzip', 'If-None-Match': ifNoneMatch };
      const answer = await observe(ours, '/page', 'GET', headers);
      expect(answer.status).toBe(304);
      expect(answer).toEqual(await observe(hono, '/page', 'GET', headers));
    }
  });

  it('compresses the page when gzip is accepted', async () => {
    const res = await ours.request('/page', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('HX-Request, Cookie, Accept-Encoding');
    expect(gunzipSync(new Uint8Array(await res.arrayBuffer())).toString()).toBe(page);
  });

  it('compresses a body once for each encoding, and every other body afresh', async () => {
    const app = appWith({ compress, etag });
    const fetched = async (encoding: string) => {
      const res = await app.request('/turns', { headers: { 'Accept-Encoding': encoding } });
      return decode(res.headers.get('content-encoding'), new Uint8Array(await res.arrayBuffer()));
    };
    const before = zlib.compressions;
    expect(await fetched('gzip')).toContain('turn 1');
    expect(await fetched('gzip')).toContain('turn 0');
    expect(await fetched('gzip')).toContain('turn 1');
    expect(await fetched('deflate')).toContain('turn 0');
    expect(await fetched('gzip')).toContain('turn 1');
    expect(await fetched('deflate')).toContain('turn 0');
    expect(zlib.compressions - before).toBe(3);
  });

  it('leaves an empty body empty, with no tag', async () => {
    const res = await ours.request('/empty', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('');
  });
});
