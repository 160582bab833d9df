import { Hono } from 'hono';
import { requireUser } from '../../auth/guards';
import type { SessionUser } from '../../auth/model';
import { AppError } from '../../platform/errors';
import { statusFor } from '../../web/error-pages';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { bookingFor } from '../booking/made-bookings';
import type { Booking } from '../booking/model';
import { DeliveryStatus } from '../confirmations/views/delivery-status';
import { cancelOffer, cancelOwnBooking } from './cancel';
import { cancelSeatsAsStaff } from './cancel-seats';
import * as bookings from './service';
import { formValues, staffCancelForm, staffCancelPage } from './staff-cancel-page';
import { BookingPage } from './views/booking-page';
import { CancelPage } from './views/cancel-page';

const notices: Record<string, string> = {
  resent: 'We are sending your tickets again.',
  sending: 'Your tickets are already on their way; give them a minute.',
  cancelled: 'Your booking is cancelled. We are sending you an email and a text to confirm it.',
  'cancelled-by-staff': 'The booking is cancelled. The customer is told by email and text, with the refund.',
  'seats-cancelled-by-staff':
    'The seats are cancelled and back on sale. The customer is told by email and text, with the refund.',
};

/** Whether `actor` works at the booking's theater (or is an admin) and so may cancel it for the customer. */
const canStaffCancel = (booking: Booking, actor: SessionUser) =>
  !booking.cancelledAt &&
  booking.userId !== actor.id &&
  actor.role !== 'customer' &&
  (actor.role === 'admin' || (actor.theaterIds ?? []).includes(booking.theaterId));

/** Why a booking cannot be cancelled by this person now, in the page's words. */
function cannotCancel(booking: Booking, actor: SessionUser): string {
  if (booking.cancelledAt) return 'This booking is already cancelled.';
  if (booking.userId !== actor.id) return 'Only the customer who booked can cancel here.';
  if (booking.admittedAt)
    return 'These tickets were scanned at the door, so the booking can no longer be cancelled.';
  return 'The show has started, so the booking can no longer be cancelled.';
}

/** A booking after the fact: its page, its PDF ticket, the confirmation's status, and "send again". */
export function bookingsRoutes() {
  const app = new Hono();

  app.get('/bookings/:id', async (c) => {
    const deps = c.var.deps;
    const user = requireUser(c);
    const page = await bookings.bookingPage(deps, user, c.req.param('id'));
    return noStore(
      render(
        c,
        `Booking ${page.booking.id}`,
        <BookingPage
          booking={page.booking}
          paymentLabel={deps.payment.label}
          ticket={page.ticket}
          delivery={<DeliveryStatus {...page.status} />}
          notice={notices[c.req.query('done') ?? '']}
          cancel={cancelOffer(page.booking, user, deps.clock.now())}
          staffCancel={canStaffCancel(page.booking, user)}
          now={deps.clock.now()}
        />,
      ),
    );
  });

  app.get('/bookings/:id/ticket.pdf', async (c) => {
    const { bookingId, pdf } = await bookings.ticketPdfOf(c.var.deps, requireUser(c), c.req.param('id'));
    return c.body(pdf.slice().buffer, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="ticket-${bookingId}.pdf"`,
      'Cache-Control': 'no-store',
    });
  });

  app.get('/bookings/:id/delivery', async (c) => {
    const status = await bookings.deliveryStatusOf(c.var.deps, requireUser(c), c.req.param('id'));
    c.header('Cache-Control', 'no-store');
    return c.html(<DeliveryStatus {...status} />);
  });

  app.get('/bookings/:id/cancel', async (c) => {
    const deps = c.var.deps;
    const user = requireUser(c);
    const found = await bookingFor(deps, user, c.req.param('id'));
    if (found.userId !== user.id && !found.cancelledAt) return staffCancelPage(c, found);
    const offer = cancelOffer(found, user, deps.clock.now());
    return noStore(
      render(
        c,
        `Cancel booking ${found.id}`,
        <CancelPage booking={found} offer={offer} error={offer ? undefined : cannotCancel(found, user)} />,
      ),
    );
  });

  app.post('/bookings/:id/cancel', async (c) => {
    const deps = c.var.deps;
    const user = requireUser(c);
    try {
      const cancelled = await cancelOwnBooking(deps, user, c.req.param('id'));
      return c.redirect(`/bookings/${cancelled.id}?done=cancelled`, 303);
    } catch (error) {
      if (!AppError.match(error, 'conflict') && !AppError.match(error, 'forbidden')) throw error;
      const found = await bookingFor(deps, user, c.req.param('id'));
      return noStore(
        render(
          c,
          `Cancel booking ${found.id}`,
          <CancelPage booking={found} offer={undefined} error={error.message} />,
          {
            status: statusFor(error),
          },
        ),
      );
    }
  });

  app.post('/bookings/:id/staff-cancel', async (c) => {
    const deps = c.var.deps;
    const user = requireUser(c);
    const found = await bookingFor(deps, user, c.req.param('id'));
    const posted = await c.req.parseBody({ all: true });
    const values = formValues(posted);
    const parsed = staffCancelForm(posted, found);
    if ('errors' in parsed) return staffCancelPage(c, found, { values, errors: parsed.errors });
    const { seatIds } = parsed;
    let after: Booking;
    try {
      after = await cancelSeatsAsStaff(deps, user, found.id, parsed);
    } catch (error) {
      if (AppError.match(error, 'bad_request'))
        return staffCancelPage(c, found, { values, seatIds, errors: { amount: error.message } });
      if (!AppError.match(error, 'conflict')) throw error;
      const current = await bookingFor(deps, user, found.id);
      if (current.cancelledAt) return c.redirect(`/bookings/${found.id}`, 303);
      return staffCancelPage(c, current, { values, seatIds, errors: { seat: error.message }, status: 409 });
    }
    const done = after.cancelledAt ? 'cancelled-by-staff' : 'seats-cancelled-by-staff';
    return c.redirect(`/bookings/${found.id}?done=${done}`, 303);
  });

  app.post('/bookings/:id/resend', async (c) => {
    const { bookingId, queued } = await bookings.sendTicketsAgain(
      c.var.deps,
      requireUser(c),
      c.req.param('id'),
    );
    return c.redirect(`/bookings/${bookingId}?done=${queued ? 'resent' : 'sending'}`, 303);
  });

  return app;
}
