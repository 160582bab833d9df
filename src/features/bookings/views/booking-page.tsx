import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { formatMoney } from '../../../platform/money';
import { formatDayMonth, formatTime, localDate } from '../../../platform/time';
import { StatusNotice } from '../../../web/forms';
import { formatDoorCode } from '../../booking/door-code';
import type { Booking } from '../../booking/model';
import { PriceTable } from '../../booking/views/price-table';
import { When } from '../../booking/views/times';
import { paymentText, refundText, seatsText, whenText } from '../../booking/wording';

/** Seats staff cancelled out of the booking, each change with its date, reason and refund. */
function SeatsCancelled({ booking }: { booking: Booking }) {
  const changes = booking.seatCancellations ?? [];
  if (changes.length === 0) return null;
  const money = (amount: number) => formatMoney({ amount, currency: booking.price.currency }, booking.locale);
  return (
    <ul class="card border-amber-700 my-4 list-none pl-4">
      {changes.map((change) => (
        <li>
          On {formatDayMonth(localDate(new Date(change.at), booking.timeZone), { locale: booking.locale })}{' '}
          {booking.theaterName} cancelled {change.seats.length === 1 ? 'seat' : 'seats'}{' '}
          {seatsText({ ...booking, seats: change.seats })}: they are released and your ticket no longer admits
          anyone to them. Reason: {change.reason.replace(/[.!?]+$/, '')}.{' '}
          {change.refund > 0
            ? `${money(change.refund)} refunded to the card or account you paid with.`
            : 'Nothing refunded for them.'}
        </li>
      ))}
    </ul>
  );
}

/** What changed since the booking was made: its showtime moved (a new ticket code) or was cancelled. */
function ChangeNotice({ booking }: { booking: Booking }) {
  const by = booking.cancellation?.by;
  if (booking.cancelledAt && (by === 'customer' || by === 'staff')) {
    const refund = booking.cancellation?.refund ?? 0;
    const on = formatDayMonth(localDate(new Date(booking.cancelledAt), booking.timeZone), {
      locale: booking.locale,
    });
    return (
      <div class="card border-red-800 my-4">
        <p class="mt-0 font-semibold">
          {by === 'customer' ? 'You cancelled this booking' : `${booking.theaterName} cancelled this booking`}{' '}
          on {on}. Its seats are released and its ticket no longer admits anyone.
          {booking.cancellation?.reason ? ` Reason: ${booking.cancellation.reason}` : ''}
        </p>
        <p class="mb-0">
          {refund > 0
            ? `${formatMoney({ amount: refund, currency: booking.price.currency }, booking.locale)} is being refunded to the card or account you paid with; banks usually show it within 5 to 7 working days.`
            : 'Nothing is refunded.'}
        </p>
      </div>
    );
  }
  if (booking.cancelledAt) {
    return (
      <div class="card border-red-800 my-4">
        <p class="mt-0 font-semibold">
          The theater cancelled this showtime, so this booking is cancelled and its seats are released. Its
          ticket no longer admits anyone.
        </p>
        <p class="mb-0">{refundText(booking)}</p>
      </div>
    );
  }
  if (booking.movedAt) {
    return (
      <p class="card font-semibold">
        The theater moved this showtime: it now starts{' '}
        {whenText(booking.startsAt, booking.timeZone, booking.locale)}
        {booking.previousStartsAt
          ? ` (it was ${whenText(booking.previousStartsAt, booking.timeZone, booking.locale)})`
          : ''}
        . Your ticket below has a new code; the old one no longer admits you.
      </p>
    );
  }
  return null;
}

/** "Scanned at the door at 7:12 pm on 25 November", in the theater's zone. */
export function scannedText(booking: Booking): string | undefined {
  if (!booking.admittedAt) return undefined;
  const at = new Date(booking.admittedAt);
  const day = formatDayMonth(localDate(at, booking.timeZone), { locale: booking.locale });
  return `Scanned at the door at ${formatTime(at, booking.timeZone, booking.locale)} on ${day}.`;
}

