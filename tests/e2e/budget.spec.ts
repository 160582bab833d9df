import { connect } from 'node:net';
import { expect, test } from './fixtures';

/** HTML + CSS + JS, compressed, headers included, on a cold cache: at most 30 KB per page. */
const BUDGET_BYTES = 30_000;

/** Pages by path; `showtime` is the seat page of the test's own showtime in the 254-seat Grand Hall. */
const pages: { name: string; path: string | 'showtime' }[] = [
  { name: 'home', path: '/' },
  { name: 'search results', path: '/search?q=the&city=mumbai' },
  { name: 'movie page', path: '/movies/orbit-of-ashes' },
  { name: 'seat page of the 254-seat screen', path: 'showtime' },
];

for (const { name, path: where } of pages) {
  test(`${name} transfers at most 30 KB of HTML, CSS and JS`, async ({
    page,
    context,
    baseURL,
    showtime,
  }) => {
    await context.addCookies([{ name: 'city', value: 'mumbai', url: baseURL ?? '' }]);
    const path = where === 'showtime' ? showtime.path : where;
    const counted: { url: string; type: string; bytes: number; encoding: string | undefined }[] = [];
    page.on('requestfinished', async (request) => {
      const type = request.resourceType();
      if (!['document', 'stylesheet', 'script'].includes(type)) return;
      const sizes = await request.sizes();
      const response = await request.response();
      counted.push({
        url: request.url(),
        type,
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        encoding: (await response?.allHeaders())?.['content-encoding'],
      });
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    // The stylesheet is inside the document; scripts come only to pages that use them.
    const scripts = await page.locator('script[src]').count();
    await expect.poll(() => counted.length).toBe(1 + scripts);

    const total = counted.reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(
      `${name}: ${total} bytes (${counted.map((e) => `${e.type} ${e.bytes} ${e.encoding ?? 'identity'}`).join(', ')})`,
    );
    expect(counted.filter((e) => e.type === 'document')).toHaveLength(1);
    expect(await page.locator('style').count(), 'the stylesheet, inline').toBe(1);
    for (const entry of counted) expect(entry.encoding, entry.url).toMatch(/^(br|gzip)$/);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
}

/** Sends one raw HTTP/1.1 request and resolves with every byte of the response, headers included. */
function exchange(url: URL, headers: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('end', () => done(received));
    socket.on('error', fail);
    const request = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...headers];
    socket.write(`${request.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  });
}

test('an unchanged live-availability poll costs under 300 bytes', async ({ baseURL, showtime }) => {
  const url = new URL(`${showtime.path}/seats`, baseURL);
  const headers = ['Accept: application/json', 'Accept-Encoding: gzip, deflate, br'];
  const first = await exchange(url, headers);
  expect(first).toMatch(/^HTTP\/1\.1 200 /);
  const tag = /^etag: (.+)$/im.exec(first)?.[1]?.trim() ?? '';
  expect(tag).not.toBe('');
  const unchanged = await exchange(url, [...headers, `If-None-Match: ${tag}`]);
  const bytes = Buffer.byteLength(unchanged, 'latin1');
  console.log(`unchanged poll: ${bytes} bytes\n${unchanged.trim()}`);
  expect(unchanged).toMatch(/^HTTP\/1\.1 304 /);
  expect(bytes).toBeLessThan(300);
});
