import { Hono } from 'hono';
import type { AppEnv } from '../../web/hono-env';
import { requireUser } from '../../auth/session-cookie';
import * as booking from '../booking/service';
import { ticketPdf } from '../tickets/pdf';
import { ticketCodeFor } from '../tickets/service';
import { deliveryOf, resendConfirmation } from './service';
import { DeliveryStatus } from './views';

/** A booking's tickets after the fact: the PDF, the confirmation's status, and "send again". */
export function confirmationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/bookings/:id/ticket.pdf', async (c) => {
    const deps = c.var.deps;
    const found = await booking.bookingFor(deps, requireUser(c), c.req.param('id'));
    const pdf = await ticketPdf(found, await ticketCodeFor(deps, found), { locale: found.locale });
    return c.body(pdf.slice().buffer, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="ticket-${found.id}.pdf"`,
      'Cache-Control': 'no-store',
    });
  });

  app.get('/bookings/:id/delivery', async (c) => {
    const deps = c.var.deps;
    const user = requireUser(c);
    const found = await booking.bookingFor(deps, user, c.req.param('id'));
    c.header('Cache-Control', 'no-store');
    return c.html(
      <DeliveryStatus
        bookingId={found.id}
        delivery={await deliveryOf(deps, found.id)}
        timeZone={found.timeZone}
        canResend={found.userId === user.id}
      />,
    );
  });

  app.post('/bookings/:id/resend', async (c) => {
    const deps = c.var.deps;
    const user = requireUser(c);
    const found = await booking.bookingFor(deps, user, c.req.param('id'));
    const queued = await resendConfirmation(deps, user, found);
    return c.redirect(`/bookings/${found.id}?done=${queued ? 'resent' : 'sending'}`, 303);
  });

  return app;
}