/** A booking: the id to show at the box office first, then what, when, where and the price. */
export function BookingPage({
  booking,
  paymentLabel,
  ticket,
  delivery,
  notice,
  cancel,
  staffCancel,
  now,
}: {
  booking: Booking;
  paymentLabel: string;
  /** None for a cancelled booking: it admits no one. */
  ticket: { code: string; qr: string } | undefined;
  delivery: Child;
  notice?: string | undefined;
  /** What cancelling would do now, when its owner still may (bookings/cancel.ts). */
  cancel?: { policy: string; refund: string } | undefined;
  /** The viewer works at this theater: a way to cancel it for the customer. */
  staffCancel?: boolean;
  /** Now, to say whether an unpaid booking was released. */
  now?: Date;
}) {
  return (
    <article aria-labelledby="booking-title" class="max-w-2xl">
      <h1 id="booking-title" class="mt-0 text-3xl font-bold">
        {booking.cancelledAt ? 'Booking cancelled' : 'Booking confirmed'}
      </h1>
      <StatusNotice message={notice} />
      <ChangeNotice booking={booking} />
      <SeatsCancelled booking={booking} />
      <p class="card">
        Booking id
        <strong class="block font-mono text-3xl tracking-wider">{booking.id}</strong>
      </p>
      <dl class="grid sm:grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt class="font-semibold">Movie</dt>
        <dd class="m-0">
          <a class="link" href={`/movies/${booking.movieId}`}>
            {booking.movieTitle}
          </a>
        </dd>
        <dt class="font-semibold">When</dt>
        <dd class="m-0">
          <When startsAt={booking.startsAt} timeZone={booking.timeZone} locale={booking.locale} />
        </dd>
        <dt class="font-semibold">Where</dt>
        <dd class="m-0">
          {booking.theaterName}, {booking.screenName}
          <br />
          {booking.theaterAddress}
        </dd>
        <dt class="font-semibold">Seats</dt>
        <dd class="m-0">{seatsText(booking)}</dd>
        <dt class="font-semibold">Payment</dt>
        <dd class="m-0">
          {booking.cancelledAt && !booking.payment.charged
            ? 'Nothing to pay: cancelled (see above)'
            : paymentText(booking, paymentLabel, now)}
          {booking.cancelledAt && booking.payment.charged
            ? `; ${formatMoney({ amount: booking.cancellation?.refund ?? 0, currency: booking.payment.charged.currency }, booking.locale)} refunded on cancelling`
            : ''}
          {booking.refunded
            ? `; ${formatMoney({ amount: booking.refunded, currency: booking.price.currency }, booking.locale)} refunded for cancelled seats`
            : ''}
        </dd>
      </dl>
      <h2 class="text-xl font-bold">Price</h2>
      <PriceTable price={booking.price} locale={booking.locale} />
      {ticket ? (
        <section aria-labelledby="ticket-title">
          <h2 id="ticket-title" class="text-xl font-bold">
            Your ticket
          </h2>
          {booking.admittedAt ? <p class="card font-semibold">{scannedText(booking)}</p> : null}
          <p>
            {booking.doorCode
              ? 'At the door, staff can scan the QR code or type your door code: show either.'
              : 'At the door, staff scan this QR code. The text under it can be typed in if the scanner cannot read it.'}
          </p>
          <div class="flex flex-wrap items-center gap-4">
            {booking.doorCode ? (
              <p class="card m-0">
                Door code
                <strong class="block font-mono text-4xl tracking-widest">
                  {formatDoorCode(booking.doorCode)}
                </strong>
              </p>
            ) : null}
            <div class="inline-block bg-white p-2">{raw(ticket.qr)}</div>
          </div>
          <p class="font-mono text-sm break-all">{ticket.code}</p>
          <p>
            <a class="link" href={`/bookings/${booking.id}/ticket.pdf`} download>
              Download the ticket as a PDF
            </a>
          </p>
          <h3 class="text-lg font-bold mb-0">Confirmation</h3>
          {/* A live region that stays put while htmx swaps the status inside it. */}
          <div role="status">{delivery}</div>
        </section>
      ) : null}
      {staffCancel ? (
        <p>
          <a class="link" href={`/bookings/${booking.id}/cancel`}>
            Cancel this booking for the customer
          </a>
        </p>
      ) : null}
      {cancel ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title" class="text-xl font-bold">
            Cancelling
          </h2>
          <p>
            {cancel.policy} If you cancel now: {cancel.refund}
          </p>
          <p>
            <a class="link" href={`/bookings/${booking.id}/cancel`}>
              Cancel this booking
            </a>
          </p>
        </section>
      ) : null}
    </article>
  );
}
