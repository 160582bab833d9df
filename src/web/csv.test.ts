import { describe, expect, it } from 'vitest';
import { csvAttachment, csvField, csvText } from './csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['"', '""""'],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('defuses text a spreadsheet would run as a formula, and quotes it when it must', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes numbers as they are, negative ones too', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(320.5)).toBe('320.5');
  });
});

describe('csvText', () => {
  it('ends every record with CRLF, quoted line breaks kept inside their field', () => {
    expect(
      csvText([
        ['date', 'note'],
        ['2026-11-24', 'a, b'],
        ['2026-11-25', 'x\ny'],
      ]),
    ).toBe('date,note\r\n2026-11-24,"a, b"\r\n2026-11-25,"x\ny"\r\n');
  });
});

describe('csvAttachment', () => {
  it('is a download with a safe file name, not kept by caches', async () => {
    const res = csvAttachment('payments all "x".csv', 'a\r\n');
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="payments-all--x-.csv"');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.text()).toBe('a\r\n');
  });
});
