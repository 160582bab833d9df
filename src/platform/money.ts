/** Money is integer minor units with an ISO 4217 currency; never a float. */
export type Money = { amount: number; currency: string };

const formatters = new Map<string, Intl.NumberFormat>();

/** "₹320" or "₹320.50": minor units shown without decimals when they are zero. */
export function formatMoney({ amount, currency }: Money, locale = 'en-IN'): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  const major = amount / 10 ** digits;
  const text = formatter.format(major);
  return Number.isInteger(major) ? text.replace(/[.,]0+(?=\D*$)/, '') : text;
}

/** How many minor units a currency's major unit has, as digits: 2 for INR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * Minor units as a plain decimal in the currency's major units, every digit shown: "320.50" and "320.00" for
 * INR, "320" for JPY, "-1.234" for KWD. For files other programs read (no symbol, no grouping, no float).
 */
export function decimalAmount({ amount, currency }: Money): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const units = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits);
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${units.slice(-digits)}`;
}

/**
 * "30" or "30.50" in `currency`'s major units → integer minor units (3000, 3050), read as text so no float
 * rounding creeps in. Undefined for anything else: a sign, a thousands separator, more decimals than the
 * currency has, or more than seven whole digits.
 */
export function parseMajorUnits(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const match = /^(\d{1,7})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) return undefined;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}
