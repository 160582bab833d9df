import type { City, Theater } from '../../catalog/model';

/** The door's start: every theater by city, each leading to its showtimes today. */
export function DoorIndex({ cities }: { cities: { city: City; theaters: Theater[] }[] }) {
  return (
    <article aria-labelledby="door-title" class="max-w-2xl">
      <h1 id="door-title" class="mt-0 text-3xl font-bold">
        Door check-in
      </h1>
      <p>Choose your theater, then the showtime you are letting in.</p>
      {cities.map(({ city, theaters }) => (
        <section aria-label={city.name}>
          <h2 class="text-xl font-bold mb-1">{city.name}</h2>
          <ul class="pl-5 mt-0">
            {theaters.map((theater) => (
              <li>
                <a class="link" href={`/door/theaters/${theater.id}`}>
                  {theater.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
