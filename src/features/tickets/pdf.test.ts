import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { booking } from '../../../tests/support/sample-booking';
import { generateTicketKeys } from '../../platform/ticket-keys/ticket-keys';
import type { Booking } from '../booking/model';
import { signTicket, ticketWindow } from './code';
import { moneyText, ticketPdf, winAnsiText } from './pdf';

let code: string;

beforeAll(async () => {
  code = await signTicket(await generateTicketKeys(), {
    bookingId: booking.id,
    showId: booking.showId,
    seats: booking.seats.map((seat) => seat.id),
    ...ticketWindow(booking.startsAt),
  });
});

/** The strings the page's content streams draw, in order, decoded from WinAnsi as a viewer would. */
async function drawnText(pdf: Uint8Array): Promise<{ doc: PDFDocument; lines: string[]; content: string }> {
  const doc = await PDFDocument.load(pdf);
  expect(doc.getPageCount()).toBe(1);
  const contents = doc.getPage(0).node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  let content = '';
  for (const ref of refs) {
    const stream = doc.context.lookup(ref);
    expect(stream).toBeInstanceOf(PDFRawStream);
    const raw = stream as PDFRawStream;
    const filter = raw.dict.get(PDFName.of('Filter'));
    const bytes = filter === PDFName.of('FlateDecode') ? inflateSync(raw.contents) : raw.contents;
    content += new TextDecoder('latin1').decode(bytes);
  }
  const winAnsi = new TextDecoder('windows-1252');
  const lines = [...content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map(([, hex = '']) =>
    winAnsi.decode(Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16))),
  );
  return { doc, lines, content };
}

describe('ticket PDF', () => {
  it('is one A6 page with the booking, the show, the seats, the price and the code', async () => {
    const { doc, lines, content } = await drawnText(await ticketPdf(booking, code));
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([298, 420]);
    const text = lines.join('\n');
    expect(lines).toContain('MM-7KQ2-X9RD-4PZT');
    expect(lines).toContain('Kaveri Express');
    expect(text).toMatch(/^Tuesday, 24 November 2026, 7:30 pm IST$/m);
    expect(lines).toContain('Harbour Lights Colaba · Screen 1');
    expect(lines).toContain('12 Shahid Bhagat Singh Road, Colaba, Mumbai 400005');
    expect(lines).toContain('C7, C8  (Premium)');
    expect(lines).toContain('A1  (Standard)');
    expect(lines).toContain('2 × Premium at INR 320.00');
    expect(lines).toContain('INR 640.00');
    expect(lines).toContain('1 × Standard at INR 180.00');
    expect(lines).toContain('Convenience fee, 3 × INR 30.00');
    expect(lines).toContain('INR 90.00');
    expect(lines).toContain('GST 18% on the fee');
    expect(lines).toContain('INR 16.20');
    expect(lines).toContain('Total');
    expect(lines).toContain('INR 926.20');
    expect(lines).toContain('Payment: paid (demo)');
    // The code is printed whole, split over even lines in the order they are read.
    const codeLines = lines.filter(
      (line) => /^[0-9A-Z.]+$/.test(line) && code.includes(line) && line.length > 20,
    );
    expect(codeLines.join('')).toBe(code);
    expect(codeLines.length).toBeGreaterThan(1);
    // The QR code is vector paths, not an image.
    expect(content).not.toMatch(/\bDo\b/);
    expect(content.match(/\bh\b/g)?.length).toBeGreaterThan(100);
  });

  it('prints the door code under the QR code, and says either may be shown', async () => {
    const { lines } = await drawnText(await ticketPdf({ ...booking, doorCode: 'K7MX3QPA' }, code));
    expect(lines).toContain('Door code K7MX-3QPA');
    expect(lines).toContain('Show the QR code at the entrance, or tell staff the door code.');
    const without = (await drawnText(await ticketPdf(booking, code))).lines;
    expect(without.some((line) => line.startsWith('Door code'))).toBe(false);
    expect(without).toContain('Show the QR code at the entrance.');
  });

  it('carries title, language and dates in its metadata', async () => {
    const doc = await PDFDocument.load(await ticketPdf(booking, code));
    expect(doc.getTitle()).toBe('Movie Magic ticket MM-7KQ2-X9RD-4PZT: Kaveri Express');
    expect(doc.getSubject()).toContain('Harbour Lights Colaba');
    expect(doc.getCreator()).toBe('Movie Magic');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-20T09:15:00.000Z');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toContain('en-IN');
  });

  it('is the same file every time for the same booking and code', async () => {
    expect(await ticketPdf(booking, code)).toEqual(await ticketPdf(booking, code));
  });

  it('never throws on text the standard fonts cannot draw', async () => {
    const unusual: Booking = {
      ...booking,
      movieTitle: 'Kāverī Express ₹ 東京 😀 “quoted” — ﬁn\u0301',
      theaterName: 'Creekside\u00a0Al Seef\u202fcinema',
      theaterAddress: 'Line one\nLine two\tTabbed \u0000 Ωmega',
      screenName: 'Écran 2',
      seats: [{ id: 'Á1', category: 'x', categoryName: 'Reclíner ✓' }],
    };
    const { doc, lines } = await drawnText(await ticketPdf(unusual, code));
    expect(lines.join(' ')).toContain('Kaveri Express ? ?? ? “quoted” — fin');
    expect(lines).toContain('Creekside Al Seef cinema · Écran 2');
    expect(lines).toContain('Line one Line two Tabbed   ?mega');
    expect(lines).toContain('Á1  (Reclíner ?)');
    expect(doc.getTitle()).toBe(`Movie Magic ticket MM-7KQ2-X9RD-4PZT: ${unusual.movieTitle}`);
  });

  it('grows the page for long content instead of adding a second one', async () => {
    const crowded: Booking = {
      ...booking,
      movieTitle: 'A Very Long Film Title That Wraps Over Several Lines Because It Goes On And On And On',
      theaterAddress: `${'Long Address Street, '.repeat(12)}Mumbai`,
      seats: Array.from({ length: 40 }, (_, i) => ({
        id: `${String.fromCharCode(65 + (i % 10))}${i + 1}`,
        category: `c${i % 8}`,
        categoryName: `Category ${i % 8}`,
      })),
    };
    const { doc, lines } = await drawnText(await ticketPdf(crowded, code));
    expect(doc.getPage(0).getSize().height).toBeGreaterThan(420);
    expect(lines.filter((line) => line.includes('(Category'))).toHaveLength(8);
    expect(lines).toContain('Mumbai');
  });

  it('writes money with the currency code and its own minor units', () => {
    expect(moneyText({ amount: 32000, currency: 'INR' })).toBe('INR 320.00');
    expect(moneyText({ amount: 12345678, currency: 'INR' })).toBe('INR 1,23,456.78');
    expect(moneyText({ amount: 4500, currency: 'AED' }, 'en-AE')).toBe('AED 45.00');
    expect(moneyText({ amount: 1500, currency: 'JPY' }, 'en')).toBe('JPY 1,500');
    expect(moneyText({ amount: 1500, currency: 'KWD' }, 'en')).toBe('KWD 1.500');
  });

  it('keeps only what WinAnsi can encode', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const charset = new Set(font.getCharacterSet());
    expect(winAnsiText('Café – 10 €', charset)).toBe('Café – 10 €');
    expect(winAnsiText('Łódź ₹5 ①', charset)).toBe('?ódz ?5 1');
    expect(() => font.encodeText(winAnsiText('अ😀\u200b\u2028x', charset))).not.toThrow();
  });
});
