import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/seed';
import type { Payment, Refund } from '../../src/features/payments/model';
import * as payRepo from '../../src/features/payments/repo';
import type { OnlineProviderId } from '../../src/platform/payments/online';
import { fixedClock, freshTable, testApp } from '../support/db';
import { getAs, type Operator, operator } from '../support/operators';
import { fieldRow } from '../support/routes';

/*
 * The back office's payments page over DynamoDB Local: payments and refunds written by the payments
 * feature's own repo functions (started, booked, refunding, declined; refunds queued, made, refused), then
 * read back by day and theater as an admin and as a manager of one theater, and as CSV.
 */

const now = new Date('2026-11-24T09:00:00Z'); // 14:30 in Mumbai
const clock = fixedClock(now);
let db: Awaited<ReturnType<typeof freshTable>>;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let admin: Operator;
let manager: Operator;
let staff: Operator;
let customer: Operator;

const COLABA = 'harbour-lights-colaba';
const ANDHERI = 'sapphire-andheri';
const MARINA = 'marina-picture-house';

let serial = 0;
function newPayment(
  theaterId: string,
  createdAt: string,
  amount: number,
  { currency = 'INR', provider = 'stripe' }: { currency?: string; provider?: OnlineProviderId } = {},
): Payment {
  const n = String(++serial).padStart(4, '0');
  const id = `MM-PAYS-TEST-${n}`;
  return {
    id,
    userId: 'buyer',
    showId: `${theaterId}-show`,
    theaterId,
    holdId: `hold-${n}`,
    seats: ['E5'],
    holdCreatedAt: createdAt,
    holdExpiresAt: createdAt,
    provider,
    sessionId: `cs_${n}`,
    url: `https://pay.example/${n}`,
    amount,
    currency,
    price: {
      currency,
      tickets: [],
      fee: 0,
      feePerTicket: 0,
      tax: 0,
      taxName: 'GST',
      taxBasisPoints: 0,
      total: amount,
    },
    status: 'open',
    createdAt,
  };
}

function newRefund(payment: Payment, createdAt: string, amount: number, key: string): Refund {
  return {
    paymentId: payment.id,
    theaterId: payment.theaterId,
    key: `${payment.id}-${key}`,
    provider: payment.provider,
    chargeId: `ch_${payment.id}`,
    amount,
    currency: payment.currency,
    userId: payment.userId,
    reason: 'Cancelled by the customer.',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    createdAt,
  };
}

/** A payment started, then paid: `booked` as the sale's transaction leaves it. */
async function booked(payment: Payment): Promise<Payment> {
  expect(await payRepo.putPayment(db, payment)).toBe(true);
  const chargeId = `ch_${payment.id}`;
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [payRepo.bookedUpdate(db, payment, chargeId, payment.createdAt)],
    }),
  );
  return { ...payment, status: 'booked', chargeId };
}

/** A refund queued as a cancellation queues it, in a transaction of its own. */
async function queued(refund: Refund): Promise<Refund> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: [payRepo.refundPut(db, refund)] }));
  return refund;
}

/** The refund process's claim and its outcome, as dispatchRefunds records them. */
async function settled(refund: Refund, outcome: 'done' | 'failed') {
  const claimed = await payRepo.claimRefund(db, refund, 'test', now.toISOString(), '2026-11-24T09:01:00Z');
  if (!claimed) throw new Error('refund not claimed');
  const at = refund.createdAt;
  expect(
    await payRepo.settleRefund(
      db,
      claimed,
      'test',
      outcome === 'done'
        ? { status: 'done', providerRefundId: `re_${refund.paymentId}`, at }
        : { status: 'failed', error: 'charge_already_refunded: the charge was refunded, say, twice', at },
    ),
  ).toBe(true);
}

const data: Record<string, Payment> = {};

beforeAll(async () => {
  db = await freshTable();
  await loadDemoData(db, now);
  ({ app, deps } = testApp(db, clock));
  [admin, manager, staff, customer] = await Promise.all([
    operator(deps, 'admin@example.com', 'admin'),
    operator(deps, 'manager@example.com', 'manager', [COLABA]),
    operator(deps, 'staff@example.com', 'staff', [COLABA]),
    operator(deps, 'customer@example.com', 'customer'),
  ]);
  // 18:45 UTC on the 23rd is 00:15 on the 24th in Mumbai: it counts on the 24th.
  data.midnight = await booked(newPayment(COLABA, '2026-11-23T18:45:00.000Z', 50_000));
  data.earlier = await booked(
    newPayment(COLABA, '2026-11-22T05:00:00.000Z', 30_050, { provider: 'razorpay' }),
  );
  data.lastWeek = await booked(newPayment(COLABA, '2026-11-16T10:00:00.000Z', 12_300));
  data.andheri = await booked(newPayment(ANDHERI, '2026-11-24T03:00:00.000Z', 99_900));
  data.marina = await booked(
    newPayment(MARINA, '2026-11-24T07:00:00.000Z', 4_500, { currency: 'AED', provider: 'stripe' }),
  );
  // Paid too late for its seats: refunding, with its whole refund queued in the same transaction.
  const late = newPayment(COLABA, '2026-11-24T04:00:00.000Z', 20_000);
  await payRepo.putPayment(db, late);
  const whole = newRefund(late, '2026-11-24T04:00:00.000Z', 20_000, 'whole');
  expect(await payRepo.queueRefundOfOpen(db, late, { ...whole, chargeId: 'ch_late' }, late.createdAt)).toBe(
    true,
  );
  data.late = late;
  // Declined at the provider: still open, with the provider's words.
  const declined = newPayment(COLABA, '2026-11-24T05:00:00.000Z', 45_000);
  await payRepo.putPayment(db, declined);
  await payRepo.noteFailure(db, declined.id, 'Your card was declined.');
  data.declined = declined;
  // Abandoned at the provider's page: neither a charge nor a failure.
  await payRepo.putPayment(db, newPayment(COLABA, '2026-11-24T05:30:00.000Z', 10_000));
  await settled(await queued(newRefund(data.midnight, '2026-11-24T06:00:00.000Z', 15_000, 'cancel')), 'done');
  await settled(
    await queued(newRefund(data.earlier, '2026-11-22T06:00:00.000Z', 30_050, 'cancel')),
    'failed',
  );
});
afterAll(() => db?.drop());

