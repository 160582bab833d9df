import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError, type FieldErrors } from '../../platform/errors';
import { fieldErrors } from '../../web/forms';
import { cacheUntil } from '../../web/middleware/page-cache';
import { render } from '../../web/render';
import { safeLocalPath } from '../../web/safe-path';
import { chosenCityId, rememberCity } from './city-cookie';
import type { Showtime } from './model';
import {
  type CountSeatsNotForSale,
  type ListedShow,
  type MoviePage,
  moviePage,
  type ShowFilters,
} from './movie-page';
import { posterSvg } from './poster-svg';
import { posterWebp } from './posters';
import * as catalog from './service';
import { salesCloseAt } from './showings';
import { CinemaList } from './views/cinemas';
import { CityPicker, NowShowing } from './views/home';
import { MovieDetails } from './views/movie';
import { SearchForm, SearchResults } from './views/search';
import { TheaterDetails } from './views/theater';

/**
 * When a listing next changes by the clock alone: the first listed showtime that still sells online
 * closes, or, if all have closed, the first one starts.
 */
function listedUntil(deps: Deps, shows: Iterable<Showtime>): number {
  const now = deps.clock.now().getTime();
  let first = Number.POSITIVE_INFINITY;
  for (const show of shows) {
    const closes = salesCloseAt(show, deps.config.salesCloseMs);
    first = Math.min(first, closes > now ? closes : Date.parse(show.startsAt));
  }
  return first;
}

/** Showtimes starting before this instant no longer sell online: listings show them without a link. */
const salesClosedBefore = (deps: Deps) =>
  new Date(deps.clock.now().getTime() + deps.config.salesCloseMs).toISOString();

const id = z.string().regex(/^[a-z0-9-]{1,80}$/, 'Not a valid id.');

const searchSchema = z.object({
  q: z.string().trim().max(100, 'Keep the search to 100 characters or fewer.').optional(),
  city: z.string().trim().max(80).optional(),
  date: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, or choose one from the list.')
    .optional()
    .or(z.literal('')),
  language: z.string().trim().max(40, 'Choose a language from the list.').optional(),
  genre: z.string().trim().max(40, 'Choose a genre from the list.').optional(),
});

const cityForm = z.object({
  city: z.string().trim().min(1, 'Choose a city.').max(80),
  next: z.string().optional(),
});

/** The showtimes of a listing's groups. */
const listedShows = (groups: { shows: ListedShow[] }[]) => groups.flatMap((g) => g.shows.map((l) => l.show));

/** The movie page's filters as given, empty ones left out; the service checks the values. */
function movieFilters(query: Record<string, string>): ShowFilters {
  const filters: ShowFilters = {};
  for (const key of ['date', 'format', 'language', 'time'] as const) {
    const value = query[key]?.trim().slice(0, 100);
    if (value) filters[key] = value;
  }
  return filters;
}

export type CatalogRouteOptions = {
  /**
   * Counts the seats of showtimes that are no longer for sale, for "filling fast" and "sold out". Seats
   * are a later feature's (booking): the app hands the counter in. Without one, listings show no fill.
   */
  seatsNotForSale?: (deps: Deps, showIds: readonly string[]) => Promise<Map<string, number>>;
};

