import type { City, Theater } from '../../catalog/model';

/**
 * Which theater a back-office page shows: a plain GET form, so it works with JavaScript off. A manager of
 * one theater sees its name only.
 */
export function TheaterChooser({
  action,
  theaters,
  chosen,
}: {
  action: string;
  theaters: { theater: Theater; city: City }[];
  chosen: Theater;
}) {
  if (theaters.length < 2) return <p class="text-lg font-semibold">{chosen.name}</p>;
  return (
    <form method="get" action={action} class="flex flex-wrap items-end gap-2 mb-4">
      <div class="min-w-0 flex-1 max-w-md">
        <label class="label" for="choose-theater">
          Theater
        </label>
        <select id="choose-theater" name="theater" class="field">
          {theaters.map(({ theater, city }) => (
            <option value={theater.id} selected={theater.id === chosen.id}>
              {theater.name} ({city.name})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="btn-quiet">
        Show theater
      </button>
    </form>
  );
}

/** What moviegoers see of a change, and when. */
export function CacheNote({ cacheSeconds, what }: { cacheSeconds: number; what: string }) {
  return (
    <p class="text-sm text-slate-700">
      Moviegoers see {what} at once on this server, and on the site's other servers within {cacheSeconds}{' '}
      seconds (the catalogue cache time).
    </p>
  );
}
