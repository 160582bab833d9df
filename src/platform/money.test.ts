import { describe, expect, it } from 'vitest';
import { decimalAmount, formatMoney, parseMajorUnits } from './money';

describe('formatMoney', () => {
  it('formats integer minor units in the currency, without zero decimals', () => {
    expect(formatMoney({ amount: 32_000, currency: 'INR' })).toBe('₹320');
    expect(formatMoney({ amount: 32_050, currency: 'INR' })).toBe('₹320.50');
    expect(formatMoney({ amount: 12_345_600, currency: 'INR' })).toBe('₹1,23,456');
    expect(formatMoney({ amount: 4_500, currency: 'AED' }, 'en-AE')).toMatch(/^AED\s?45$/);
  });
});

describe('decimalAmount', () => {
  it.each([
    [32_050, 'INR', '320.50'],
    [32_000, 'INR', '320.00'],
    [5, 'INR', '0.05'],
    [0, 'AED', '0.00'],
    [500, 'JPY', '500'],
    [1_234, 'KWD', '1.234'],
    [-32_050, 'INR', '-320.50'],
    [123_456_789_01, 'INR', '123456789.01'],
  ])('writes %d minor units of %s as %j', (amount, currency, text) => {
    expect(decimalAmount({ amount, currency })).toBe(text);
  });

  it('reads back as the same minor units', () => {
    for (const amount of [0, 1, 99, 100, 32_050, 999_999_999])
      expect(parseMajorUnits(decimalAmount({ amount, currency: 'INR' }), 'INR')).toBe(amount);
  });
});

describe('parseMajorUnits', () => {
  it.each([
    ['30', 'INR', 3000],
    ['30.5', 'INR', 3050],
    ['30.05', 'INR', 3005],
    ['0', 'AED', 0],
    [' 12 ', 'AED', 1200],
    ['500', 'JPY', 500],
    ['1.234', 'KWD', 1234],
    ['9999999.99', 'INR', 999999999],
  ])('reads %j %s as %d minor units', (text, currency, minor) => {
    expect(parseMajorUnits(text, currency)).toBe(minor);
  });

  it.each([
    ['30.555', 'INR'],
    ['1.5', 'JPY'],
    ['-3', 'INR'],
    ['1,000', 'INR'],
    ['', 'INR'],
    ['12345678', 'INR'],
    ['3e2', 'INR'],
    ['.5', 'INR'],
  ])('refuses %j in %s', (text, currency) => {
    expect(parseMajorUnits(text, currency)).toBeUndefined();
  });
});
