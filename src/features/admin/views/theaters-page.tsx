import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, type FormValues, SelectField, StatusNotice } from '../../../web/forms';
import type { City, Theater } from '../../catalog/model';
import { currencies } from '../catalog-forms';

export type TheaterForm = { values: FormValues; errors: FieldErrors };

/**
 * The runtime's zones list some under the names IANA has since replaced (ICU keeps CLDR's older ids):
 * the list offers today's names, which the runtime accepts as well.
 */
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
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

const zoneOptions = ZONES.map((zone) => ({ value: zone, label: zone }));

/** A time zone chosen from the list: the one way a zone gets into the catalogue from a form. */
export function ZoneField({
  form,
  value,
  errors,
}: {
  form: string;
  value: string | undefined;
  errors: FieldErrors;
}) {
  return (
    <SelectField
      form={form}
      name="timeZone"
      label="Time zone"
      placeholder="Choose a time zone"
      options={zoneOptions}
      value={value}
      errors={errors}
    />
  );
}

/** The chain's cities and theaters, and the form that adds a theater: for admins. */
export function TheatersPage({
  chain,
  form,
  cityForm,
  notice,
}: {
  chain: { city: City; theaters: Theater[] }[];
  form: TheaterForm;
  cityForm: TheaterForm;
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
          No cities yet: add the first one below, or load a whole catalogue from a file (
          <code>npm run catalog -- import</code>, see the README).
        </p>
      ) : (
        chain.map(({ city, theaters }) => (
          <section aria-labelledby={`in-city-${city.id}`}>
            <h2 id={`in-city-${city.id}`} class="text-xl font-bold">
              {city.name}
            </h2>
            <p class="mt-0 text-sm">
              <a class="link" href={`/admin/cities/${city.id}`}>
                Edit {city.name}: zone, locale, booking fee
              </a>
            </p>
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
                      <a class="link" href={`/admin/theaters/${theater.id}`}>
                        Edit<span class="sr-only"> {theater.name}</span>
                      </a>{' '}
                      ·{' '}
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
            <TheaterFields values={values} errors={errors}>
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
            </TheaterFields>
            <div>
              <button type="submit" class="btn">
                Add theater
              </button>
            </div>
          </form>
        </>
      ) : null}
      <CityFormSection {...cityForm} />
    </section>
  );
}

/** A theater's name, address and zone, with any fields `children` put between name and address. */
export function TheaterFields({ values, errors, children }: TheaterForm & { children?: unknown }) {
  return (
    <>
      <Field
        form="theater"
        name="name"
        label="Name"
        errors={errors}
        value={values.name}
        required
        maxlength={200}
      />
      {children}
      <Field
        form="theater"
        name="address"
        label="Address"
        errors={errors}
        value={values.address}
        required
        maxlength={300}
      />
      <ZoneField form="theater" value={values.timeZone} errors={errors} />
    </>
  );
}

/** Adding a city: its zone, currency, how it writes dates and money, and the booking fee with its tax. */
function CityFormSection({ values, errors }: TheaterForm) {
  return (
    <>
      <h2 class="text-xl font-bold">Add a city</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/cities" class="grid gap-4 max-w-md" novalidate>
        <CityFields values={values} errors={errors} />
        <div>
          <button type="submit" class="btn">
            Add city
          </button>
        </div>
      </form>
    </>
  );
}

/**
 * A city's fields, to add one or (with `currency` fixed, no short name) to edit one: showtimes are priced
 * in the currency, links keyed by the short name.
 */
export function CityFields({ values, errors, currency }: TheaterForm & { currency?: string }) {
  return (
    <>
      <Field
        form="city"
        name="name"
        label="Name"
        errors={errors}
        value={values.name}
        required
        maxlength={100}
      />
      {currency ? null : (
        <Field
          form="city"
          name="id"
          label="Short name for links (optional)"
          errors={errors}
          value={values.id}
          maxlength={60}
          hint="Lower-case letters, digits and hyphens, like mumbai. Made from the name when empty."
        />
      )}
      <ZoneField form="city" value={values.timeZone} errors={errors} />
      {currency ? (
        <p class="m-0">
          Currency: {currency} <span class="text-sm text-slate-700">(stays: showtimes are priced in it)</span>
        </p>
      ) : (
        <SelectField
          form="city"
          name="currency"
          label="Currency"
          placeholder="Choose a currency"
          options={currencies.map((code) => ({ value: code, label: code }))}
          value={values.currency}
          errors={errors}
        />
      )}
      <Field
        form="city"
        name="locale"
        label="Language and region"
        errors={errors}
        value={values.locale}
        required
        maxlength={35}
        hint="How dates and prices are written, like en-IN or en-AE."
      />
      <Field
        form="city"
        name="fee"
        label="Convenience fee per ticket (optional)"
        errors={errors}
        value={values.fee}
        maxlength={12}
        hint="In the currency's main unit, like 30 or 30.50."
      />
      <Field
        form="city"
        name="taxRate"
        label="Tax on the fee, per cent (optional)"
        errors={errors}
        value={values.taxRate}
        maxlength={6}
      />
      <Field
        form="city"
        name="taxName"
        label="Name of that tax (optional)"
        errors={errors}
        value={values.taxName}
        maxlength={20}
      />
    </>
  );
}
