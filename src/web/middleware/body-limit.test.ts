import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from './body-limit';

/** A context whose request throws if its body is asked for, as building it is what the limit avoids. */
function context(method: string, contentLength: string): Context {
  const raw = {
    method,
    headers: new Headers({ 'content-length': contentLength }),
    get body(): never {
      throw new Error('the body was asked for');
    },
  };
  return { req: { method, raw } } as unknown as Context;
}

describe('limitBody', () => {
  it('lets a GET or HEAD through without asking for its body (@hono/node-server builds the Request then)', async () => {
    const limit = limitBody(10);
    for (const method of ['GET', 'HEAD']) {
      let passed = false;
      await limit(context(method, '999'), async () => {
        passed = true;
      });
      expect(passed).toBe(true);
    }
  });

  it('still refuses a POST over the limit', async () => {
    const limit = limitBody(10);
    const post = {
      req: { method: 'POST', raw: new Request('http://x/', { method: 'POST', body: 'x'.repeat(50) }) },
    };
    await expect(limit(post as unknown as Context, async () => {})).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });
});
