import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { afterPaintScriptHash } from '../generated/after-paint';
import { assets } from '../generated/assets';
import { render, viewerVariant } from './render';
import type { Viewer } from './request-variables';

const app = new Hono()
  .get('/plain', (c) => render(c, 'Plain', <p>No enhancement here.</p>))
  .get('/live', (c) =>
    render(
      c,
      'Live',
      <form data-hx-get="/live" data-hx-trigger="change">
        <p>hx-get in text is not an attribute</p>
      </form>,
    ),
  );

describe('render', () => {
  it('sends htmx and its settings only to a page that uses an htmx attribute', async () => {
    const plain = await (await app.request('/plain')).text();
    expect(plain).toContain('<p>No enhancement here.</p>');
    expect(plain).not.toContain(assets.htmx);
    expect(plain).not.toContain('htmx-config');

    const live = await (await app.request('/live')).text();
    expect(live).toContain(`<script src="${assets.htmx}" defer=""></script>`);
    expect(live).toContain('name="htmx-config"');
    expect(live).toContain('<form data-hx-get="/live" data-hx-trigger="change">');
    const bare = new Hono().get('/', (c) => render(c, 'Bare', <div hx-get="/x">Bare</div>));
    expect(await (await bare.request('/')).text()).toContain(assets.htmx);
  });

  it('does not take an attribute written in the text for one', async () => {
    const text = new Hono().get('/', (c) => render(c, 'Text', <p>Write hx-get="/path" on a form.</p>));
    const html = await (await text.request('/')).text();
    expect(html).toContain('Write hx-get=&quot;/path&quot; on a form.');
    expect(html).not.toContain(assets.htmx);
  });

  it("starts a page's modules after its first paint, by the one inline script the policy allows", async () => {
    const app = new Hono().get('/', (c) => render(c, 'Map', <p>Seats</p>, { scripts: [assets.seatMap] }));
    const html = await (await app.request('/')).text();
    // No module is linked for the parser to fetch before the page is drawn; the loader names it.
    expect(html).not.toMatch(/<script[^>]*type="module"/);
    const loader = /<script data-load="([^"]*)">([\s\S]*?)<\/script>/.exec(html);
    expect(loader?.[1]).toBe(assets.seatMap);
    expect(loader?.[2]).toContain('requestAnimationFrame');
    const hash = `sha256-${createHash('sha256')
      .update(loader?.[2] ?? '')
      .digest('base64')}`;
    expect(hash).toBe(afterPaintScriptHash);
    const plain = await (await new Hono().get('/', (c) => render(c, 'Plain', <p>x</p>)).request('/')).text();
    expect(plain).not.toContain('<script');
  });

  it('draws every visitor of one variant alike, whoever they are', async () => {
    const drawn = async (viewer: Viewer | undefined) => {
      let variant = '';
      const app = new Hono().get('/', (c) => {
        c.set('viewer', viewer);
        variant = viewerVariant(c);
        return render(c, 'Page', <p>Same content</p>);
      });
      const html = await (await app.request('/')).text();
      return { variant, html };
    };
    const asha = await drawn({ name: 'Asha', staff: false });
    const ravi = await drawn({ name: 'Ravi', staff: false });
    const manager = await drawn({ name: 'Asha', staff: true });
    const nobody = await drawn(undefined);
    expect(ravi).toEqual(asha);
    expect(asha.html).not.toContain('Asha');
    for (const other of [manager, nobody]) {
      expect(other.variant).not.toBe(asha.variant);
      expect(other.html).not.toBe(asha.html);
    }
    expect(nobody.variant).toBe('');
  });
});
