import { formatDay, localDate } from '../../../platform/time';
import type { City } from '../model';
import type { MovieSummary } from '../service';
import { LocalTime, MovieFacts, Poster } from './movie-listing';
export function CityPicker({ cities }: { cities: City[] }) {
  return (
    <section aria-labelledby="pick-city" class="card max-w-md">
      <h1 id="pick-city" class="mt-0 text-2xl font-bold">
        Choose your city
      </h1>
      <p>We will show you the movies playing near you and remember your choice on this device.</p>
      <form method="post" action="/city" class="flex flex-col gap-3">
        <fieldset class="border-0 p-0 m-0">
          <legend class="label">City</legend>
          {cities.map((city, index) => (
            <div class="flex items-center gap-2 py-1">
              <input
                type="radio"
                id={`city-${city.id}`}
                name="city"
                value={city.id}
                required
                checked={index === 0}
              />
              <label for={`city-${city.id}`}>{city.name}</label>
            </div>
          ))}
        </fieldset>
        <input type="hidden" name="next" value="/" />
        <button type="submit" class="btn self-start">
          Show movies
        </button>
      </form>
    </section>
  );
}

export function NowShowing({ city, movies }: { city: City; movies: MovieSummary[] }) {
  return (
    <section aria-labelledby="now-showing">
      <h1 id="now-showing" class="mt-0 text-2xl font-bold">
        Now showing in {city.name}
      </h1>
      <p>
        <a class="link" href={`/search?city=${city.id}`}>
          Search and filter showtimes in {city.name}
        </a>
      </p>
      {movies.length === 0 ? (
        <p>No showtimes in {city.name} this week.</p>
      ) : (
        <ul class="grid gap-4 sm:grid-cols-2 list-none p-0">
          {movies.map(({ movie, nextShow, showCount }, index) => (
            // The title's link covers the whole card, poster too: one link for keyboards and readers.
            <li class="card flex gap-4 relative">
              <Poster movie={movie} priority={index < 2} />
              <div>
                <h2 class="m-0 text-lg font-bold">
                  <a
                    class="link after:absolute after:inset-0 after:content-empty"
                    href={`/movies/${movie.id}`}
                  >
                    {movie.title}
                  </a>
                </h2>
                <MovieFacts movie={movie} />
                <p class="mb-0 text-sm">
                  {showCount} {showCount === 1 ? 'showtime' : 'showtimes'} this week · next{' '}
                  {formatDay(localDate(new Date(nextShow.startsAt), city.timeZone))},{' '}
                  <LocalTime show={nextShow} zone={city.timeZone} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
