import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { listCities } from '../features/catalog/service';
import type { AppEnv } from './hono-env';
import { isHtmx } from './htmx';
import { Layout } from './layout';

type PageOptions = {
  status?: ContentfulStatusCode;
  description?: string;
  fragment?: Child;
  /** Page-specific modules (from the asset manifest), loaded after htmx. */
  scripts?: string[];
};

/**
 * Sends a whole page, or just `fragment` to an htmx request that asked for one. The header's city form
 * needs the cities; when the database is down the page still renders, without that form.
 */
export async function render(c: Context<AppEnv>, title: string, content: Child, options: PageOptions = {}) {
  const status = options.status ?? 200;
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'HX-Request, Cookie');
  if (options.fragment !== undefined && isHtmx(c)) return c.html(String(options.fragment), status);
  const cities = await listCities(c.var.deps).catch(() => []);
  const city = cities.find((candidate) => candidate.id === c.var.cityId);
  const path = c.req.path + (new URL(c.req.url).search || '');
  const page = (
    <Layout
      title={title}
      city={city}
      cities={cities}
      path={path}
      description={options.description}
      scripts={options.scripts}
      userName={c.var.user?.name}
      staff={c.var.user?.role === 'staff' || c.var.user?.role === 'admin'}
    >
      {content}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${page}`, status);
}
