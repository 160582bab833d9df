import type { User } from '../../auth/model';
import type { Deps } from '../../deps';
import type { Mail } from '../../platform/mail/mailer';
import { formatMoney } from '../../platform/money';
import { boxOffice } from '../../platform/payments/payment-provider';
import { fitSms } from '../../platform/sms/text';
import { formatDoorCode } from '../booking/door-code';
import type { Booking } from '../booking/model';
import { bookingFacts, priceLines, refundText, seatsText, whenText } from '../booking/wording';
import { byReadingOrder } from '../catalog/seats';
import { bookingEvent } from '../tickets/ics';
import { ticketPdf } from '../tickets/pdf';
import { qrPng } from '../tickets/qr-png';
import { ticketCodeFor } from '../tickets/service';
import {
  amountsTable,
  emailDocument,
  escapeHtml,
  factsTable,
  heading,
  paragraph,
  ticketBlock,
} from './email-html';

/*
 * What the outbox sends a booking's customer, each as an email with HTML and text parts that say the same
 * (the facts come from booking/wording.ts, as on the booking page) and a short SMS: the confirmation, with
 * the PDF ticket and a calendar event attached; the news that the showtime moved, with the new ticket; and
 * the news that it was cancelled, with how the box office refunds.
 */

/** Where links in messages point: PUBLIC_ORIGIN, or this machine in local mode. */
export function publicOrigin(config: Deps['config']): string {
  return config.publicOrigin ?? `http://localhost:${config.port}`;
}

/**
 * What to show at the door: in the text part, which has no image, where the QR code is; above the HTML's
 * QR code and door code, which to use.
 */
function doorText(booking: Booking, beside: 'text' | 'ticket'): string {
  const pay =
    booking.payment.status === 'paid'
      ? ''
      : ` Staff will ask you to pay ${formatMoney({ amount: booking.price.total, currency: booking.price.currency }, booking.locale)} before you go in.`;
  if (beside === 'ticket') {
    return `${booking.doorCode ? 'At the door, show this QR code or tell staff your door code.' : 'At the door, show this QR code.'}${pay}`;
  }
  return booking.doorCode
    ? `At the door, tell staff your door code, ${formatDoorCode(booking.doorCode)}, or show the QR code (in the HTML version of this email, on the attached PDF ticket and on your booking page): either lets you in.${pay}`
    : `At the door, show the QR code: it is on the attached PDF ticket and on your booking page.${pay}`;
}

/** The QR code as an inline PNG: the HTML's ticket block and the attachment it points at. */
async function inlineQr(booking: Booking, code: string, lead: string) {
  const { png, side } = await qrPng(code);
  const contentId = `qr-${booking.id}@moviemagic`;
  return {
    html: ticketBlock({
      lead,
      doorCode: booking.doorCode && formatDoorCode(booking.doorCode),
      qr: { contentId, side, alt: `QR code of booking ${booking.id}` },
    }),
    attachment: { filename: `qr-${booking.id}.png`, contentType: 'image/png', content: png, contentId },
  };
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
  const door = doorText(booking, 'text');
  const qr = await inlineQr(booking, code, doorText(booking, 'ticket'));
  const text = [
    `Hello ${user.name},`,
    'Your booking is confirmed.',
    door,
    facts.map((fact) => `${fact.label}: ${fact.value}`).join('\n'),
    ['Price', ...price.map((line) => `  ${line.label}: ${line.amount}`)].join('\n'),
    ...(booking.doorCode ? [`Door code: ${formatDoorCode(booking.doorCode)}`] : []),
    `Ticket code: ${code}`,
    `Your booking online: ${url}`,
    '— Movie Magic',
  ].join('\n\n');
  const html = emailDocument(
    subject,
    [
      `<p style="margin:0 0 16px">Hello ${escapeHtml(user.name)},</p>`,
      paragraph('Your booking is confirmed.'),
      qr.html,
      factsTable(facts),
      heading('Price'),
      amountsTable(price),
      `<p style="margin:0 0 16px"><a href="${escapeHtml(url)}">Your booking online</a></p>`,
      '<p style="margin:0">— Movie Magic</p>',
    ].join('\n'),
  );
  return {
    to: user.email,
    subject,
    text,
    html,
    attachments: [qr.attachment, ...(await ticketAttachments(deps, booking, code))],
  };
}

/** The PDF ticket with `code` and the calendar event (same UID, so a calendar updates the event it has). */
async function ticketAttachments(
  deps: Pick<Deps, 'config' | 'clock'>,
  booking: Booking,
  code: string,
): Promise<NonNullable<Mail['attachments']>> {
  const pdf = await ticketPdf(booking, code, { locale: booking.locale });
  const ics = bookingEvent(booking, {
    origin: publicOrigin(deps.config),
    now: deps.clock.now(),
    ...(booking.runtimeMinutes ? { durationMinutes: booking.runtimeMinutes } : {}),
  });
  return [
    { filename: `ticket-${booking.id}.pdf`, contentType: 'application/pdf', content: pdf },
    {
      filename: `${booking.id}.ics`,
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: new TextEncoder().encode(ics),
    },
  ];
}

/**
 * The news that a booking's showtime moved (the booking already has the new start): the new time and the
 * old, the same seats, and the reissued ticket (code, PDF, calendar event), since the old code no longer
 * admits at the door.
 */
