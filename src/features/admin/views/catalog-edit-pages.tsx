import { ErrorSummary, Field, StatusNotice } from '../../../web/forms';
import { type City, DEFAULT_CLEANING_GAP_MINUTES, type Theater } from '../../catalog/model';
import { TheaterPaymentFields } from './theater-payment-fields';
import { CityFields, TheaterFields, type TheaterForm } from './theaters-page';

/** The top of an edit page: the way back, the title, what was saved or refused, and when moviegoers see it. */
function EditHeader({
  title,
  notice,
  alert,
  errors,
  cacheSeconds,
  children,
}: {
  title: string;
  notice: string | undefined;
  alert: string | undefined;
  errors: TheaterForm['errors'];
  cacheSeconds: number;
  children?: unknown;
}) {
  return (
    <>
      <p class="mt-0">
        <a class="link" href="/admin/theaters">
          All theaters
        </a>
      </p>
      <h1 id="edit-title" class="mt-0 text-3xl font-bold">
        {title}
      </h1>
      <StatusNotice message={notice} />
      {children}
      <p>
        Moviegoers see a change at once on this server, and within {cacheSeconds} seconds (the catalogue cache
        time) everywhere else.
      </p>
      <ErrorSummary errors={errors} message={alert} />
    </>
  );
}

/** A theater's edit form: name, address, zone and the cleaning gap between showtimes on a screen. */
export function TheaterEditPage({
  theater,
  city,
  form: { values, errors },
  notice,
  cacheSeconds,
  alert,
}: {
  theater: Theater;
  city: City | undefined;
  form: TheaterForm;
  notice?: string | undefined;
  cacheSeconds: number;
  alert?: string | undefined;
}) {
  return (
    <section aria-labelledby="edit-title">
      <EditHeader title={`Edit ${theater.name}`} {...{ notice, alert, errors, cacheSeconds }}>
        <p>
          In {city?.name ?? theater.cityId}. Short name <code>{theater.id}</code>: it stays, links and
          bookings use it.
        </p>
      </EditHeader>
      <form method="post" action={`/admin/theaters/${theater.id}`} class="grid gap-4 max-w-md" novalidate>
        <TheaterFields values={values} errors={errors} />
        <Field
          form="theater"
          name="cleaningGapMinutes"
          label="Cleaning gap between showtimes, minutes (optional)"
          errors={errors}
          value={values.cleaningGapMinutes}
          inputmode="numeric"
          maxlength={3}
          hint={`The least time a screen stands empty between one film's end and the next start. ${DEFAULT_CLEANING_GAP_MINUTES} when empty.`}
        />
        <TheaterPaymentFields values={values} errors={errors} />
        <div>
          <button type="submit" class="btn">
            Save theater
          </button>
        </div>
      </form>
    </section>
  );
}

/** A city's edit form: all but its short name and currency. */
export function CityEditPage({
  city,
  form: { values, errors },
  notice,
  cacheSeconds,
  alert,
}: {
  city: City;
  form: TheaterForm;
  notice?: string | undefined;
  cacheSeconds: number;
  alert?: string | undefined;
}) {
  return (
    <section aria-labelledby="edit-title">
      <EditHeader title={`Edit ${city.name}`} {...{ notice, alert, errors, cacheSeconds }}>
        <p>A new booking fee applies to checkouts from now on; bookings keep what they were charged.</p>
      </EditHeader>
      <form method="post" action={`/admin/cities/${city.id}`} class="grid gap-4 max-w-md" novalidate>
        <CityFields values={values} errors={errors} currency={city.currency} />
        <div>
          <button type="submit" class="btn">
            Save city
          </button>
        </div>
      </form>
    </section>
  );
}
