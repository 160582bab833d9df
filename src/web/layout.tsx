import type { Child } from 'hono/jsx';
import type { City } from '../features/catalog/model';
import { assets } from '../generated/assets';

export type LayoutProps = {
  title: string;
  children: Child;
  /** The visitor's chosen city, shown in the header with a way to change it. */
  city?: City | undefined;
  cities?: City[];
  /** Where the city form returns to. */
  path?: string;
  description?: string;
  /** The signed-in user's name, for the header; undefined when signed out. */
  userName?: string | undefined;
  /** Staff and admins get a link to the staff pages. */
  staff?: boolean;
  /** Page-specific module scripts. */
  scripts?: string[] | undefined;
};

const htmxConfig = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 15000 });

export function Layout({
  title,
  children,
  city,
  cities = [],
  path = '/',
  description,
  userName,
  staff,
  scripts = [],
}: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Movie Magic`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <meta name="htmx-config" content={htmxConfig} />
        <link rel="icon" href={assets.favicon} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.css} />
        <script src={assets.htmx} defer />
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
      </head>
      <body class="min-h-screen flex flex-col">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="border-b border-slate-300 bg-white">
          <div class="wrap flex flex-wrap items-center gap-x-6 gap-y-2 py-3">
            <a href="/" class="text-xl font-bold text-indigo-900 no-underline">
              Movie Magic
            </a>
            <nav aria-label="Main" class="flex-1">
              <ul class="flex flex-wrap gap-4 list-none m-0 p-0">
                <li>
                  <a class="link" href="/search">
                    Search
                  </a>
                </li>
                <li>
                  <a class="link" href="/about">
                    About
                  </a>
                </li>
                <li>
                  <a class="link" href="/contact">
                    Contact
                  </a>
                </li>
                {userName ? (
                  <>
                    {staff ? (
                      <li>
                        <a class="link" href="/admin">
                          Staff
                        </a>
                      </li>
                    ) : null}
                    <li>
                      <a class="link" href="/account">
                        Account
                      </a>
                    </li>
                    <li>
                      <form method="post" action="/sign-out" class="inline">
                        <button type="submit" class="link bg-transparent p-0 cursor-pointer">
                          Sign out
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <li>
                    <a class="link" href={signInHref(path)}>
                      Sign in
                    </a>
                  </li>
                )}
              </ul>
            </nav>
            {cities.length > 0 ? <CityForm cities={cities} city={city} path={path} /> : null}
          </div>
        </header>
        <main id="main" class="wrap flex-1 w-full py-6" tabindex={-1}>
          {children}
        </main>
        <footer class="border-t border-slate-300 bg-white">
          <div class="wrap py-4 text-sm text-slate-700">Movie Magic · tickets without the fuss</div>
        </footer>
      </body>
    </html>
  );
}

/**
 * Pages not worth coming back to after signing in: the account forms themselves, and emailed links
 * whose token is spent (a token must not be copied into another URL either).
 */
const NO_RETURN =
  /^\/(?:sign-in|sign-up|sign-out|sign-out-everywhere|verify-email|forgot-password|reset-password)(?:[/?]|$)/;

/** The header's sign-in link, which brings the visitor back to the page they were on. */
function signInHref(path: string): string {
  return NO_RETURN.test(path) ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}

export function CityForm({ cities, city, path }: { cities: City[]; city: City | undefined; path: string }) {
  return (
    <form method="post" action="/city" class="flex items-center gap-2">
      <input type="hidden" name="next" value={path} />
      <label for="header-city" class="font-semibold">
        City
      </label>
      <select id="header-city" name="city" class="rounded-md border border-slate-500 bg-white px-2 py-1">
        {city ? null : <option value="">Choose…</option>}
        {cities.map((c) => (
          <option value={c.id} selected={c.id === city?.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="submit" class="btn-quiet">
        Set
      </button>
    </form>
  );
}

/** A field's error, tied to its input by id for aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} class="field-error">
      {message}
    </p>
  ) : null;
}

/** What the last action did ("The role is saved."), after its redirect: a status screen readers announce. */
export function StatusNotice({ message }: { message: string | undefined }) {
  return message ? (
    <p role="status" class="card border-green-800 font-semibold">
      {message}
    </p>
  ) : null;
}
