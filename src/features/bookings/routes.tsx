import { Hono } from 'hono';
import { requireUser } from '../../auth/guards';
import { noStore } from '../../web/no-store';
import { render } from '../../web/render';
import { DeliveryStatus } from '../confirmations/views/delivery-status';
import * as bookings from './service';
import { BookingPage } from './views/booking-page';

const notices: Record<string, string> = {
  resent: 'We are sending your tickets again.',
  sending: 'Your tickets are already on their way; give them a minute.',
};

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
