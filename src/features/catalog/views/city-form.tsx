import type { City } from '../model';

/** The header's city chooser: every page offers it, and it returns to the page it was sent from. */
export function CityForm({ cities, city, path }: { cities: City[]; city: City | undefined; path: string }) {
  return (
    <form method="post" action="/city" class="flex items-center gap-1 sm:gap-2">
      <input type="hidden" name="next" value={path} />
      <label for="header-city" class="sr-only">
        City
      </label>
      <select
        id="header-city"
        name="city"
        class="max-w-28 rounded-md border border-slate-500 bg-white px-1 py-1"
      >
        {city ? null : <option value="">Choose…</option>}
        {cities.map((c) => (
          <option value={c.id} selected={c.id === city?.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="submit" class="btn-quiet px-2 py-1">
        Set
      </button>
    </form>
  );
}