export async function movedMail(
  deps: Pick<Deps, 'config' | 'clock' | 'tickets'>,
  booking: Booking,
  user: Pick<User, 'email' | 'name'>,
  previousStartsAt: string | undefined,
): Promise<Mail> {
  const code = await ticketCodeFor(deps, booking);
  const url = `${publicOrigin(deps.config)}/bookings/${booking.id}`;
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const was = previousStartsAt
    ? ` (it was ${whenText(previousStartsAt, booking.timeZone, booking.locale)})`
    : '';
  const lead = [
    `${booking.theaterName} has moved your showtime of ${booking.movieTitle}. It now starts ${when}${was}. Your seats are the same.`,
    booking.doorCode
      ? `Your ticket has a new QR code: the old ticket, its QR code and PDF no longer admit you. Your door code, ${formatDoorCode(booking.doorCode)}, stays the same.`
      : 'Your ticket has a new code: the old ticket, its QR code and PDF no longer admit you. Show this email, the attached PDF ticket or your booking page at the door.',
    `If the new time does not suit you, the box office at ${booking.theaterName} will help.`,
  ];
  const facts = bookingFacts(booking, boxOffice.label);
  const subject = `New time for ${booking.movieTitle}: ${when}`;
  const qr = await inlineQr(booking, code, doorText(booking, 'ticket'));
  const text = [
    `Hello ${user.name},`,
    ...lead,
    facts.map((fact) => `${fact.label}: ${fact.value}`).join('\n'),
    ...(booking.doorCode ? [`Door code: ${formatDoorCode(booking.doorCode)}`] : []),
    `New ticket code: ${code}`,
    `Your booking online: ${url}`,
    '— Movie Magic',
  ].join('\n\n');
  const html = emailDocument(
    subject,
    [
      `<p style="margin:0 0 16px">Hello ${escapeHtml(user.name)},</p>`,
      ...lead.map(paragraph),
      qr.html,
      factsTable(facts),
      `<p style="margin:0 0 16px"><a href="${escapeHtml(url)}">Your booking online</a></p>`,
      '<p style="margin:0">— Movie Magic</p>',
    ].join('\n'),
  );
  return {
    to: user.email,
    subject,
    text,
    html,
    attachments: [qr.attachment, ...(await ticketAttachments(deps, booking, code))],
  };
}

/**
 * The news that a booking's showtime was cancelled: the booking is cancelled, its seats released, its
 * tickets void, and how to get a refund.
 */
export function cancellationMail(
  deps: Pick<Deps, 'config'>,
  booking: Booking,
  user: Pick<User, 'email' | 'name'>,
): Mail {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const origin = publicOrigin(deps.config);
  const lead = [
    `We are sorry: ${booking.theaterName} has cancelled the showtime of ${booking.movieTitle} on ${when}.`,
    `Your booking ${booking.id} is cancelled and its seats (${seatsText(booking)}) are released. Its tickets no longer admit anyone.`,
    refundText(booking),
  ];
  const links = [
    { text: 'Your booking online', url: `${origin}/bookings/${booking.id}` },
    { text: `Other showtimes of ${booking.movieTitle}`, url: `${origin}/movies/${booking.movieId}` },
  ];
  const text = [
    `Hello ${user.name},`,
    ...lead,
    ...links.map((link) => `${link.text}: ${link.url}`),
    '— Movie Magic',
  ].join('\n\n');
  const subject = `Cancelled: ${booking.movieTitle}, ${when}`;
  const html = emailDocument(
    subject,
    [
      `<p style="margin:0 0 16px">Hello ${escapeHtml(user.name)},</p>`,
      ...lead.map(paragraph),
      ...links.map(
        (link) =>
          `<p style="margin:0 0 16px"><a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a></p>`,
      ),
      '<p style="margin:0">— Movie Magic</p>',
    ].join('\n'),
  );
  return { to: user.email, subject, text, html };
}

/** The first of `texts` that fits two SMS segments, else the last one cut to fit. */
export function firstFitting(texts: string[]): string {
  for (const text of texts) if (fitSms(text, 2) === text) return text;
  return fitSms(texts.at(-1) ?? '', 2);
}

export const shortTitle = (booking: Booking) =>
  booking.movieTitle.length > 24 ? `${booking.movieTitle.slice(0, 23)}...` : booking.movieTitle;

/** The SMS that a showtime moved: the new time, and where the new ticket code is (too long for a text). */
export function movedSms(config: Deps['config'], booking: Booking): string {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const page = `${publicOrigin(config)}/bookings/${booking.id}`;
  // The door code stays with the booking; only the QR code is reissued.
  const tail = booking.doorCode
    ? `Your door code ${formatDoorCode(booking.doorCode)} is the same; the QR code changed: use the new one from your email or ${page}`
    : `Your ticket code changed: use the new one from your email or ${page}`;
  return firstFitting([
    `Movie Magic ${booking.id}: ${booking.movieTitle} moved to ${when}, ${booking.theaterName}. Same seats. ${tail}`,
    `Movie Magic ${booking.id}: ${shortTitle(booking)} moved to ${when}. ${tail}`,
    `Movie Magic ${booking.id}: moved to ${when}. New ticket code in your email.`,
  ]);
}

/** The SMS that a showtime was cancelled, with how the box office refunds. */
export function cancellationSms(booking: Booking): string {
  const when = whenText(booking.startsAt, booking.timeZone, booking.locale);
  const back = booking.cancellation?.refund ?? 0;
  const refund =
    back > 0
      ? `A refund of ${formatMoney({ amount: back, currency: booking.price.currency }, booking.locale)} is on its way to your card.`
      : 'If you paid, show this text at the box office for a full refund.';
  return firstFitting([
    `Movie Magic ${booking.id}: ${booking.movieTitle}, ${when}, ${booking.theaterName} is cancelled. Your booking is cancelled. ${refund}`,
    `Movie Magic ${booking.id}: ${shortTitle(booking)}, ${when} is cancelled. ${refund}`,
    `Movie Magic ${booking.id}: your showtime on ${when} is cancelled. ${refund}`,
  ]);
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
