import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, type FormValues, SelectField, StatusNotice } from '../../../web/forms';
import type { City, Theater } from '../../catalog/model';

export type TheaterForm = { values: FormValues; errors: FieldErrors };

/**
 * The runtime's zones list some under the names IANA has since replaced (ICU keeps CLDR's older ids):
 * the list offers today's names, which the runtime accepts as well.
 */
const RENAMED: Record<string, string> = {
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Godthab': 'America/Nuuk',
  'America/Coral_Harbour': 'America/Atikokan',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Every zone for the time zone list, by today's IANA names, in order. */
export const ZONES = Intl.supportedValuesOf('timeZone')
  .map((zone) => RENAMED[zone] ?? zone)
  .sort();

/** The chain's cities and theaters, and the form that adds a theater: for admins. */
export function TheatersPage({
  chain,
  form,
  notice,
}: {
  chain: { city: City; theaters: Theater[] }[];
  form: TheaterForm;
  notice?: string | undefined;
}) {
  const { values, errors } = form;
  return (
    <section aria-labelledby="theaters-title">
      <h1 id="theaters-title" class="mt-0 text-3xl font-bold">
        Theaters
      </h1>
      <StatusNotice message={notice} />
      {chain.length === 0 ? (
        <p>
          No cities yet. Load a catalogue file (<code>npm run catalog -- import</code>, see the README) to add
          the first city.
        </p>
      ) : (
        chain.map(({ city, theaters }) => (
          <section aria-labelledby={`city-${city.id}`}>
            <h2 id={`city-${city.id}`} class="text-xl font-bold">
              {city.name}
            </h2>
            {theaters.length === 0 ? (
              <p>No theaters yet.</p>
            ) : (
              // A list, not a table: it reflows on a phone where four columns would not fit.
              <ul class="list-none p-0 m-0 grid gap-3">
                {theaters.map((theater) => (
                  <li class="border-b border-slate-300 pb-3">
                    <a class="link font-semibold" href={`/theaters/${theater.id}`}>
                      {theater.name}
                    </a>
                    <br />
                    {theater.address}
                    <br />
                    <span class="text-sm text-slate-700">
                      Time zone {theater.timeZone} ·{' '}
                      <a class="link" href={`/admin/audit?theater=${theater.id}`}>
                        Audit log
                      </a>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
      {chain.length > 0 ? (
        <>
          <h2 class="text-xl font-bold">Add a theater</h2>
          <p>Moviegoers see it within the catalogue cache time (30 seconds by default).</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/admin/theaters" class="grid gap-4 max-w-md" novalidate>
            <Field
              form="theater"
              name="name"
              label="Name"
              errors={errors}
              value={values.name}
              required
              maxlength={200}
            />
            <Field
              form="theater"
              name="id"
              label="Short name for links (optional)"
              errors={errors}
              value={values.id}
              maxlength={60}
              hint="Lower-case letters, digits and hyphens, like grand-cinema-colaba. Made from the name when empty."
            />
            <SelectField
              form="theater"
              name="cityId"
              label="City"
              placeholder="Choose a city"
              options={chain.map(({ city }) => ({ value: city.id, label: city.name }))}
              value={values.cityId}
              errors={errors}
            />
            <Field
              form="theater"
              name="address"
              label="Address"
              errors={errors}
              value={values.address}
              required
              maxlength={300}
            />
            <SelectField
              form="theater"
              name="timeZone"
              label="Time zone"
              placeholder="Choose a time zone"
              options={ZONES.map((zone) => ({ value: zone, label: zone }))}
              value={values.timeZone}
              errors={errors}
            />
            <div>
              <button type="submit" class="btn">
                Add theater
              </button>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}