/** The cells of each row of a table (header cells too), as text. */
function rows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      (cell[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .trim(),
    ),
  );
}

/** The HTML of the table section for `currency` (its heading's id), or undefined when there is none. */
function currencySection(html: string, currency: string): string | undefined {
  const at = html.indexOf(`id="payments-${currency.toLowerCase()}"`);
  if (at < 0) return undefined;
  return html.slice(at, html.indexOf('</section>', html.indexOf('</table>', at)));
}

describe('the payments page for an admin', () => {
  it('shows the last week by day and theater, one table per currency, totals that add up', async () => {
    const res = await getAs(app, '/admin/payments', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('value="2026-11-18"');
    expect(html).toContain('value="2026-11-24"');
    const inr = rows(currencySection(html, 'INR') ?? '');
    expect(inr[0]).toEqual(['Day', 'Theater', 'Charged', 'Refunded', 'Net', 'Refunds pending', 'Failures']);
    expect(inr[1]).toEqual(['Count', 'Amount', 'Count', 'Amount', 'Count', 'Amount']);
    expect(inr.slice(2)).toEqual([
      ['Sun, 22 Nov', 'Harbour Lights Cinema, Colaba', '1', '₹300.50', '0', '₹0', '₹300.50', '0', '₹0', '1'],
      ['Tue, 24 Nov', 'Harbour Lights Cinema, Colaba', '2', '₹700', '1', '₹150', '₹550', '1', '₹200', '1'],
      ['Tue, 24 Nov', 'Sapphire Multiplex, Andheri West', '1', '₹999', '0', '₹0', '₹999', '0', '₹0', '0'],
      ['Total', '4', '₹1,999.50', '1', '₹150', '₹1,849.50', '1', '₹200', '2'],
    ]);
    const aed = rows(currencySection(html, 'AED') ?? '');
    expect(aed.at(-1)).toEqual([
      'Total',
      '1',
      expect.stringMatching(/^AED\s?45$/),
      '0',
      expect.stringMatching(/0$/),
      expect.stringMatching(/45$/),
      '0',
      expect.stringMatching(/0$/),
      '0',
    ]);
    // Last week's payment is outside the days shown.
    expect(html).not.toContain(data.lastWeek?.id);
  });

  it('lists the failures with their reasons, and the refund still to be made', async () => {
    const html = await (await getAs(app, '/admin/payments', admin)).text();
    const failures = html.slice(
      html.indexOf('id="payments-failures"'),
      html.indexOf('id="payments-pending"'),
    );
    const listed = rows(failures).slice(1);
    expect(listed.map((row) => [row[0], row[1], row[4], row[6]])).toEqual([
      [
        data.earlier?.id,
        'Refund failed',
        'Razorpay',
        'charge_already_refunded: the charge was refunded, say, twice',
      ],
      [data.declined?.id, 'Payment failed', 'Stripe', 'Your card was declined.'],
    ]);
    const pending = rows(html.slice(html.indexOf('id="payments-pending"'))).slice(1);
    expect(pending.map((row) => [row[0], row[4], row[5]])).toEqual([[data.late?.id, '₹200', '0']]);
  });

  it('takes other days and one theater, and says when there is nothing', async () => {
    const html = await (
      await getAs(app, `/admin/payments?theater=${COLABA}&from=2026-11-16&to=2026-11-16`, admin)
    ).text();
    expect(html).toContain('Payments: Harbour Lights Cinema, Colaba');
    expect(rows(currencySection(html, 'INR') ?? '').at(-1)).toEqual([
      'Total',
      '1',
      '₹123',
      '0',
      '₹0',
      '₹123',
      '0',
      '₹0',
      '0',
    ]);
    const empty = await (await getAs(app, `/admin/payments?theater=${MARINA}&from=2026-11-01`, admin)).text();
    expect(empty).toContain('No payments or refunds in these days.');
    // One end given: the week from it.
    expect(empty).toContain('value="2026-11-07"');
  });

  it('downloads the same payments as CSV: one record per charge and refund, adding up to the page', async () => {
    const res = await getAs(app, '/admin/payments.csv', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="payments-all-2026-11-18-to-2026-11-24.csv"',
    );
    const lines = (await res.text()).split('\r\n');
    expect(lines.at(-1)).toBe('');
    const records = lines.slice(0, -1).map((line) => line.split(','));
    expect(records[0]?.join(',')).toBe(
      'date,theater,booking id,kind,provider,provider id,amount,currency,status',
    );
    // 5 charges (booked and refunding; not the declined or abandoned ones), 3 refunds.
    expect(records).toHaveLength(1 + 5 + 3);
    expect(lines).toContain(
      `2026-11-24,${COLABA},${data.midnight?.id},charge,stripe,ch_${data.midnight?.id},500.00,INR,booked`,
    );
    expect(lines).toContain(
      `2026-11-24,${COLABA},${data.late?.id},charge,stripe,ch_late,200.00,INR,refunding`,
    );
    expect(lines).toContain(
      `2026-11-24,${COLABA},${data.midnight?.id},refund,stripe,re_${data.midnight?.id},150.00,INR,done`,
    );
    expect(lines).toContain(`2026-11-22,${COLABA},${data.earlier?.id},refund,razorpay,,300.50,INR,failed`);
    const inr = records.slice(1).filter((r) => r[7] === 'INR');
    const paise = (kind: string, status?: string) =>
      inr
        .filter((r) => r[3] === kind && (!status || r[8] === status))
        .reduce((sum, r) => sum + Math.round(Number(r[6]) * 100), 0);
    expect(paise('charge')).toBe(199_950);
    expect(paise('charge') - paise('refund', 'done')).toBe(184_950);
  });
});

describe('the payments page for a manager', () => {
  it("shows only their theaters: another theater's payments are absent from the page and the CSV", async () => {
    const html = await (await getAs(app, '/admin/payments', manager)).text();
    expect(html).toContain('All my theaters');
    expect(html).not.toContain('Sapphire');
    expect(html).not.toContain(data.andheri?.id);
    expect(currencySection(html, 'AED')).toBeUndefined();
    expect(
      rows(currencySection(html, 'INR') ?? '')
        .at(-1)
        ?.slice(1, 3),
    ).toEqual(['3', '₹1,000.50']);
    const csv = await (await getAs(app, '/admin/payments.csv', manager)).text();
    expect(csv).toContain(data.midnight?.id);
    expect(csv).not.toContain(data.andheri?.id);
    expect(csv).not.toContain(ANDHERI);
  });

  it("is refused another theater's payments, on the page and as CSV", async () => {
    for (const path of [`/admin/payments?theater=${ANDHERI}`, `/admin/payments.csv?theater=${ANDHERI}`]) {
      const res = await getAs(app, path, manager);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(data.andheri?.id);
    }
  });
});

describe('who may not see payments', () => {
  it('refuses customers and staff with 403, as the other back-office pages do', async () => {
    for (const who of [customer, staff])
      for (const path of ['/admin/payments', '/admin/payments.csv']) {
        const res = await getAs(app, path, who);
        expect(res.status).toBe(403);
        expect(await res.text()).not.toContain(data.midnight?.id);
      }
  });
});

describe('filters that cannot be used', () => {
  it.each([
    ['from=2026-13-01', 'payments-from', 'Enter the first day like 2026-11-24.'],
    ['from=yesterday', 'payments-from', 'Enter the first day like 2026-11-24.'],
    ['to=2026-02-30', 'payments-to', 'Enter the last day like 2026-11-30.'],
    ['from=2026-11-24&to=2026-11-20', 'payments-to', 'Choose a last day on or after the first day.'],
    ['from=2026-09-01&to=2026-11-24', 'payments-from', 'Choose at most 31 days'],
    ['theater=no-such-theater', 'payments-theater', 'Choose a theater from the list.'],
    ['theater=%3Cscript%3E', 'payments-theater', 'Choose a theater from the list.'],
  ])('answers %s with 400 and the message beside the field', async (query, field, message) => {
    for (const path of [`/admin/payments?${query}`, `/admin/payments.csv?${query}`]) {
      const res = await getAs(app, path, admin);
      expect(res.status).toBe(400);
      expect(res.headers.get('Content-Type')).toContain('text/html');
      const html = await res.text();
      if (field === 'payments-theater') {
        expect(html).toContain(`<p id="payments-theater-error" class="field-error">${message}</p>`);
        expect(html).toMatch(/id="payments-theater"[^>]*aria-invalid="true"/);
      } else expect(fieldRow(html, field)).toContain(message);
      expect(html).not.toContain('<table');
    }
  });

  it('keeps what was typed in the field', async () => {
    const html = await (await getAs(app, '/admin/payments?from=24%2F11%2F2026', admin)).text();
    expect(fieldRow(html, 'payments-from')).toContain('value="24/11/2026"');
  });
});
