import type { City, Theater } from '../model';

/** Every cinema of the chain by city: name, address, and a link to its showtimes. */
export function CinemaList({
  cinemas,
  chosenCityId,
}: {
  cinemas: { city: City; theaters: Theater[] }[];
  chosenCityId: string | undefined;
}) {
  // The visitor's own city first: the one they most likely came for.
  const ordered = [
    ...cinemas.filter((entry) => entry.city.id === chosenCityId),
    ...cinemas.filter((entry) => entry.city.id !== chosenCityId),
  ];
  return (
    <>
      <h1 class="mt-0 text-3xl font-bold">Cinemas</h1>
      {ordered.length === 0 ? <p>No cinemas are open yet.</p> : null}
      {ordered.map(({ city, theaters }) => (
        <section aria-labelledby={`city-${city.id}`} class="mb-6">
          <h2 id={`city-${city.id}`} class="text-2xl font-bold">
            {city.name}
          </h2>
          <ul class="list-none p-0 m-0 grid gap-3">
            {theaters.map((theater) => (
              <li class="card">
                <a class="link font-semibold" href={`/theaters/${theater.id}`}>
                  {theater.name}
                </a>
                <p class="m-0 text-slate-700">{theater.address}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
