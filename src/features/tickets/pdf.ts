/** The printable ticket: one A6 page with the show, the seats, the price and the signed QR code. */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Money } from '../../platform/money';
import { formatLongDay, formatTime, localDate, zoneName } from '../../platform/time';
import { formatDoorCode } from '../booking/door-code';
import type { Booking } from '../booking/model';
import { QR_QUIET_ZONE, qrMatrix, qrPath } from './qr';
import { seatsByCategory } from './seat-groups';

// A6 in points. A booking with many seat categories or a long address makes the page taller, never a second
// page: a door scanner and a phone screen both want one page.
const A6 = { width: 297.64, height: 419.53 };
const MARGIN = 22;
const CONTENT_WIDTH = A6.width - 2 * MARGIN;
// Quiet zone included: modules of about 0.8 mm for the usual symbol (version 8), well above what phone
// cameras and door scanners need, and small enough to leave room for the details on A6.
const QR_SIDE = 128;
const INK = rgb(0, 0, 0);
const MUTED = rgb(0.33, 0.33, 0.33);

type Fonts = { regular: PDFFont; bold: PDFFont; mono: PDFFont; charset: ReadonlySet<number> };
type Align = 'left' | 'center';
/** Something to draw, placed by its distance from the top of the page, which is only known at the end. */
type Draw = (page: PDFPage, top: (distance: number) => number) => void;

/** The ticket as a PDF. `code` is the signed ticket code; `locale` shapes dates and numbers. */
export async function ticketPdf(
  booking: Booking,
  code: string,
  options: { locale?: string } = {},
): Promise<Uint8Array> {
  const locale = options.locale ?? 'en-IN';
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const fonts: Fonts = {
    regular,
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
    charset: new Set(regular.getCharacterSet()),
  };
  const start = new Date(booking.startsAt);
  const day = formatLongDay(localDate(start, booking.timeZone), locale);
  const time = `${formatTime(start, booking.timeZone, locale)} ${zoneName(start, booking.timeZone, locale)}`;

  const layout = new Layout(fonts);
  layout.pair('Movie Magic e-ticket', booking.id, { size: 9, left: fonts.regular, right: fonts.bold });
  layout.gap(4);
  layout.paragraph(booking.movieTitle, { font: fonts.bold, size: 16 });
  layout.paragraph(`${day}, ${time}`, { font: fonts.bold, size: 10.5 });
  layout.paragraph(`${booking.theaterName} · ${booking.screenName}`, { font: fonts.regular, size: 10 });
  layout.paragraph(booking.theaterAddress, { font: fonts.regular, size: 8.5, color: MUTED });
  layout.rule();
  for (const [category, seats] of seatsByCategory(booking)) {
    layout.paragraph(`${seats.join(', ')}  (${category})`, { font: fonts.bold, size: 11 });
  }
  // The QR code's quiet zone is its own margin.
  layout.qr(code);
  if (booking.doorCode) layout.doorCode(formatDoorCode(booking.doorCode));
  layout.code(code);
  layout.rule();
  const { price } = booking;
  const money = (amount: number) => moneyText({ amount, currency: price.currency }, locale);
  for (const line of price.tickets) {
    layout.pair(`${line.count} × ${line.name} at ${money(line.unitPrice)}`, money(line.amount));
  }
  if (price.fee > 0) {
    const count = price.tickets.reduce((sum, line) => sum + line.count, 0);
    layout.pair(`Convenience fee, ${count} × ${money(price.feePerTicket)}`, money(price.fee));
  }
  if (price.tax > 0)
    layout.pair(`${price.taxName} ${price.taxBasisPoints / 100}% on the fee`, money(price.tax));
  layout.pair('Total', money(price.total), { left: fonts.bold, right: fonts.bold });
  layout.gap(2);
  layout.paragraph(paymentText(booking.payment), { font: fonts.regular, size: 9 });
  layout.paragraph(
    booking.doorCode
      ? 'Show the QR code at the entrance, or tell staff the door code.'
      : 'Show the QR code at the entrance.',
    { font: fonts.regular, size: 8, color: MUTED },
  );

  const height = Math.max(A6.height, layout.height + 2 * MARGIN);
  const page = doc.addPage([A6.width, height]);
  for (const draw of layout.draws) draw(page, (distance) => height - MARGIN - distance);

  doc.setTitle(`Movie Magic ticket ${booking.id}: ${booking.movieTitle}`, { showInWindowTitleBar: true });
  doc.setSubject(`${booking.movieTitle}, ${day}, ${time}, ${booking.theaterName}`);
  doc.setAuthor('Movie Magic');
  doc.setCreator('Movie Magic');
  doc.setProducer('Movie Magic');
  doc.setLanguage(locale);
  // The booking's time, not the render's: the same booking always gives the same file.
  doc.setCreationDate(new Date(booking.createdAt));
  doc.setModificationDate(new Date(booking.createdAt));
  return doc.save();
}

/**
 * Text the standard fonts can draw. They cover WinAnsi only and pdf-lib throws on anything else, so
 * spaces and breaks become plain spaces, accents a character lacks are dropped (ő becomes o), lone marks
 * vanish and whatever is left is shown as "?".
 */
