import { describe, expect, it } from 'vitest';
import type { PriceBreakdown } from './model';
import { priceOfSeatsLeft } from './pricing';

/** Three tickets (two Premium at ₹320, one Classic at ₹180), a ₹30 fee each, 18% GST on the fee. */
const price: PriceBreakdown = {
  currency: 'INR',
  tickets: [
    { category: 'premium', name: 'Premium', count: 2, unitPrice: 32_000, amount: 64_000 },
    { category: 'classic', name: 'Classic', count: 1, unitPrice: 18_000, amount: 18_000 },
  ],
  fee: 9_000,
  feePerTicket: 3_000,
  tax: 1_620,
  taxName: 'GST',
  taxBasisPoints: 1_800,
  total: 92_620,
};

describe('the price of the seats a booking keeps', () => {
  it('is the price bought when every seat stays', () => {
    const all = [{ category: 'premium' }, { category: 'premium' }, { category: 'classic' }];
    expect(priceOfSeatsLeft({ price }, all)).toEqual(price);
  });

  it('drops a category no seat is left in, and charges the fee and its tax on the seats left', () => {
    const left = priceOfSeatsLeft({ price }, [{ category: 'premium' }, { category: 'premium' }]);
    expect(left.tickets).toEqual([price.tickets[0]]);
    expect([left.fee, left.tax, left.total]).toEqual([6_000, 1_080, 71_080]);
    // What the Classic seat cost: its ticket and a third of the fee and tax.
    expect(price.total - left.total).toBe(18_000 + 3_000 + 540);
  });

  it('rounds the tax once on the fee left, so the shares always add up to what was paid', () => {
    const odd = { ...price, feePerTicket: 2_999, fee: 8_997, tax: 1_619, total: 92_616 };
    const one = priceOfSeatsLeft({ price: odd }, [{ category: 'premium' }]);
    expect(one.tax).toBe(540); // 2,999 × 18% = 539.82, rounded half up
    const none = priceOfSeatsLeft({ price: odd }, []);
    expect(none).toMatchObject({ tickets: [], fee: 0, tax: 0, total: 0 });
  });
});
