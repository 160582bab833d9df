/*
 * Mobile numbers as people type them, made E.164 (`+`, the country code, the number) for SMS. A number
 * with `+` or `00` in front carries its country; one without is national and takes the country of the
 * region it was typed for (the visitor's city), its trunk `0` dropped.
 */

/** Country calling codes of the regions the chain sells in and their neighbours (ITU-T E.164 assignments). */
const CALLING_CODES: Record<string, string> = {
  AE: '971',
  AU: '61',
  BD: '880',
  BH: '973',
  CA: '1',
  DE: '49',
  FR: '33',
  GB: '44',
  IN: '91',
  KW: '965',
  LK: '94',
  MY: '60',
  NP: '977',
  OM: '968',
  PK: '92',
  QA: '974',
  SA: '966',
  SG: '65',
  US: '1',
};

/** The calling code of a BCP 47 locale's region (`en-IN` → 91), or undefined when it has none we know. */
export function callingCodeOf(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region ? CALLING_CODES[region] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `typed` as an E.164 number, or undefined when it is not one: spaces, dots, hyphens and brackets are
 * ignored; a national number needs `callingCode`.
 */
export function toE164(typed: string, callingCode: string | undefined): string | undefined {
  const compact = typed.replace(/[\s().-]/g, '');
  let number: string | undefined;
  if (compact.startsWith('+')) number = compact;
  else if (compact.startsWith('00')) number = `+${compact.slice(2)}`;
  else if (callingCode && /^\d+$/.test(compact)) number = `+${callingCode}${compact.replace(/^0/, '')}`;
  return number && /^\+[1-9]\d{7,14}$/.test(number) ? number : undefined;
}
