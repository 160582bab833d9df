import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../tests/support/db';
import { afterPaintScriptHash } from './generated/after-paint';
import type { AssetFile } from './web/middleware/serve-assets';

const app = appWithoutDatabase();

describe('the app without its database', () => {
  it('still renders static pages in the layout', async () => {
    const res = await app.request('/about');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('About Movie Magic');
  });

  it('answers /healthz with 503 and JSON', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });

  it('shows the 503 error page, never a stack trace, when a page needs the database', async () => {
    const res = await app.request('/movies/pixel-pals');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    const html = await res.text();
    expect(html).toContain('We cannot reach part of our system right now');
    expect(html).not.toMatch(/ECONNREFUSED|at .*\.ts:\d+/);
  });
});

describe('request handling', () => {
  it('refuses a cross-site form POST', async () => {
    const res = await app.request('/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'name=a',
    });
    expect(res.status).toBe(403);
  });

  it('answers an oversized body with 413 before reading it', async () => {
    const res = await app.request('/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: `message=${'x'.repeat(10_000)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than we accept');
  });

  it('validates the contact form before touching the database', async () => {
    const res = await app.request('/contact', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: 'name=&email=x&topic=booking&message=hi',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter your name.');
  });

  it('compresses HTML, tags it with an ETag and answers a revalidation with 304', async () => {
    const res = await app.request('/about', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    const body = gunzipSync(Buffer.from(await res.arrayBuffer())).toString();
    expect(body).toContain('About Movie Magic');
    const tag = res.headers.get('ETag');
    expect(tag).toBeTruthy();
    const again = await app.request('/about', {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': tag ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('sets the baseline security headers', async () => {
    const res = await app.request('/about');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain(`script-src 'self' '${afterPaintScriptHash}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // The one inline stylesheet is allowed by its hash, and it is the text the page carries.
    const html = await res.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('--slate-50:');
    const hash = `sha256-${createHash('sha256').update(style).digest('base64')}`;
    expect(csp).toContain(`style-src 'self' '${hash}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    // Local mode is plain http: no HSTS there.
    expect(res.headers.get('Strict-Transport-Security')).toBeNull();
  });
});

describe('static assets', () => {
  const css = new TextEncoder().encode('body{color:red}');
  const assets = new Map<string, AssetFile>([
    ['/assets/app.abc.css', { type: 'text/css', body: css, gzip: new Uint8Array([1, 2]), etag: '"abc"' }],
  ]);
  const withAssets = appWithoutDatabase({ assets });

  it('serves fingerprinted files as immutable, precompressed when accepted', async () => {
    const plain = await withAssets.request('/assets/app.abc.css');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await plain.text()).toBe('body{color:red}');

    const gz = await withAssets.request('/assets/app.abc.css', {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(new Uint8Array(await gz.arrayBuffer())).toEqual(new Uint8Array([1, 2]));

    const cached = await withAssets.request('/assets/app.abc.css', { headers: { 'If-None-Match': '"abc"' } });
    expect(cached.status).toBe(304);
  });

  it('gives an unknown asset the 404 page', async () => {
    expect((await withAssets.request('/assets/app.zzz.css')).status).toBe(404);
  });
});
