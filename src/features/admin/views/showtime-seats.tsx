import type { FieldErrors } from '../../../platform/errors';
import { ErrorSummary, Field, FieldError, type FormValues } from '../../../web/forms';
import { ColumnHeads } from '../../../web/table';
import { type KeyMark, SeatKeyList, SeatRows, type SeatView } from '../../booking/views/seat-grid';
import { inReadingOrder } from '../../catalog/seats';
import type { ShowtimeOverview } from '../../showtime-changes/service';

/** The seat block form as it was sent: the seats chosen, the reason, and what was wrong with them. */
export type SeatsForm = { values: FormValues; chosen: string[]; errors: FieldErrors };

// Times of blocks are the theater's: they are read by the managers who work there.
const blockedAt = (iso: string | undefined, timeZone: string) =>
  iso
    ? new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(iso),
      )
    : '';

const KEY: [KeyMark, string][] = [
  ['free', 'Free'],
  ['blocked', 'Blocked (B)'],
  ['chosen', 'Chosen (✓)'],
  ['taken', 'Sold or held by a customer (✕)'],
];

/** The blocks in place, seat by seat: why, by whom and when. */
function BlockList({ overview }: { overview: ShowtimeOverview }) {
  const { screen, theater } = overview.details;
  const blocked = [...overview.seats].filter(([, seat]) => seat.state === 'blocked');
  if (blocked.length === 0) return <p class="mt-4">No seats are blocked.</p>;
  const byId = new Map(blocked);
  return (
    // Focusable so keyboard users can scroll the table sideways on a narrow screen.
    <section class="overflow-x-auto mt-4" aria-labelledby="blocks-title" tabindex={0}>
      <table class="w-full border-collapse text-left align-top whitespace-nowrap">
        <caption id="blocks-title" class="text-left font-semibold pb-2">
          Blocked seats ({blocked.length})
        </caption>
        <ColumnHeads names={['Seat', 'Reason', 'Blocked by', 'When']} />
        <tbody>
          {inReadingOrder(screen.layout, [...byId.keys()]).map((id) => {
            const seat = byId.get(id);
            return (
              <tr class="border-b border-slate-300">
                <th scope="row" class="py-2 pr-4 text-left">
                  {id}
                </th>
                <td class="py-2 pr-4">{seat?.reason}</td>
                <td class="py-2 pr-4">{seat?.blockedByEmail}</td>
                <td class="py-2">{blockedAt(seat?.blockedAt, theater.timeZone)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Seat blocks: the house as checkboxes (sold and held seats cannot be chosen), a reason, and two buttons,
 * one to block the chosen seats and one to release them. Without JavaScript it is a plain form.
 */
export function SeatBlocks({ overview, form }: { overview: ShowtimeOverview; form: SeatsForm }) {
  const { show, screen } = overview.details;
  const chosen = new Set(form.chosen);
  const view = (id: string): SeatView => {
    const seat = overview.seats.get(id);
    if (seat?.state === 'sold') return { state: 'sold', disabled: true, checked: false };
    if (seat?.state === 'held') return { state: 'held by a customer', disabled: true, checked: false };
    if (seat?.state === 'blocked') {
      return {
        state: `blocked: ${seat.reason ?? ''}`,
        disabled: false,
        checked: chosen.has(id),
        blocked: true,
      };
    }
    return { state: 'free', disabled: false, checked: chosen.has(id) };
  };
  const error = form.errors.seat;
  return (
    <section aria-labelledby="blocks-heading" class="mt-8">
      <h2 id="blocks-heading" class="text-xl font-bold">
        Seat blocks
      </h2>
      <p>
        Blocked seats are not sold online: house seats, a broken seat. Choose free seats and block them with a
        reason, or choose blocked seats (B) and release them. The buttons follow the seat map.
      </p>
      <ErrorSummary errors={form.errors} />
      <form method="post" action={`/admin/showtimes/${show.id}/seats`} novalidate>
        <div class="max-w-md mb-3">
          <Field
            form="seats"
            name="reason"
            label="Reason (to block)"
            errors={form.errors}
            value={form.values.reason}
            maxlength={200}
            hint="Like “House seats for the director” or “Broken seat”. Not needed to release."
          />
        </div>
        <fieldset class="border-0 p-0 m-0 min-w-0" aria-describedby={error ? 'seats-seat-error' : undefined}>
          <legend class="label">Seats</legend>
          <FieldError id="seats-seat-error" message={error} />
          <SeatKeyList entries={KEY} />
          <SeatRows screen={screen} view={view} />
        </fieldset>
        <div class="flex flex-wrap gap-3 mt-3">
          <button type="submit" name="action" value="block" class="btn">
            Block chosen seats
          </button>
          <button type="submit" name="action" value="release" class="btn-quiet">
            Release chosen seats
          </button>
        </div>
      </form>
      <BlockList overview={overview} />
    </section>
  );
}
