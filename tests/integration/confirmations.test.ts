import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/auth/model';
import { createSession } from '../../src/auth/sessions';
import { screens } from '../../src/demo/catalog';
import { demoShowtimes, loadDemoData } from '../../src/demo/seed';
import { createUser, markEmailVerified } from '../../src/features/accounts/repo';
import type { Booking } from '../../src/features/booking/model';
import * as booking from '../../src/features/booking/service';
import { type DispatchDeps, dispatchDue, retryDelayMs } from '../../src/features/confirmations/dispatcher';
import { getOutboxMessage } from '../../src/features/confirmations/repo';
import { verifyTicket } from '../../src/features/tickets/code';
import type { Mailer } from '../../src/platform/mail/mailer';
import { type LocalSes, startLocalSes } from '../../src/platform/mail/node/local-ses';
import { SesMailer } from '../../src/platform/mail/ses';
import { SnsNotifier } from '../../src/platform/sms/sns';
import { fixedClock, freshTable, testApp } from '../support/db';
import { recordingLogger } from '../support/log';
import { type StoredEmail, storedEmails } from '../support/ses-store';
import { recordingNotifier } from '../support/sms';
import { type SnsEndpoint, startSnsEndpoint } from '../support/sns-endpoint';

const now = new Date('2026-11-24T09:00:00Z');
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let deps: ReturnType<typeof testApp>['deps'];
let app: ReturnType<typeof testApp>['app'];
let ses: LocalSes | undefined;
let sns: SnsEndpoint | undefined;
let sesMailer: SesMailer;

const GRAND_HALL = 'harbour-lights-colaba-1';
const shows = demoShowtimes(now).filter((s) => s.screenId === GRAND_HALL && s.startsAt > '2026-11-25');
if (!screens.some((s) => s.id === GRAND_HALL) || shows.length < 6) throw new Error('demo showtimes missing');
let showIndex = 0;
let users = 0;

const recordingLog = recordingLogger();
const logged = recordingLog.lines;

async function customer(
  options: {
    mobile?: string;
    smsOptIn?: boolean;
    role?: 'customer' | 'staff';
    mobileConfirmed?: boolean;
  } = {},
) {
  users++;
  const id = `confirm-user-${users}`;
  const email = `confirm-${users}@example.com`;
  await createUser(db, {
    id,
    email,
    name: `Customer ${users}`,
    mobile: options.mobile,
    // Numbers are confirmed by a texted code before any booking text; fixtures start confirmed unless told.
    mobileVerified: options.mobileConfirmed === false ? undefined : options.mobile,
    smsOptIn: options.smsOptIn ?? false,
    role: options.role ?? 'customer',
    passwordHash: 'unused',
    createdAt: now.toISOString(),
  });
  await markEmailVerified(db, id, email, now.toISOString());
  const user: SessionUser = {
    id,
    email,
    name: `Customer ${users}`,
    role: options.role ?? 'customer',
    emailVerifiedAt: now.toISOString(),
  };
  return { user, cookie: `session=${(await createSession(deps, id)).token}` };
}

/** A booking of two seats on a showtime of its own, made through the booking service. */
async function book(who: { user: SessionUser }, seats = ['J9', 'J10']): Promise<Booking> {
  const show = shows[showIndex++ % shows.length];
  if (!show) throw new Error('no showtime');
  await booking.holdSeats(deps, who.user, show.id, seats);
  return booking.confirmBooking(deps, who.user, show.id, crypto.randomUUID());
}

const emailsFor = (to: string) => storedEmails(ses?.endpoint ?? '', to);

function dispatcher(overrides: Partial<DispatchDeps> = {}): DispatchDeps {
  return { ...deps, mailer: sesMailer, log: recordingLog, ...overrides };
}

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  ({ deps, app } = testApp(db, clock));
  ses = await startLocalSes();
  sns = await startSnsEndpoint();
  sesMailer = new SesMailer({
    region: 'us-east-1',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    from: 'Movie Magic <tickets@moviemagic.local>',
  });
});

afterAll(async () => {
  await ses?.stop();
  await sns?.close();
  await db.drop();
});

