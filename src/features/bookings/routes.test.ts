import { describe, expect, it } from 'vitest';
import { appWithoutDatabase } from '../../../tests/support/db';
import { postForm, signInPath } from '../../../tests/support/routes';

const app = appWithoutDatabase();

const BOOKING = 'MM-7KQ2-X9RD-4PZT';

const resend = (bookingId: string, origin = 'http://localhost') =>
  postForm(app, `/bookings/${bookingId}/resend`, [], { origin });

describe('a booking for a signed-out visitor', () => {
  it.each([
    ['the booking page', `/bookings/${BOOKING}`],
    ['the booking page with its notice', `/bookings/${BOOKING}?done=resent`],
    ['the PDF ticket', `/bookings/${BOOKING}/ticket.pdf`],
    ["the confirmation's delivery status", `/bookings/${BOOKING}/delivery`],
  ])('sends %s to sign in, coming back to it', async (_what, path) => {
    const res = await app.request(path);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath(path));
  });

  it('sends "send my tickets again" to sign in, back to the home page since a post cannot be repeated', async () => {
    const res = await resend(BOOKING);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(signInPath('/'));
  });

  it('never hands out a PDF on the way to sign in', async () => {
    const res = await app.request(`/bookings/${BOOKING}/ticket.pdf`);
    expect(res.headers.get('Content-Type')).not.toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBeNull();
  });
});

describe('"send my tickets again" from another site', () => {
  it('is refused with 403, not sent to sign in', async () => {
    const res = await resend(BOOKING, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('Location')).toBeNull();
  });
});
