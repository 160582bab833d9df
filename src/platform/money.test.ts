import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('formats integer minor units in the currency, without zero decimals', () => {
    expect(formatMoney({ amount: 32_000, currency: 'INR' })).toBe('₹320');
    expect(formatMoney({ amount: 32_050, currency: 'INR' })).toBe('₹320.50');
    expect(formatMoney({ amount: 12_345_600, currency: 'INR' })).toBe('₹1,23,456');
    expect(formatMoney({ amount: 4_500, currency: 'AED' }, 'en-AE')).toMatch(/^AED\s?45$/);
  });
});