describe('the outbox dispatcher', () => {
  it('sends one email per booking with the booking page facts, the PDF ticket and the calendar event', async () => {
    const me = await customer();
    const made = await book(me);
    expect((await getOutboxMessage(db, made.id))?.status).toBe('pending');

    const first = await dispatchDue(dispatcher(), 'dispatcher-a');
    expect(first.sent).toBeGreaterThanOrEqual(1);
    // A second round finds nothing more to send for it.
    await dispatchDue(dispatcher(), 'dispatcher-a');

    const emails = await emailsFor(me.user.email);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    if (!email) throw new Error('no email');
    expect(email.subject).toContain(made.movieTitle);
    const text = email.body.text ?? '';
    const html = email.body.html ?? '';
    for (const part of [text, html]) {
      expect(part).toContain(made.id);
      expect(part).toContain(made.movieTitle);
      expect(part).toContain('Harbour Lights Cinema, Colaba');
      expect(part).toContain('14 Shahid Bhagat Singh Road');
      expect(part).toMatch(/J9 \(Premium\), J10 \(Premium\)/);
      expect(part).toContain('Unpaid — pay at the box office');
      expect(part).toMatch(/IST|GMT\+5:30/);
    }
    expect(text).toMatch(/Total: ₹[\d,.]+/);

    const code = /Ticket code: (MM1\.[0-9A-Z.]+)/.exec(text)?.[1] ?? '';
    const verified = await verifyTicket(deps.tickets.verify, code);
    expect(verified.ok && verified.ticket.bookingId).toBe(made.id);

    const pdf = email.attachments.find((a) => a.contentType.startsWith('application/pdf'));
    const ics = email.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(pdf?.filename).toBe(`ticket-${made.id}.pdf`);
    expect(
      Buffer.from(pdf?.content ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const calendar = Buffer.from(ics?.content ?? '', 'base64').toString();
    expect(calendar).toContain('BEGIN:VEVENT');
    expect(calendar).toContain('TZID=Asia/Kolkata');
    expect(calendar).toContain(made.id);
    // The event lasts the film: its local start and end stamps are the running time apart.
    const stamp = (name: string) => {
      const [, y, mo, d, h, mi] =
        new RegExp(`${name};TZID=[^:]+:(\\d{4})(\\d\\d)(\\d\\d)T(\\d\\d)(\\d\\d)`).exec(calendar) ?? [];
      return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    };
    expect(made.runtimeMinutes).toBeGreaterThan(0);
    expect((stamp('DTEND') - stamp('DTSTART')) / 60_000).toBe(made.runtimeMinutes);

    const message = await getOutboxMessage(db, made.id);
    expect(message).toMatchObject({ status: 'sent', attempts: 1, smsSkipped: 'no mobile number' });
    expect(message?.emailMessageId).toBe(email.messageId);
  });

  it('retries an SES failure with backoff and ends with exactly one email', async () => {
    const me = await customer();
    const made = await book(me);
    let failures = 0;
    const flaky: Mailer = {
      send: async (mail) => {
        if (failures < 2) {
          failures++;
          throw Object.assign(new Error('SES is having a bad moment'), { name: 'ServiceUnavailable' });
        }
        return sesMailer.send(mail);
      },
    };
    const round = () => dispatchDue(dispatcher({ mailer: flaky }), 'dispatcher-a');
    expect((await round()).retrying).toBeGreaterThanOrEqual(1);
    let message = await getOutboxMessage(db, made.id);
    expect(message).toMatchObject({ status: 'pending', attempts: 1 });
    expect(message?.lastError).toContain('SES is having a bad moment');
    // Not due again until the backoff has passed.
    await round();
    expect((await getOutboxMessage(db, made.id))?.attempts).toBe(1);
    for (let i = 0; i < 2; i++) {
      clock.set(new Date(clock.now().getTime() + 15 * 60_000));
      await round();
    }
    message = await getOutboxMessage(db, made.id);
    expect(message).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await emailsFor(me.user.email)).toHaveLength(1);
    expect(
      logged.filter((l) => l.message.includes('will retry') && l.fields.bookingId === made.id),
    ).toHaveLength(2);
  });

  it('sends each message once when two dispatchers run at the same time', async () => {
    const made: { email: string; id: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const who = await customer();
      made.push({ email: who.user.email, id: (await book(who, [`K${i * 2 + 3}`, `K${i * 2 + 4}`])).id });
    }
    const rounds = await Promise.all([
      dispatchDue(dispatcher(), 'dispatcher-a'),
      dispatchDue(dispatcher(), 'dispatcher-b'),
      dispatchDue(dispatcher(), 'dispatcher-c'),
    ]);
    expect(rounds.reduce((sum, r) => sum + r.sent, 0)).toBeGreaterThanOrEqual(6);
    for (const { email, id } of made) {
      expect(await emailsFor(email), id).toHaveLength(1);
      expect((await getOutboxMessage(db, id))?.status).toBe('sent');
    }
  });

  it('texts customers who opted in, through SNS Publish to their number', async () => {
    const me = await customer({ mobile: '+919820012345', smsOptIn: true });
    const made = await book(me);
    const notifier = new SnsNotifier({
      region: 'ap-south-1',
      endpoint: sns?.url,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await dispatchDue(dispatcher({ notifier }), 'dispatcher-a');
    const published = sns?.published() ?? [];
    const mine = published.filter((p) => p.phoneNumber === '+919820012345');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.message).toContain(made.id);
    expect(mine[0]?.message).toContain(made.movieTitle);
    expect(mine[0]?.message).toContain('J9');
    expect(mine[0]?.messageAttributes['AWS.SNS.SMS.SMSType']?.stringValue).toBe('Transactional');
    const request = sns?.requests.find((r) => r.publish?.phoneNumber === '+919820012345');
    expect(request?.params.TopicArn).toBeUndefined();
    expect(request?.params.TargetArn).toBeUndefined();
    expect(await getOutboxMessage(db, made.id)).toMatchObject({ status: 'sent' });
    expect((await getOutboxMessage(db, made.id))?.smsMessageId).toBeTruthy();
  });

  it('never texts a number that was not confirmed by a code, even when opted in', async () => {
    const me = await customer({ mobile: '+919820054321', smsOptIn: true, mobileConfirmed: false });
    const made = await book(me);
    const notifier = recordingNotifier();
    await dispatchDue(dispatcher({ notifier }), 'dispatcher-a');
    expect(notifier.sent.filter((sms) => sms.to === '+919820054321')).toEqual([]);
    expect(await getOutboxMessage(db, made.id)).toMatchObject({
      status: 'sent',
      smsSkipped: 'number not confirmed',
    });
  });

  it('gives up after the configured attempts, logs it, and sends again when the owner asks', async () => {
    const me = await customer();
    const made = await book(me);
    const broken: Mailer = {
      send: async () => {
        throw new Error('MessageRejected: Email address is not verified.');
      },
    };
    const max = deps.config.outboxMaxAttempts;
    for (let i = 0; i < max; i++) {
      await dispatchDue(dispatcher({ mailer: broken }), 'dispatcher-a');
      clock.set(new Date(clock.now().getTime() + 60 * 60_000));
    }
    expect(await getOutboxMessage(db, made.id)).toMatchObject({ status: 'failed', attempts: max });
    expect(logged.some((l) => l.level === 'error' && l.fields.bookingId === made.id)).toBe(true);
    // Staff see it listed, with the error, on the admin page.
    const staff = await customer({ role: 'staff' });
    const admin = await (await app.request('/admin', { headers: { Cookie: staff.cookie } })).text();
    expect(admin).toContain('Confirmations that could not be sent');
    expect(admin).toContain(`href="/bookings/${made.id}"`);
    expect(admin).toContain('Email address is not verified.');

    // The booking stands, and its page says the email failed and offers to send it again.
    const page = await (await app.request(`/bookings/${made.id}`, { headers: { Cookie: me.cookie } })).text();
    expect(page).toContain('We could not send your tickets by email.');
    const first = await app.request(`/bookings/${made.id}/resend`, {
      method: 'POST',
      headers: { Cookie: me.cookie, Origin: 'http://localhost' },
    });
    expect(first.status).toBe(303);
    expect(await getOutboxMessage(db, made.id)).toMatchObject({ status: 'pending', attempts: 0 });
    await dispatchDue(dispatcher(), 'dispatcher-a');
    expect(await getOutboxMessage(db, made.id)).toMatchObject({ status: 'sent' });
    expect(await emailsFor(me.user.email)).toHaveLength(1);

    // "Send again" while it is on its way changes nothing; sending again is limited to three an hour.
    const resend = () =>
      app.request(`/bookings/${made.id}/resend`, {
        method: 'POST',
        headers: { Cookie: me.cookie, Origin: 'http://localhost' },
      });
    expect((await resend()).headers.get('Location')).toBe(`/bookings/${made.id}?done=resent`);
    expect((await resend()).headers.get('Location')).toBe(`/bookings/${made.id}?done=sending`);
    await dispatchDue(dispatcher(), 'dispatcher-a');
    expect((await resend()).status).toBe(303);
    await dispatchDue(dispatcher(), 'dispatcher-a');
    expect(await emailsFor(me.user.email)).toHaveLength(3);
    const limited = await resend();
    expect(limited.status).toBe(429);
    expect(await getOutboxMessage(db, made.id)).toMatchObject({ status: 'sent' });
  });

  it('stops a dispatcher whose lease ran out mid-send: the SMS goes once, from the new owner', async () => {
    const me = await customer({ mobile: '+919820099999', smsOptIn: true });
    const made = await book(me);
    const texts = recordingNotifier();
    let outcomeB: Awaited<ReturnType<typeof dispatchDue>> | undefined;
    // Dispatcher A's email takes longer than its lease: meanwhile B claims the message and delivers it.
    const slow: Mailer = {
      send: async (mail) => {
        clock.set(new Date(clock.now().getTime() + 61_000));
        outcomeB = await dispatchDue(dispatcher({ notifier: texts }), 'dispatcher-b');
        return sesMailer.send(mail);
      },
    };
    const outcomeA = await dispatchDue(dispatcher({ mailer: slow, notifier: texts }), 'dispatcher-a');
    expect(outcomeB).toMatchObject({ sent: 1 });
    expect(outcomeA).toMatchObject({ lost: 1, sent: 0 });
    expect(texts.sent.filter((sms) => sms.to === '+919820099999')).toHaveLength(1);
    expect(await getOutboxMessage(db, made.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(
      logged.some((l) => l.message.startsWith('outbox lease lost') && l.fields.bookingId === made.id),
    ).toBe(true);
    // At least once, not exactly once: the email A had already handed to SES went too.
    expect(await emailsFor(me.user.email)).toHaveLength(2);
  });

  it('waits longer after each failure, with jitter, up to a ceiling', () => {
    expect(retryDelayMs(1, 10_000, () => 0)).toBe(5_000);
    expect(retryDelayMs(1, 10_000, () => 1)).toBe(10_000);
    expect(retryDelayMs(3, 10_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(30, 10_000, () => 1)).toBe(15 * 60_000);
  });
});

describe('the confirmation email on a phone', () => {
  it('carries the QR code as an inline PNG and no SVG, the door code as text, and no width over 600 px', async () => {
    const me = await customer();
    const made = await book(me, ['H5', 'H6']);
    await dispatchDue(dispatcher(), 'dispatcher-phone');
    const [email] = await emailsFor(me.user.email);
    if (!email) throw new Error('no email');
    const png = email.attachments.find((a) => a.contentType === 'image/png') as
      | (StoredEmail['attachments'][number] & { contentId?: string; contentDisposition?: string })
      | undefined;
    expect(png?.contentId).toBe(`<qr-${made.id}@moviemagic>`);
    expect(png?.contentDisposition).toBe('inline');
    const bytes = Buffer.from(png?.content ?? '', 'base64');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(150);
    expect(email.attachments.some((a) => /svg/i.test(a.contentType))).toBe(false);

    const html = email.body.html ?? '';
    expect(html).not.toMatch(/<svg/i);
    expect(html).toContain(`alt="QR code of booking ${made.id}"`);
    const widths = [...html.matchAll(/\bwidth(?:="|:\s*)(\d+)(?:px)?/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(1);
    expect(Math.max(...widths)).toBeLessThanOrEqual(600);
    const doorCode = `${made.doorCode?.slice(0, 4)}-${made.doorCode?.slice(4)}`;
    expect(html).toContain(`>${doorCode}</p>`);
    expect(email.body.text).toContain(
      `At the door, tell staff your door code, ${doorCode}, or show the QR code`,
    );
  });
});

describe('tickets on the booking page', () => {
  it('shows the QR code and offers the PDF to the owner only', async () => {
    const me = await customer();
    const made = await book(me);
    const page = await (await app.request(`/bookings/${made.id}`, { headers: { Cookie: me.cookie } })).text();
    expect(page).toContain('<svg');
    expect(page).toContain(`aria-label="Ticket QR code for booking ${made.id}"`);
    const code = /(MM1\.[0-9A-Z]+\.[0-9A-Z]+\.[0-9A-Z]+)/.exec(page)?.[1] ?? '';
    expect((await verifyTicket(deps.tickets.verify, code)).ok).toBe(true);
    expect(page).toContain('Sending your tickets by email');

    const pdf = await app.request(`/bookings/${made.id}/ticket.pdf`, { headers: { Cookie: me.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const stranger = await customer();
    const denied = await app.request(`/bookings/${made.id}/ticket.pdf`, {
      headers: { Cookie: stranger.cookie },
    });
    expect(denied.status).toBe(404);
    expect((await app.request(`/bookings/${made.id}/ticket.pdf`)).status).toBe(303);
  });
});
