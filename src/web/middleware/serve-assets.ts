import type { MiddlewareHandler } from 'hono';

/** One fingerprinted asset with its precompressed variants, held in memory. */
export type AssetFile = {
  type: string;
  body: Uint8Array;
  gzip?: Uint8Array;
  brotli?: Uint8Array;
  etag: string;
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

function prefers(acceptEncoding: string, encoding: string): boolean {
  return new RegExp(`(^|[,\\s])${encoding}(?!;q=0(\\.0+)?\\b)`, 'i').test(acceptEncoding);
}

/**
 * Serves /assets/* from memory with the best precompressed variant the client accepts. Names carry a
 * content hash, so responses are cached for a year and never revalidated.
 */
export function serveAssets(files: ReadonlyMap<string, AssetFile>): MiddlewareHandler {
  return async (c, next) => {
    const file = files.get(c.req.path);
    if (!file || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      'Cache-Control': IMMUTABLE,
      ETag: file.etag,
      Vary: 'Accept-Encoding',
    };
    if (c.req.header('If-None-Match') === file.etag) return c.body(null, 304, headers);
    const accept = c.req.header('Accept-Encoding') ?? '';
    let body = file.body;
    if (file.brotli && prefers(accept, 'br')) {
      body = file.brotli;
      headers['Content-Encoding'] = 'br';
    } else if (file.gzip && prefers(accept, 'gzip')) {
      body = file.gzip;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.byteLength);
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