export function catalogRoutes(options: CatalogRouteOptions = {}) {
  const app = new Hono();
  const seatCounter = (deps: Deps): CountSeatsNotForSale | undefined => {
    const count = options.seatsNotForSale;
    return count ? (showIds) => count(deps, showIds) : undefined;
  };

  app.get('/', async (c) => {
    const deps = c.var.deps;
    const city = await catalog.findCity(deps, chosenCityId(c));
    if (!city) {
      cacheUntil(c, Number.POSITIVE_INFINITY);
      return render(c, 'Choose your city', <CityPicker cities={await catalog.listCities(deps)} />, {
        description: 'Book cinema tickets: choose your city to see what is showing.',
      });
    }
    const movies = await catalog.nowShowing(deps, city);
    cacheUntil(
      c,
      listedUntil(
        deps,
        movies.map((m) => m.nextShow),
      ),
    );
    return render(c, `Movies in ${city.name}`, <NowShowing city={city} movies={movies} />, {
      description: `Movies showing in ${city.name} this week.`,
    });
  });

  app.post('/city', async (c) => {
    const deps = c.var.deps;
    const parsed = cityForm.safeParse(await c.req.parseBody());
    const city = parsed.success ? await catalog.findCity(deps, parsed.data.city) : undefined;
    if (!parsed.success || !city) {
      return render(c, 'Choose your city', <CityPicker cities={await catalog.listCities(deps)} />, {
        status: 400,
      });
    }
    rememberCity(c, city.id);
    return c.redirect(safeLocalPath(parsed.data.next), 303);
  });

  app.get('/search', async (c) => {
    const deps = c.var.deps;
    const parsed = searchSchema.safeParse(c.req.query());
    const raw = c.req.query();
    const query: catalog.SearchQuery = parsed.success
      ? {
          q: parsed.data.q || undefined,
          city: parsed.data.city === undefined ? chosenCityId(c) : parsed.data.city || undefined,
          date: parsed.data.date || undefined,
          language: parsed.data.language || undefined,
          genre: parsed.data.genre || undefined,
        }
      : { q: raw.q?.slice(0, 100), city: raw.city, date: raw.date, language: raw.language, genre: raw.genre };
    let errors = parsed.success ? {} : fieldErrors(parsed.error);
    let found: Awaited<ReturnType<typeof catalog.search>> | undefined;
    if (parsed.success) {
      try {
        found = await catalog.search(deps, query);
      } catch (error) {
        if (!AppError.match(error, 'bad_request')) throw error;
        errors = error.fields;
      }
    }
    const facets =
      found?.facets ?? (await catalog.searchFacets(deps, await catalog.findCity(deps, query.city)));
    const results = (
      <SearchResults
        results={found?.results ?? []}
        query={query}
        city={found?.city}
        alternatives={found?.alternatives ?? { titles: [], cities: [] }}
        theaters={new Map((found?.theaters ?? []).map((t) => [t.id, t]))}
        errors={errors}
      />
    );
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    if (status === 200) {
      c.header('HX-Push-Url', catalog.searchPath(query));
      cacheUntil(
        c,
        listedUntil(
          c.var.deps,
          (found?.results ?? []).flatMap((r) => r.shows),
        ),
      );
    }
    return render(
      c,
      'Search movies and showtimes',
      <>
        <h1 class="mt-0 text-2xl font-bold">Search movies and showtimes</h1>
        <SearchForm query={query} facets={facets} errors={errors} />
        {results}
      </>,
      { status, fragment: results },
    );
  });

  app.get('/movies/:id', async (c) => {
    const deps = c.var.deps;
    const movieId = id.safeParse(c.req.param('id'));
    if (!movieId.success) throw new AppError('not_found', 'We could not find that movie.');
    const wanted = c.req.query('city');
    const city = wanted === 'all' ? undefined : await catalog.findCity(deps, wanted ?? chosenCityId(c));
    if (wanted && wanted !== 'all' && !city) {
      throw new AppError(
        'bad_request',
        'We do not list that city. Choose one of the cities shown on the movie page.',
      );
    }
    const filters = movieFilters(c.req.query());
    const count = seatCounter(deps);
    let errors: FieldErrors = {};
    let page: MoviePage;
    try {
      page = await moviePage(deps, movieId.data, city, filters, count);
    } catch (error) {
      if (!AppError.match(error, 'bad_request')) throw error;
      // The page again without the values it refused, each refusal shown beside its filter.
      errors = error.fields;
      const valid = Object.fromEntries(Object.entries(filters).filter(([key]) => !(key in errors)));
      page = await moviePage(deps, movieId.data, city, valid, count);
    }
    // Times carry their zone when it differs from the visitor's own city, even when listing all cities.
    const visitor = city ?? (await catalog.findCity(deps, chosenCityId(c)));
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    if (status === 200) cacheUntil(c, listedUntil(deps, listedShows(page.theaters)));
    return render(
      c,
      page.movie.title,
      <MovieDetails
        page={page}
        city={city}
        cityParam={wanted}
        visitorZone={visitor?.timeZone}
        salesClosedBefore={salesClosedBefore(deps)}
        errors={errors}
      />,
      { description: page.movie.synopsis, status },
    );
  });

  app.get('/movies/:id/poster.svg', async (c) => {
    const movieId = id.safeParse(c.req.param('id'));
    if (!movieId.success) throw new AppError('not_found', 'We could not find that movie.');
    const movie = await catalog.movieForPoster(c.var.deps, movieId.data);
    return c.body(posterSvg(movie), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    });
  });

  app.get('/theaters', async (c) => {
    const deps = c.var.deps;
    const cinemas = await catalog.cinemaList(deps);
    cacheUntil(c, Number.POSITIVE_INFINITY);
    return render(c, 'Cinemas', <CinemaList cinemas={cinemas} chosenCityId={chosenCityId(c)} />, {
      description: 'Every Movie Magic cinema, by city.',
    });
  });

  // An uploaded poster, from the table, so every process (and the Workers build) serves the same bytes.
  // The id is the hash of the images: the bytes at an address never change, so browsers keep them a year.
  app.get('/posters/:file{[0-9a-f]{32}-[0-9]{3}\\.webp}', async (c) => {
    const [posterId = '', width = ''] = c.req
      .param('file')
      .replace(/\.webp$/, '')
      .split('-');
    const webp = await posterWebp(c.var.deps, posterId, Number(width));
    return c.body(webp, 200, {
      'Content-Type': 'image/webp',
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"${posterId}-${width}"`,
    });
  });

  app.get('/theaters/:id', async (c) => {
    const deps = c.var.deps;
    const theaterId = id.safeParse(c.req.param('id'));
    if (!theaterId.success) throw new AppError('not_found', 'We could not find that theater.');
    const page = await catalog.theaterPage(deps, theaterId.data, seatCounter(deps));
    const visitor = await catalog.findCity(deps, chosenCityId(c));
    cacheUntil(c, listedUntil(deps, listedShows(page.days.flatMap((d) => d.movies))));
    const listing = { visitorZone: visitor?.timeZone, salesClosedBefore: salesClosedBefore(deps) };
    return render(c, page.theater.name, <TheaterDetails {...page} {...listing} />, {
      description: `Showtimes at ${page.theater.name}.`,
    });
  });

  return app;
}
