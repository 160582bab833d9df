import type { App } from '../../src/app';
import type { Role, SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { randomString } from '../../src/auth/tokens';
import type { Deps } from '../../src/deps';
import { createUser } from '../../src/features/accounts/repo';
import { parseLayoutText } from '../../src/features/catalog/layout-text';
import type { Screen, Showtime } from '../../src/features/catalog/model';
import type { Db } from '../../src/platform/db/client';

/*
 * What the screen editor's tests share: people with a role (and a session for the pages), layouts from
 * text, showtimes on a test's own screen, and form posts as the browser sends them.
 */

export type Person = { user: SessionUser; cookie: string };

/** A verified account with `role` (and theaters), and a session cookie for it. */
export async function person(
  deps: Pick<Deps, 'db' | 'clock'>,
  role: Role,
  theaterIds?: string[],
): Promise<Person> {
  const id = randomString();
  const email = `${role}-${id.slice(0, 8).toLowerCase()}@example.com`;
  const now = deps.clock.now().toISOString();
  const user = {
    id,
    email,
    name: `${role} ${id.slice(0, 4)}`,
    role,
    theaterIds,
    emailVerifiedAt: now,
  } satisfies SessionUser;
  await createUser(deps.db as Db, {
    ...user,
    smsOptIn: false,
    passwordHash: 'unused',
    createdAt: now,
  });
  const { token } = await createSession(deps, id);
  return { user, cookie: `session=${token}` };
}

/** A layout and its categories from the text form; the test fails at once on a mistake. */
export function layoutFrom(text: string): Pick<Screen, 'categories' | 'layout'> {
  const parsed = parseLayoutText(text);
  if (!parsed.ok) throw new Error(`bad test layout: ${JSON.stringify(parsed.errors)}`);
  return { categories: parsed.categories, layout: parsed.layout };
}

export const LEGEND = 'S = standard "Standard"\nP = premium "Premium"\nW = standard wheelchair\n';

/** A showtime of a Colaba screen, priced for standard and premium seats. */
export function showtimeOn(
  screen: Pick<Screen, 'id' | 'theaterId'>,
  id: string,
  startsAt: string,
  layoutVersion?: number,
): Showtime {
  return {
    id,
    movieId: 'the-last-ferry',
    theaterId: screen.theaterId,
    screenId: screen.id,
    cityId: 'mumbai',
    startsAt,
    language: 'English',
    format: '2D',
    currency: 'INR',
    prices: [
      { category: 'standard', amount: 25_000 },
      { category: 'premium', amount: 32_000 },
    ],
    ...(layoutVersion ? { layoutVersion } : {}),
  };
}

/** A form post of `fields`, as a browser sends the editor's multipart form. */
export function postEditor(
  app: App,
  path: string,
  fields: Record<string, string | Blob>,
  cookie: string,
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return app.request(path, {
    method: 'POST',
    headers: { Origin: 'http://localhost', Cookie: cookie, ...headers },
    body,
  });
}

/** The text of the layout textarea in a page, as the browser would show it. */
export function layoutTextarea(html: string): string | undefined {
  const raw = /<textarea id="screen-layout"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
  return raw
    ?.replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
