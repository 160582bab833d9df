import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { afterPaintScript } from '../generated/after-paint';
import { assets } from '../generated/assets';
import { inlineStyles } from '../generated/styles';
import type { Viewer } from './request-variables';

export type LayoutProps = {
  title: string;
  children: Child;
  /** The page's own path and query: where signing in returns to. */
  path?: string;
  description?: string;
  /** The signed-in visitor (staff get a link to the staff pages); undefined when signed out. */
  viewer?: Viewer | undefined;
  /** Controls features add at the end of the header (the catalogue's city form). */
  headerTools?: Child;
  /** Page-specific module scripts. */
  scripts?: string[] | undefined;
  /** Whether the page uses htmx, so its script is sent. */
  htmx?: boolean;
};

function NavItem({ href, children }: { href: string; children: Child }) {
  return (
    <li>
      <a class="link" href={href}>
        {children}
      </a>
    </li>
  );
}

const htmxConfig = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 15000 });

export function Layout({
  title,
  children,
  path = '/',
  description,
  viewer,
  headerTools,
  scripts = [],
  htmx = false,
}: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Movie Magic`}</title>
        {description ? <meta name="description" content={description} /> : null}
        {htmx ? <meta name="htmx-config" content={htmxConfig} /> : null}
        <link rel="icon" href={assets.favicon} type="image/svg+xml" />
        <style>{raw(inlineStyles)}</style>
        {htmx ? <script src={assets.htmx} defer /> : null}
        {/* The page's modules start after its first paint (src/client/after-paint.ts). */}
        {scripts.length > 0 ? <script data-load={scripts.join(' ')}>{raw(afterPaintScript)}</script> : null}
      </head>
      <body class="min-h-screen flex flex-col">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="border-b border-slate-300 bg-white">
          {/* Two rows on a phone: the name and the city, then the links. One row from 640 px. */}
          <div class="wrap flex flex-wrap items-center gap-x-3 gap-y-1 py-2 sm:gap-x-6 sm:py-3">
            <a href="/" class="text-base sm:text-xl font-bold text-indigo-900 no-underline mr-auto sm:mr-0">
              Movie Magic
            </a>
            {headerTools}
            <nav aria-label="Main" class="w-full sm:w-auto sm:ml-auto">
              <ul class="flex flex-wrap gap-x-2.5 gap-y-1 list-none m-0 p-0 sm:gap-x-4">
                <NavItem href="/search">Search</NavItem>
                <NavItem href="/theaters">Cinemas</NavItem>
                {viewer ? (
                  <>
                    {viewer.staff ? <NavItem href="/admin">Staff</NavItem> : null}
                    <NavItem href="/account">Account</NavItem>
                    <li>
                      <form method="post" action="/sign-out" class="inline">
                        <button type="submit" class="link bg-transparent p-0 cursor-pointer">
                          Sign out
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <NavItem href={signInHref(path)}>Sign in</NavItem>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap flex-1 w-full py-6" tabindex={-1}>
          {children}
        </main>
        <footer class="border-t border-slate-300 bg-white">
          <div class="wrap flex flex-wrap items-center gap-x-4 gap-y-1 py-4 text-sm text-slate-700">
            <span>Movie Magic · tickets without the fuss</span>
            <nav aria-label="About Movie Magic">
              <ul class="flex gap-x-4 list-none m-0 p-0">
                <NavItem href="/about">About</NavItem>
                <NavItem href="/contact">Contact</NavItem>
              </ul>
            </nav>
          </div>
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
