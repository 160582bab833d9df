import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { listCities } from './service';
import { CityForm } from './views/city-form';

/** The cookie that remembers the visitor's city; the page cache varies on it and on nothing else. */
export const CITY_COOKIE = 'city';

/** The city id from the visitor's cookie, not yet checked against the catalogue. */
export function chosenCityId(c: Context): string | undefined {
  return getCookie(c, CITY_COOKIE);
}

/** Remembers the visitor's city for a year. */
export function rememberCity(c: Context, cityId: string): void {
  setCookie(c, CITY_COOKIE, cityId, {
    path: '/',
    maxAge: 365 * 86_400,
    sameSite: 'Lax',
    httpOnly: true,
    secure: !c.var.deps.config.local,
  });
}

/**
 * Puts the city form in every page's header. The cities are read only when a whole page is rendered;
 * when they cannot be read (the database is down) the page goes without the form.
 */
export function cityInHeader(): MiddlewareHandler {
  return async (c, next) => {
    c.set('headerTools', async (path) => {
      const cities = await listCities(c.var.deps).catch(() => []);
      if (cities.length === 0) return null;
      const chosen = chosenCityId(c);
      const city = cities.find((candidate) => candidate.id === chosen);
      return <CityForm cities={cities} city={city} path={path} />;
    });
    await next();
  };
}
