/*
 * The HTML of the emails, laid out for phones first: one column at most 600 px wide that shrinks with the
 * screen, 16 px text, and nothing unbroken that could widen it. Mail clients ignore style sheets and most
 * CSS, so the layout is tables and inline styles, as email needs (these are messages, not site pages).
 */

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** A paragraph with its text escaped. */
export const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;

/** The widest the message's column gets: a phone shows it whole, a desktop client centres it. */
export const EMAIL_WIDTH = 600;

/** A whole HTML email around `body`: a centred column of at most EMAIL_WIDTH pixels. */
export function emailDocument(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f1f5f9">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>',
    '<td align="center" style="padding:12px 8px">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:${EMAIL_WIDTH}px;background:#ffffff">`,
    '<tr><td style="padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0f172a;word-break:break-word;overflow-wrap:anywhere">',
    body,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}

/** A heading inside an email. */
export const heading = (text: string) =>
  `<h2 style="margin:24px 0 8px;font-size:20px;line-height:1.3">${escapeHtml(text)}</h2>`;

/** Label and value rows (the labels as row headers), the full width of the column. */
export function factsTable(facts: { label: string; value: string }[]): string {
  return [
    '<table role="presentation" width="100%" cellpadding="4" cellspacing="0" border="0" style="margin:0 0 16px">',
    ...facts.map(
      (fact) =>
        `<tr><th align="left" valign="top" style="width:35%;padding:4px 8px 4px 0">${escapeHtml(fact.label)}</th><td style="padding:4px 0">${escapeHtml(fact.value)}</td></tr>`,
    ),
    '</table>',
  ].join('\n');
}

/** Amount rows, the amounts on the right, the last (the total) in bold. */
export function amountsTable(lines: { label: string; amount: string }[]): string {
  return [
    '<table role="presentation" width="100%" cellpadding="4" cellspacing="0" border="0" style="margin:0 0 16px">',
    ...lines.map((line, index) => {
      const weight = index === lines.length - 1 ? 'font-weight:bold;' : '';
      return `<tr><td style="${weight}padding:4px 8px 4px 0">${escapeHtml(line.label)}</td><td align="right" style="${weight}padding:4px 0;white-space:nowrap">${escapeHtml(line.amount)}</td></tr>`;
    }),
    '</table>',
  ].join('\n');
}

/**
 * The ticket as the door wants it: the door code large and spaced, to read out, and the QR code as an
 * inline PNG (`cid:`), which mail clients show where they would not show SVG.
 */
export function ticketBlock(ticket: {
  lead: string;
  doorCode: string | undefined;
  qr: { contentId: string; side: number; alt: string };
}): string {
  const side = Math.min(ticket.qr.side, 280);
  return [
    `<div style="margin:0 0 16px;padding:16px;border:2px solid #0f172a;border-radius:8px;text-align:center">`,
    `<p style="margin:0 0 12px">${escapeHtml(ticket.lead)}</p>`,
    ...(ticket.doorCode
      ? [
          '<p style="margin:0 0 4px;font-size:14px">Door code</p>',
          `<p style="margin:0 0 16px;font-family:Menlo,Consolas,monospace;font-size:32px;font-weight:bold;letter-spacing:4px">${escapeHtml(ticket.doorCode)}</p>`,
        ]
      : []),
    `<img src="cid:${escapeHtml(ticket.qr.contentId)}" alt="${escapeHtml(ticket.qr.alt)}" width="${side}" height="${side}" style="display:block;margin:0 auto;width:${side}px;max-width:100%;height:auto;border:0">`,
    '</div>',
  ].join('\n');
}
