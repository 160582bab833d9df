import { describe, expect, it } from 'vitest';
import { csvText } from '../../web/csv';
import type { TheaterActivity, TheaterPlace } from './activity';
import { type LedgerTable, ledgerOf, ledgerRecords, reconciles } from './ledger';
import type { Payment, Refund } from './model';

const colaba: TheaterPlace = {
  id: 'colaba',
  name: 'Colaba',
  timeZone: 'Asia/Kolkata',
  locale: 'en-IN',
};
const andheri: TheaterPlace = { ...colaba, id: 'andheri', name: 'Andheri' };
const marina: TheaterPlace = { id: 'marina', name: 'Marina', timeZone: 'Asia/Dubai', locale: 'en-AE' };

let ids = 0;
function payment(fields: Partial<Payment> & Pick<Payment, 'createdAt'>): Payment {
  const id = `MM-PAY0-0000-${String(++ids).padStart(4, '0')}`;
  return {
    id,
    userId: 'u1',
    showId: 's1',
    theaterId: 'colaba',
    holdId: 'h1',
    seats: ['A1'],
    holdCreatedAt: fields.createdAt,
    holdExpiresAt: fields.createdAt,
    provider: 'stripe',
    sessionId: `cs_${id}`,
    url: 'https://pay.example/x',
    amount: 50_000,
    currency: 'INR',
    price: {
      currency: 'INR',
      tickets: [],
      fee: 0,
      feePerTicket: 0,
      tax: 0,
      taxName: 'GST',
      taxBasisPoints: 0,
      total: 50_000,
    },
    status: 'booked',
    chargeId: `pi_${id}`,
    ...fields,
  };
}

function refund(of: Payment, fields: Partial<Refund> & Pick<Refund, 'createdAt'>): Refund {
  return {
    paymentId: of.id,
    theaterId: of.theaterId,
    key: `${of.id}-cancel`,
    provider: of.provider,
    chargeId: of.chargeId ?? '',
    amount: of.amount,
    currency: of.currency,
    userId: of.userId,
    reason: 'Cancelled by the customer.',
    status: 'done',
    attempts: 1,
    nextAttemptAt: fields.createdAt,
    providerRefundId: `re_${of.id}`,
    ...fields,
  };
}

// 18:45 UTC is 00:15 the next day in Mumbai: days are the theater's.
const late = payment({ createdAt: '2026-11-23T18:45:00.000Z', amount: 40_000 });
const morning = payment({ createdAt: '2026-11-24T04:00:00.000Z', amount: 30_050, provider: 'razorpay' });
const tooLate = payment({ createdAt: '2026-11-24T05:00:00.000Z', amount: 20_000, status: 'refunding' });
const declined = payment({
  createdAt: '2026-11-24T06:00:00.000Z',
  status: 'open',
  failureReason: 'Your card was declined.',
});
const abandoned = payment({ createdAt: '2026-11-24T06:30:00.000Z', status: 'open', chargeId: undefined });

const colabaDay: TheaterActivity = {
  theater: colaba,
  payments: [late, morning, tooLate, declined, abandoned],
  refunds: [
    refund(tooLate, { createdAt: '2026-11-24T05:01:00.000Z', status: 'pending', key: 'whole' }),
    refund(late, { createdAt: '2026-11-24T07:00:00.000Z', amount: 20_000, doneAt: '2026-11-24T07:01:00Z' }),
    refund(morning, {
      createdAt: '2026-11-24T08:00:00.000Z',
      amount: 15_025,
      status: 'failed',
      lastError: 'charge_already_refunded',
      providerRefundId: undefined,
    }),
  ],
};

const andheriDay: TheaterActivity = {
  theater: andheri,
  payments: [payment({ createdAt: '2026-11-24T03:00:00.000Z', amount: 10_000, theaterId: 'andheri' })],
  refunds: [],
};

const marinaAed = payment({
  createdAt: '2026-11-24T10:00:00.000Z',
  amount: 4_500,
  currency: 'AED',
  theaterId: 'marina',
});
const marinaDay: TheaterActivity = {
  theater: marina,
  payments: [marinaAed],
  refunds: [refund(marinaAed, { createdAt: '2026-11-24T11:00:00.000Z', amount: 4_500 })],
};

