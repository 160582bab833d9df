import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Deps } from '../../deps';
import { cacheUntil, pageCache } from './page-cache';

/**
 * An app whose one page counts how often it was rendered: a body served from the cache repeats the
 * count, a fresh one moves it on. The page marks itself cacheable for an hour and answers `status`.
 */
function countingApp(status: 200 | 400 | 404 | 500) {
  const deps = {
    clock: { now: () => new Date('2026-11-24T09:00:00Z') },
    config: loadConfig({ PAGE_CACHE_SECONDS: '60' }),
  } as Deps;
  const app = new Hono();
  let renders = 0;
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(pageCache({ varyCookie: 'city' }));
  app.get('/page', (c) => {
    renders += 1;
    cacheUntil(c, deps.clock.now().getTime() + 3_600_000);
    return c.text(`render ${renders}`, status);
  });
  return app;
}

describe('the page cache', () => {
  it('serves a page marked cacheable from the cache', async () => {
    const app = countingApp(200);
    expect(await (await app.request('/page')).text()).toBe('render 1');
    expect(await (await app.request('/page')).text()).toBe('render 1');
  });

  it('never caches an error answer, even one marked cacheable', async () => {
    for (const status of [400, 404, 500] as const) {
      const app = countingApp(status);
      const first = await app.request('/page');
      expect(first.status).toBe(status);
      expect(await first.text()).toBe('render 1');
      expect(await (await app.request('/page')).text()).toBe('render 2');
    }
  });

  it('varies on the one cookie it is told of, and stays out of the way of any other', async () => {
    const app = countingApp(200);
    expect(await (await app.request('/page', { headers: { Cookie: 'city=mumbai' } })).text()).toBe(
      'render 1',
    );
    expect(await (await app.request('/page', { headers: { Cookie: 'city=dubai' } })).text()).toBe('render 2');
    expect(await (await app.request('/page', { headers: { Cookie: 'city=mumbai' } })).text()).toBe(
      'render 1',
    );
    const signedIn = { Cookie: 'city=mumbai; session=abc' };
    expect(await (await app.request('/page', { headers: signedIn })).text()).toBe('render 3');
  });
});
