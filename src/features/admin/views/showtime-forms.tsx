import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, FieldError, type FormValues } from '../../../web/forms';
import { plural } from '../../booking/wording';
import type { ShowtimeOverview } from '../../showtime-changes/service';

/** A form of the showtime page as it was sent, with what was wrong with it. */
export type ShowtimeForm = { values: FormValues; errors: FieldErrors };

/** The sales switch: one button, the opposite of the state the showtime is in. */
export function SalesSwitch({ overview }: { overview: ShowtimeOverview }) {
  const { show } = overview.details;
  const stopped = Boolean(show.salesStopped);
  return (
    <section aria-labelledby="sales-heading" class="mt-8">
      <h2 id="sales-heading" class="text-xl font-bold">
        Online sales
      </h2>
      <p>
        {stopped
          ? 'Online sales are stopped: moviegoers see the showtime but cannot hold or book seats. Holds in checkout cannot be confirmed.'
          : 'Online sales are open. Stopping them keeps the showtime listed, marked “Online sales stopped”, and refuses new holds and bookings at once; seats held right now cannot be confirmed.'}
      </p>
      <form method="post" action={`/admin/showtimes/${show.id}/sales`}>
        <input type="hidden" name="sales" value={stopped ? 'start' : 'stop'} />
        <button type="submit" class={stopped ? 'btn' : 'btn-quiet'}>
          {stopped ? 'Restart online sales' : 'Stop online sales'}
        </button>
      </form>
    </section>
  );
}

/** Moving the showtime: a new local date and time, and what customers will get. */
export function MoveForm({ overview, form }: { overview: ShowtimeOverview; form: ShowtimeForm }) {
  const { show, theater, screen } = overview.details;
  return (
    <section aria-labelledby="move-heading" class="mt-8">
      <h2 id="move-heading" class="text-xl font-bold">
        Move to another time
      </h2>
      <p>
        The new time is in the theater’s zone ({theater.timeZone}), on {screen.name}; it must be free of other
        showtimes, with their cleaning gap.{' '}
        {overview.bookings > 0
          ? `The ${plural(overview.bookings, 'booking')} ${overview.bookings === 1 ? 'moves' : 'move'} with it: each customer gets an email and SMS with the new time and a new ticket code, and their old code stops working at the door.`
          : 'It has no bookings yet.'}
      </p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action={`/admin/showtimes/${show.id}/move`} class="grid gap-4 max-w-md" novalidate>
        <Field
          form="move"
          name="date"
          label="New date"
          type="date"
          errors={form.errors}
          value={form.values.date}
          required
        />
        <Field
          form="move"
          name="time"
          label="New start time"
          type="time"
          errors={form.errors}
          value={form.values.time}
          required
        />
        <div>
          <button type="submit" class="btn">
            Move showtime
          </button>
        </div>
      </form>
    </section>
  );
}

/** Cancelling the showtime: what happens to its bookings, and a box to tick so it is never done by a slip. */
export function CancelForm({ overview, form }: { overview: ShowtimeOverview; form: ShowtimeForm }) {
  const { show } = overview.details;
  const error = form.errors.confirm;
  return (
    <section aria-labelledby="cancel-heading" class="mt-8">
      <h2 id="cancel-heading" class="text-xl font-bold">
        Cancel the showtime
      </h2>
      <p>
        A cancelled showtime is no longer listed or sold.{' '}
        {overview.bookings > 0
          ? `Its ${plural(overview.bookings, 'booking')} ${overview.bookings === 1 ? 'is' : 'are'} cancelled and their seats released; each customer gets an email and SMS saying so and that the box office refunds what they paid.`
          : 'It has no bookings.'}{' '}
        This cannot be undone.
      </p>
      <ErrorSummary errors={form.errors} />
      <form
        method="post"
        action={`/admin/showtimes/${show.id}/cancel`}
        class="grid gap-4 max-w-md"
        novalidate
      >
        <div>
          <label class="flex items-start gap-2">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              class="mt-1"
              checked={form.values.confirm === 'yes'}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'cancel-confirm-error' : undefined}
            />
            <span>
              {overview.bookings > 0
                ? `I understand: ${plural(overview.bookings, 'booking')} will be cancelled and their customers told.`
                : 'I understand: this cannot be undone.'}
            </span>
          </label>
          <FieldError id="cancel-confirm-error" message={error} />
        </div>
        <div>
          <button type="submit" class="btn-danger">
            Cancel showtime
          </button>
        </div>
      </form>
    </section>
  );
}

/** When a move or cancellation did not reach every booking (a crash, a lost race): the way to finish it. */
export function UnfinishedChange({ overview }: { overview: ShowtimeOverview }) {
  const { show } = overview.details;
  if (overview.unfinished === 0) return null;
  return (
    <div class="card border-amber-700 my-4">
      <p class="mt-0 font-semibold">
        {show.cancelledAt
          ? `${plural(overview.unfinished, 'booking')} of this cancelled showtime ${overview.unfinished === 1 ? 'is' : 'are'} not cancelled yet.`
          : `${plural(overview.unfinished, 'booking')} still ${overview.unfinished === 1 ? 'has' : 'have'} the old time.`}{' '}
        Their customers have not been told yet.
      </p>
      <form method="post" action={`/admin/showtimes/${show.id}/finish`}>
        <button type="submit" class="btn">
          Finish updating bookings
        </button>
      </form>
    </div>
  );
}
