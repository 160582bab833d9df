import type { User } from '../../auth/model';
import type { Deps } from '../../deps';
import type { Mail } from '../../platform/mail/mailer';
import { boxOffice } from '../../platform/payments/payment-provider';
import { fitSms } from '../../platform/sms/text';
import type { Booking } from '../booking/model';
import { bookingFacts, priceLines, whenText } from '../booking/wording';
import { byReadingOrder } from '../catalog/seats';
import { bookingEvent } from '../tickets/ics';
import { ticketPdf } from '../tickets/pdf';
import { ticketCodeFor } from '../tickets/service';

/*
 * The booking confirmation: an email whose HTML and text parts say what the booking page says (the
 * facts come from booking/wording.ts), with the PDF ticket and a calendar event attached; and a short SMS.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** Where links in messages point: PUBLIC_ORIGIN, or this machine in local mode. */
export function publicOrigin(config: Deps['config']): string {
  return config.publicOrigin ?? `http://localhost:${config.port}`;
}

export async function confirmationMail(
  deps: Pick<Deps, 'config' | 'clock' | 'tickets'>,
  booking: Booking,
  user: Pick<User, 'email' | 'name'>,
): Promise<Mail> {
  const code = await ticketCodeFor(deps, booking);
  const url = `${publicOrigin(deps.config)}/bookings/${booking.id}`;
  const facts = bookingFacts(booking, boxOffice.label);
  const price = priceLines(booking.price, booking.locale);
  const subject = `Your tickets: ${booking.movieTitle}, ${whenText(booking.startsAt, booking.timeZone, booking.locale)}`;
  const text = [
    `Hello ${user.name},`,
    'Your booking is confirmed. Show this email, the attached PDF ticket or the booking id at the door.',
    facts.map((fact) => `${fact.label}: ${fact.value}`).join('\n'),
    ['Price', ...price.map((line) => `  ${line.label}: ${line.amount}`)].join('\n'),
    `Ticket code: ${code}`,
    `Your booking online: ${url}`,
    '— Movie Magic',
  ].join('\n\n');
  const html = [
    `<p>Hello ${escapeHtml(user.name)},</p>`,
    '<p>Your booking is confirmed. Show this email, the attached PDF ticket or the booking id at the door.</p>',
    '<table role="presentation" cellpadding="4">',
    ...facts.map(
      (fact) =>
        `<tr><th align="left" valign="top">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`,
    ),
    '</table>',
    '<h2>Price</h2>',
    '<table role="presentation" cellpadding="4">',
    ...price.map(
      (line) =>
        `<tr><td>${escapeHtml(line.label)}</td><td align="right">${escapeHtml(line.amount)}</td></tr>`,
    ),
    '</table>',
    `<p>Ticket code: <code>${escapeHtml(code)}</code></p>`,
    `<p><a href="${escapeHtml(url)}">Your booking online</a></p>`,
    '<p>— Movie Magic</p>',
  ].join('\n');
  const [pdf, ics] = [
    await ticketPdf(booking, code, { locale: booking.locale }),
    bookingEvent(booking, { origin: publicOrigin(deps.config), now: deps.clock.now() }),
  ];
  return {
    to: user.email,
    subject,
    text,
    html,
    attachments: [
      { filename: `ticket-${booking.id}.pdf`, contentType: 'application/pdf', content: pdf },
      {
        filename: `${booking.id}.ics`,
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: new TextEncoder().encode(ics),
      },
    ],
  };
}

/**
 * A short SMS (at most two segments): booking id, movie, local time, theater and seats. When that is too
 * long (a long title, or one character outside the GSM alphabet, which shrinks a segment to 70), the
 * title and theater give way first, so the id, time and seats always arrive.
 */
export function confirmationSms(booking: Booking): string {
  const seats = [...booking.seats.map((seat) => seat.id)].sort(byReadingOrder).join(', ');
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const full = `Movie Magic ${booking.id}: ${booking.movieTitle}, ${when}, ${booking.theaterName}. Seats ${seats}.`;
  if (fitSms(full, 2) === full) return full;
  const title = booking.movieTitle.length > 24 ? `${booking.movieTitle.slice(0, 23)}...` : booking.movieTitle;
  const short = `Movie Magic ${booking.id}: ${title}, ${when}. Seats ${seats}.`;
  if (fitSms(short, 2) === short) return short;
  return fitSms(`Movie Magic ${booking.id}: ${when}. Seats ${seats}.`, 2);
}
