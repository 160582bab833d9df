import type { Booking } from '../../booking/model';
import { plural } from '../../booking/wording';
import { type DoorVerdict, seatsByRow } from '../service';

function Verdict({ showId, verdict }: { showId: string; verdict: DoorVerdict }) {
  const tone =
    verdict.kind === 'admit'
      ? 'border-green-800 text-green-900'
      : verdict.kind === 'refused'
        ? 'border-red-800 text-red-800'
        : 'border-amber-700 text-amber-900';
  return (
    <div role="alert" class={`card border-4 mb-4 ${tone}`}>
      <p class="m-0 text-2xl font-bold">{verdict.headline}</p>
      {verdict.kind === 'refused' ? <p class="mb-0 font-semibold">{verdict.reason}</p> : null}
      {verdict.kind === 'admit' ? (
        <p class="mb-0">
          {verdict.booking.id} · {verdict.payment}
        </p>
      ) : null}
      {verdict.kind === 'collect' ? <CollectFirst showId={showId} booking={verdict.booking} /> : null}
      {verdict.kind === 'already' ? (
        <p class="mb-0">Booking {verdict.booking.id}. Do not admit again.</p>
      ) : null}
    </div>
  );
}

/**
 * An unpaid booking: nothing is admitted until staff say the money is in. The button records the payment
 * and admits in one step (POST, so it works without JavaScript).
 */
function CollectFirst({ showId, booking }: { showId: string; booking: Booking }) {
  return (
    <>
      <p class="font-semibold">
        Booking {booking.id} is not paid: {plural(booking.seats.length, 'ticket')},{' '}
        {seatsByRow(booking.seats.map((seat) => seat.id))}. Take the payment, then admit.
      </p>
      <form method="post" action={`/door/${showId}/collect`} class="m-0">
        <input type="hidden" name="bookingId" value={booking.id} />
        <button type="submit" class="btn">
          Payment received — admit
        </button>
      </form>
    </>
  );
}

/**
 * The door screen for one showtime: the verdict of the last scan, then the form for the next. A typed
 * code works without JavaScript; src/client/door-scanner.ts adds the camera where BarcodeDetector exists.
 */
export function DoorPage({
  showId,
  title,
  when,
  verdict,
}: {
  showId: string;
  title: string;
  when: string;
  verdict?: DoorVerdict | undefined;
}) {
  return (
    <article aria-labelledby="door-title" class="max-w-xl">
      <h1 id="door-title" class="mt-0 text-2xl font-bold">
        Check-in: {title}
      </h1>
      <p class="mt-0">{when}</p>
      {verdict ? <Verdict showId={showId} verdict={verdict} /> : null}
      <form method="post" action={`/door/${showId}`} class="card flex flex-col gap-3" data-door>
        <div>
          <label class="label" for="ticket-code">
            Ticket code
          </label>
          <input
            id="ticket-code"
            name="code"
            type="text"
            maxlength={600}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            class="field font-mono"
            aria-describedby="ticket-code-hint"
            autofocus
          />
          <p id="ticket-code-hint" class="mt-1 mb-0 text-sm text-slate-700">
            Scan the QR code, or type the 8-character door code (like K7MX-3QPA; dash and case do not matter).
          </p>
        </div>
        <div class="flex flex-wrap gap-3">
          <button type="submit" class="btn">
            Check ticket
          </button>
        </div>
      </form>
    </article>
  );
}
