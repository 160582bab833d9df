/*
 * CSV as RFC 4180 has it, for downloads that spreadsheets and accounting tools open: fields joined by
 * commas, records ended by CRLF, and a field quoted (its quotes doubled) when it holds a comma, a quote or
 * a line break.
 */

/** What a spreadsheet would run as a formula when a cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field, quoted when it must be. Text that a spreadsheet would take for a formula gets a leading
 * apostrophe (OWASP's advice against CSV injection), since a reason or an id may come from outside;
 * numbers, negative ones too, are written as they are.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Records (the header first) as one CSV text, each line ended by CRLF. */
export function csvText(records: readonly (readonly (string | number)[])[]): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/** A CSV download: saved under `filename` rather than shown, and kept by no cache. */
export function csvAttachment(filename: string, text: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '-');
  return new Response(text, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${safe}"`,
      'Cache-Control': 'no-store',
    },
  });
}
