import { formatDay, formatTime, localDate } from '../../../platform/time';
import type { Booking } from '../../booking/model';
import { plural } from '../../booking/wording';

function BookingItem({ booking }: { booking: Booking }) {
  const at = new Date(booking.startsAt);
  return (
    <li>
      <a class="link" href={`/bookings/${booking.id}`}>
        {booking.movieTitle}
      </a>
      , {formatDay(localDate(at, booking.timeZone))} {formatTime(at, booking.timeZone)} at{' '}
      {booking.theaterName} · {plural(booking.seats.length, 'seat')} · {booking.id}
      {booking.cancelledAt ? <strong> · Cancelled by the theater</strong> : null}
      {booking.movedAt && !booking.cancelledAt ? <strong> · New time</strong> : null}
    </li>
  );
}

/** The account page's list of a user's bookings. */
export function YourBookings({ upcoming, past }: { upcoming: Booking[]; past: Booking[] }) {
  if (upcoming.length === 0 && past.length === 0) return <p>You have no bookings yet.</p>;
  return (
    <>
      <h3 class="text-lg font-bold mb-1">Upcoming</h3>
      {upcoming.length > 0 ? (
        <ul class="pl-5 mt-0">
          {upcoming.map((booking) => (
            <BookingItem booking={booking} />
          ))}
        </ul>
      ) : (
        <p class="mt-0">No upcoming bookings.</p>
      )}
      {past.length > 0 ? (
        <>
          <h3 class="text-lg font-bold mb-1">Past</h3>
          <ul class="pl-5 mt-0">
            {past.map((booking) => (
              <BookingItem booking={booking} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