export function winAnsiText(text: string, charset: ReadonlySet<number>): string {
  let result = '';
  for (const char of text.normalize('NFC').replace(/[\p{Zs}\p{Zl}\p{Zp}\p{Cc}]/gu, ' ')) {
    if (charset.has(char.codePointAt(0) ?? 0)) {
      result += char;
      continue;
    }
    if (/\p{M}/u.test(char)) continue;
    const plain = char.normalize('NFKD').replace(/\p{M}/gu, '');
    result += plain && [...plain].every((c) => charset.has(c.codePointAt(0) ?? 0)) ? plain : '?';
  }
  return result;
}

/** "INR 1,234.50": the currency's code, not its symbol, which the standard fonts often lack (₹). */
export function moneyText({ amount, currency }: Money, locale = 'en-IN'): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${currency} ${number.format(amount / 10 ** digits)}`;
}

function paymentText(payment: Booking['payment']): string {
  return payment.status === 'paid' ? `Payment: paid (${payment.provider})` : 'Payment: not paid yet';
}

/** Top-down placement of lines on a page whose height is decided once everything is placed. */
class Layout {
  readonly draws: Draw[] = [];
  height = 0;

  constructor(private readonly fonts: Fonts) {}

  gap(points: number): void {
    this.height += points;
  }

  paragraph(text: string, style: { font: PDFFont; size: number; color?: ReturnType<typeof rgb> }): void {
    for (const line of wrap(winAnsiText(text, this.fonts.charset), style.font, style.size, CONTENT_WIDTH)) {
      this.line(line, { ...style, align: 'left' });
    }
  }

  /** A label on the left and a value on the right, the label wrapped to leave the value its room. */
  pair(label: string, value: string, style: { size?: number; left?: PDFFont; right?: PDFFont } = {}): void {
    const size = style.size ?? 9.5;
    const right = style.right ?? this.fonts.regular;
    const text = winAnsiText(value, this.fonts.charset);
    const valueWidth = right.widthOfTextAtSize(text, size);
    const lines = wrap(
      winAnsiText(label, this.fonts.charset),
      style.left ?? this.fonts.regular,
      size,
      CONTENT_WIDTH - valueWidth - 10,
    );
    const top = this.height;
    this.draws.push((page, y) =>
      page.drawText(text, {
        x: MARGIN + CONTENT_WIDTH - valueWidth,
        y: y(top + size),
        size,
        font: right,
        color: INK,
      }),
    );
    for (const line of lines)
      this.line(line, { font: style.left ?? this.fonts.regular, size, align: 'left' });
  }

  rule(): void {
    const top = this.height + 5;
    this.draws.push((page, y) =>
      page.drawLine({
        start: { x: MARGIN, y: y(top) },
        end: { x: MARGIN + CONTENT_WIDTH, y: y(top) },
        thickness: 0.5,
        color: MUTED,
      }),
    );
    this.height += 10;
  }

  /** The QR code, centred, as one path of rectangles: vector, so it prints sharp at any size. */
  qr(code: string): void {
    const matrix = qrMatrix(code);
    const top = this.height;
    const scale = QR_SIDE / (matrix.size + 2 * QR_QUIET_ZONE);
    this.draws.push((page, y) =>
      page.drawSvgPath(qrPath(matrix), {
        x: MARGIN + (CONTENT_WIDTH - QR_SIDE) / 2,
        y: y(top),
        scale,
        color: INK,
      }),
    );
    this.height += QR_SIDE;
  }

  /** The door code, centred and large, to read out or type at the door. */
  doorCode(code: string): void {
    this.line(`Door code ${code}`, { font: this.fonts.bold, size: 14, align: 'center' });
    this.gap(4);
  }

  /** The code as text, for typing at a door whose scanner fails: even lines of a fixed-width face. */
  code(code: string): void {
    const size = 6.5;
    const perLine = Math.floor(CONTENT_WIDTH / this.fonts.mono.widthOfTextAtSize('0', size));
    const count = Math.ceil(code.length / perLine);
    const length = Math.ceil(code.length / count);
    for (let at = 0; at < code.length; at += length) {
      this.line(winAnsiText(code.slice(at, at + length), this.fonts.charset), {
        font: this.fonts.mono,
        size,
        align: 'center',
      });
    }
  }

  private line(
    text: string,
    style: { font: PDFFont; size: number; align: Align; color?: ReturnType<typeof rgb> },
  ): void {
    const x =
      style.align === 'left'
        ? MARGIN
        : MARGIN + (CONTENT_WIDTH - style.font.widthOfTextAtSize(text, style.size)) / 2;
    const top = this.height;
    const lineHeight = style.size * 1.3;
    this.draws.push((page, y) =>
      page.drawText(text, {
        x,
        y: y(top + style.size),
        size: style.size,
        font: style.font,
        color: style.color ?? INK,
      }),
    );
    this.height += lineHeight;
  }
}

/** Greedy word wrap by measured width; a word wider than the line is broken between characters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const char of word) {
      if (line && font.widthOfTextAtSize(line + char, size) > width) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  lines.push(line);
  return lines;
}
