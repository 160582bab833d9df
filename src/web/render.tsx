import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isHtmx } from './htmx';
import { Layout } from './layout';
import { PUBLIC_VARIANT } from './middleware/page-cache';

/**
 * An htmx attribute in a page's rendered content (data-hx-get="…", hx-trigger="…"): text cannot match, since
 * rendering escapes the quote in text.
 */
const USES_HTMX = /\s(?:data-)?hx-[a-z-]+="/;

type PageOptions = {
  status?: ContentfulStatusCode;
  description?: string;
  fragment?: Child;
  /** Page-specific modules (from the asset manifest), loaded after htmx. */
  scripts?: string[];
};

/**
 * What of the visitor `render` draws into a page, as a page cache variant (`cachedPage`): whether they
 * are signed in, and whether they are staff (the header's Staff link); never who they are. A page whose
 * own content is the same for everyone may be kept for each variant.
 */
export function viewerVariant(c: Context): string {
  const viewer = c.var.viewer;
  return viewer ? (viewer.staff ? 'staff' : 'signed-in') : PUBLIC_VARIANT;
}

/**
 * Sends a whole page, or just `fragment` to an htmx request that asked for one. The header shows who is
 * signed in (`viewer`) and the tools features add to it (`headerTools`); a page still renders when those
 * tools fail (the database is down), without them.
 */
export async function render(c: Context, title: string, content: Child, options: PageOptions = {}) {
  const status = options.status ?? 200;
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'HX-Request, Cookie');
  if (options.fragment !== undefined && isHtmx(c)) return c.html(String(options.fragment), status);
  const path = c.req.path + (new URL(c.req.url).search || '');
  const tools = await c.var.headerTools?.(path).catch(() => null);
  // htmx (13 KB) is sent only to pages that use it: on a 2G phone the pages that don't paint sooner.
  const main = await (<>{content}</>).toString();
  const page = (
    <Layout
      title={title}
      path={path}
      description={options.description}
      scripts={options.scripts}
      viewer={c.var.viewer}
      headerTools={tools}
      htmx={USES_HTMX.test(main)}
    >
      {raw(main)}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${page}`, status);
}
