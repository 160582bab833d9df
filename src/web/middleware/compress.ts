import { deflateSync, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { initOf } from './response-init';

type Encoding = 'gzip' | 'deflate';

const THRESHOLD = 1024;
/** How many compressed bodies are kept for reuse, and up to what size (uncompressed) a body is kept. */
const KEPT_BODIES = 64;
const KEPT_BODY_BYTES = 256 * 1024;
const noTransform = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;
const varyAcceptEncoding = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** gzip when it is as welcome as anything else, else the better-rated of gzip and deflate. */
function selectEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined) return undefined;
  const accepts = parseAccept(header);
  const wildcard = accepts.find((a) => a.type === '*')?.q;
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of ['gzip', 'deflate'] as const) {
    const explicit = accepts.find((a) => a.type.toLowerCase() === encoding);
    const q = explicit ? explicit.q : (wildcard ?? 0);
    if (q === 1) return encoding;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/**
 * Compresses text responses with gzip or deflate, like hono/compress, but on the whole body at once.
 * Every body here is a page rendered to one string, and hono/compress pipes it through
 * CompressionStream: on Node its web-stream plumbing costs several times the compression itself.
 * A strong ETag names one exact body (RFC 9110, 8.8.3; etag() hashes it), so the compressed bytes of the
 * most recent bodies are kept by tag: a page drawn the same for many visitors is compressed once.
 */
export function compress(): MiddlewareHandler {
  const kept = new Map<string, ReturnType<typeof gzipSync>>();
  const compressed = (encoding: Encoding, body: Uint8Array, tag: string | null) => {
    const key = tag && !tag.startsWith('W/') && body.byteLength <= KEPT_BODY_BYTES && `${encoding} ${tag}`;
    const hit = key ? kept.get(key) : undefined;
    if (hit) return hit;
    const bytes = encoding === 'gzip' ? gzipSync(body) : deflateSync(body);
    if (key) {
      if (kept.size >= KEPT_BODIES) kept.delete(kept.keys().next().value as string);
      kept.set(key, bytes);
    }
    return bytes;
  };
  return async function compress(c, next) {
    await next();
    const res = c.res;
    const length = res.headers.get('Content-Length');
    const type = res.headers.get('Content-Type');
    const cacheControl = res.headers.get('Cache-Control');
    if (
      res.status === 206 ||
      res.headers.has('Content-Encoding') ||
      res.headers.has('Transfer-Encoding') ||
      c.req.method === 'HEAD' ||
      (length && Number(length) < THRESHOLD) ||
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      (cacheControl && noTransform.test(cacheControl))
    )
      return;
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !(vary && varyAcceptEncoding.test(vary)))
      res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = selectEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const body = new Uint8Array(await res.arrayBuffer());
    // Clearing first stops Hono wrapping the new response in yet another one and copying stale headers back.
    c.res = undefined;
    if (body.byteLength === 0) {
      c.res = new Response(null, initOf(res));
      return;
    }
    c.res = new Response(compressed(encoding, body, res.headers.get('ETag')), initOf(res));
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
