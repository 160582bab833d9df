import { Alert } from '../../../web/forms';
import type { Booking } from '../../booking/model';
import { When } from '../../booking/views/times';
import { seatsText } from '../../booking/wording';

/** The step before cancelling: what goes and what comes back, then one button (a POST) or the way back. */
export function CancelPage({
  booking,
  offer,
  error,
  staff,
}: {
  booking: Booking;
  offer: { policy: string; refund: string } | undefined;
  error?: string | undefined;
  /** Staff's form follows (bookings/staff-cancel-page.tsx): no customer choice and no way back here. */
  staff?: boolean;
}) {
  return (
    <article aria-labelledby="cancel-title" class="max-w-2xl">
      <h1 id="cancel-title" class="mt-0 text-3xl font-bold">
        Cancel booking {booking.id}?
      </h1>
      <Alert message={error} />
      <p class="text-lg">
        <strong>{booking.movieTitle}</strong> at {booking.theaterName}, {booking.screenName}
        <br />
        <When startsAt={booking.startsAt} timeZone={booking.timeZone} locale={booking.locale} />
      </p>
      {offer ? (
        <>
          <p>
            Your seats ({seatsText(booking)}) will be released for others to book, and your tickets will no
            longer admit anyone. <strong>{offer.refund}</strong>
          </p>
          <p class="text-sm text-slate-700">{offer.policy}</p>
          <div class="flex flex-wrap items-center gap-4 mt-4">
            <form method="post" action={`/bookings/${booking.id}/cancel`}>
              <button type="submit" class="btn-danger">
                Yes, cancel this booking
              </button>
            </form>
            <a class="link" href={`/bookings/${booking.id}`}>
              No, keep my booking
            </a>
          </div>
        </>
      ) : staff ? (
        <p>
          Seats {seatsText(booking)}. The seats cancelled are released for others to book, and the tickets no
          longer admit anyone to them.
        </p>
      ) : (
        <p>
          <a class="link" href={`/bookings/${booking.id}`}>
            Back to the booking
          </a>
        </p>
      )}
    </article>
  );
}
