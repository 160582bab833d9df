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