describe('ledgerOf', () => {
  const ledger = ledgerOf([colabaDay, andheriDay, marinaDay]);
  const inr = ledger.tables.find((t) => t.currency === 'INR') as LedgerTable;
  const aed = ledger.tables.find((t) => t.currency === 'AED') as LedgerTable;

  it('keeps one table per currency, each in the locale of a theater that uses it', () => {
    expect(ledger.tables.map((t) => [t.currency, t.locale])).toEqual([
      ['AED', 'en-AE'],
      ['INR', 'en-IN'],
    ]);
  });

  it('sums each theater by its own local day, days first and theaters in the order given', () => {
    expect(inr.rows.map((row) => [row.date, row.theater.id])).toEqual([
      ['2026-11-24', 'colaba'],
      ['2026-11-24', 'andheri'],
    ]);
    const [day] = inr.rows;
    expect(day?.charged).toEqual({ count: 3, amount: 40_000 + 30_050 + 20_000 });
    expect(day?.refunded).toEqual({ count: 1, amount: 20_000 });
    expect(day?.net).toBe(90_050 - 20_000);
    expect(day?.pending).toEqual({ count: 1, amount: 20_000 });
    // The declined payment and the refund the provider refused; an abandoned payment is nothing.
    expect(day?.failures).toBe(2);
  });

  it('splits a theater across days at its local midnight', () => {
    const split = ledgerOf([
      { ...colabaDay, payments: [payment({ createdAt: '2026-11-23T18:29:59.999Z' }), late], refunds: [] },
    ]);
    expect(split.tables[0]?.rows.map((row) => [row.date, row.charged.count])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-24', 1],
    ]);
  });

  it('totals the days, and the totals reconcile: charged − refunded = net', () => {
    expect(inr.total).toEqual({
      charged: { count: 4, amount: 100_050 },
      refunded: { count: 1, amount: 20_000 },
      net: 80_050,
      pending: { count: 1, amount: 20_000 },
      failures: 2,
    });
    expect(aed.total.net).toBe(0);
    expect(reconciles(inr)).toBe(true);
    expect(reconciles(aed)).toBe(true);
  });

  it('notices a table whose days do not add up, or whose net is not charged − refunded', () => {
    const [first] = inr.rows;
    if (!first) throw new Error('no row');
    expect(reconciles({ ...inr, total: { ...inr.total, failures: 3 } })).toBe(false);
    expect(reconciles({ ...inr, rows: [{ ...first, net: first.net + 1 }, ...inr.rows.slice(1)] })).toBe(
      false,
    );
    expect(reconciles({ ...inr, total: { ...inr.total, net: 1 } })).toBe(false);
  });

  it('lists the failures with their reasons, and the refunds still to send, in time order', () => {
    expect(ledger.failures.map((f) => [f.kind, f.bookingId, f.reason, f.provider])).toEqual([
      ['payment', declined.id, 'Your card was declined.', 'stripe'],
      ['refund', morning.id, 'charge_already_refunded', 'razorpay'],
    ]);
    expect(ledger.pending.map((p) => [p.refund.paymentId, p.theater.id])).toEqual([[tooLate.id, 'colaba']]);
  });

  it('is empty when nothing happened', () => {
    expect(ledgerOf([{ theater: colaba, payments: [abandoned], refunds: [] }])).toEqual({
      tables: [],
      failures: [],
      pending: [],
    });
  });
});

describe('ledgerRecords', () => {
  const records = ledgerRecords([colabaDay, andheriDay, marinaDay]);

  it('has a header, then one record per charge and per refund in time order', () => {
    expect(records[0]).toEqual([
      'date',
      'theater',
      'booking id',
      'kind',
      'provider',
      'provider id',
      'amount',
      'currency',
      'status',
    ]);
    // 4 INR charges + 1 AED, 3 + 1 refunds; the declined and abandoned payments are not charges.
    expect(records).toHaveLength(1 + 5 + 4);
    expect(records[1]).toEqual([
      '2026-11-24',
      'colaba',
      late.id,
      'charge',
      'stripe',
      late.chargeId,
      '400.00',
      'INR',
      'booked',
    ]);
    expect(records.find((r) => r[3] === 'refund' && r[8] === 'failed')).toEqual([
      '2026-11-24',
      'colaba',
      morning.id,
      'refund',
      'razorpay',
      '',
      '150.25',
      'INR',
      'failed',
    ]);
    const times = records.slice(1).map((r) => r[0]);
    expect(times).toEqual([...times].sort());
  });

  it('adds up to the page: charges − done refunds = the net of each currency', () => {
    const ledger = ledgerOf([colabaDay, andheriDay, marinaDay]);
    for (const table of ledger.tables) {
      const cents = (r: string[]) => Math.round(Number(r[6]) * 100);
      const mine = records.slice(1).filter((r) => r[7] === table.currency);
      const charged = mine.filter((r) => r[3] === 'charge').reduce((sum, r) => sum + cents(r), 0);
      const refunded = mine
        .filter((r) => r[3] === 'refund' && r[8] === 'done')
        .reduce((sum, r) => sum + cents(r), 0);
      expect(charged).toBe(table.total.charged.amount);
      expect(charged - refunded).toBe(table.total.net);
    }
  });

  it('escapes what a provider wrote when it goes into the CSV text', () => {
    const odd = payment({ createdAt: '2026-11-24T04:00:00.000Z', chargeId: '=cmd,"x"' });
    const text = csvText(ledgerRecords([{ theater: colaba, payments: [odd], refunds: [] }]));
    expect(text.split('\r\n')[1]).toBe(
      `2026-11-24,colaba,${odd.id},charge,stripe,"'=cmd,""x""",500.00,INR,booked`,
    );
  });
});
