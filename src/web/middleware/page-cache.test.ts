import { type Handler, Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Deps } from '../../deps';
import { cachedPage, cacheUntil, pageCache } from './page-cache';

const deps = {
  clock: { now: () => new Date('2026-11-24T09:00:00Z') },
  config: loadConfig({ PAGE_CACHE_SECONDS: '60' }),
} as Deps;
const anHourOn = () => deps.clock.now().getTime() + 3_600_000;

/** An app with the page cache and the one page `page` answers. */
function appWith(page: Handler) {
  const app = new Hono();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(pageCache({ varyCookie: 'city' }));
  app.get('/page', page);
  return app;
}

/**
 * An app whose one page counts how often it was rendered: a body served from the cache repeats the
 * count, a fresh one moves it on. The page marks itself cacheable for an hour and answers `status`.
 */
function countingApp(status: 200 | 400 | 404 | 500, current?: () => boolean) {
  let renders = 0;
  return appWith((c) => {
    renders += 1;
    cacheUntil(c, anHourOn(), { current });
    return c.text(`render ${renders}`, status);
  });
}

describe('the page cache', () => {
  it('serves a page marked cacheable from the cache', async () => {
    const app = countingApp(200);
    expect(await (await app.request('/page')).text()).toBe('render 1');
    expect(await (await app.request('/page')).text()).toBe('render 1');
  });

  it('serves it only while the data it was drawn from is current', async () => {
    let current = true;
    const app = countingApp(200, () => current);
    expect(await (await app.request('/page')).text()).toBe('render 1');
    expect(await (await app.request('/page')).text()).toBe('render 1');
    current = false;
    expect(await (await app.request('/page')).text()).toBe('render 2');
    // Drawn from data already out of date, it is not kept either.
    expect(await (await app.request('/page')).text()).toBe('render 3');
    current = true;
    expect(await (await app.request('/page')).text()).toBe('render 4');
    expect(await (await app.request('/page')).text()).toBe('render 4');
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

  it('keeps a page for a variant of visitor apart, and serves it only when a handler asks', async () => {
    let renders = 0;
    const app = appWith(async (c) => {
      const variant = c.req.header('Cookie')?.includes('session') ? 'signed-in' : '';
      const kept = await cachedPage(c, variant);
      if (kept) return kept;
      renders += 1;
      cacheUntil(c, anHourOn(), { variant });
      return c.text(`${variant || 'public'} ${renders}`);
    });
    const text = async (cookie?: string) =>
      (await app.request('/page', cookie ? { headers: { Cookie: cookie } } : {})).text();
    expect(await text('session=a')).toBe('signed-in 1');
    expect(await text('session=b')).toBe('signed-in 1');
    expect(await text()).toBe('public 2');
    expect(await text('city=mumbai')).toBe('public 3');
    expect(await text()).toBe('public 2');
    expect(await text('session=c')).toBe('signed-in 1');
  });

  it('lets one request draw a page that others ask for meanwhile, and sends them its answer', async () => {
    let renders = 0;
    let arrive = () => {};
    const data = new Promise<void>((resolve) => (arrive = resolve));
    const app = appWith(async (c) => {
      // Every request waits for the same data, as visitors do for a shared seat read.
      await data;
      const kept = await cachedPage(c, 'signed-in');
      if (kept) return kept;
      renders += 1;
      cacheUntil(c, anHourOn(), { variant: 'signed-in' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      return c.text(`render ${renders}`);
    });
    const asked = [1, 2, 3].map(() => app.request('/page', { headers: { Cookie: 'session=abc' } }));
    arrive();
    const answers = await Promise.all(asked.map(async (answer) => (await answer).text()));
    expect(answers).toEqual(['render 1', 'render 1', 'render 1']);
    expect(renders).toBe(1);
  });
});
