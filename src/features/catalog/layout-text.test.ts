import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../tests/support/seat-layouts';
import { screens } from '../../demo/catalog';
import { layoutToText, parseLayoutText } from './layout-text';
import type { LayoutRow } from './model';

const LEGEND =
  'S = standard "Standard"\nP = premium "Premium"\nW = standard wheelchair\nC = standard companion\n';

/** The layout of a text that must parse, or a failure listing its errors. */
function parsed(text: string) {
  const result = parseLayoutText(text);
  if (!result.ok) expect.fail(result.errors.map((e) => e.message).join('\n'));
  return result;
}

/** The errors of a text that must not parse. */
function errorsOf(text: string) {
  const result = parseLayoutText(text);
  if (result.ok) expect.fail('the text parsed');
  return result.errors;
}

const numbers = (row: LayoutRow | undefined) =>
  row?.items.map((item) => (item.type === 'seat' ? item.number : `gap ${item.width}`));

describe('the text form of a seat layout', () => {
  it.each(screens.map((screen) => [screen.id, screen] as const))(
    'round-trips the demo screen %s',
    (_, screen) => {
      const result = parsed(layoutToText(screen));
      expect(result.layout).toEqual(screen.layout);
      expect(result.categories).toEqual(screen.categories);
      expect(result.numbering).toBe('left-to-right');
    },
  );

  it('writes the Studio as docs/seat-layouts.md shows it', () => {
    const studio = screens.find((screen) => screen.name.endsWith('Studio'));
    const text = layoutToText(studio ?? expect.fail('no Studio'));
    expect(text.split('\n').slice(0, 9)).toEqual([
      'numbering: left-to-right',
      '',
      'S = standard "Standard"',
      'P = premium "Premium"',
      'R = recliner "Recliner"',
      'W = standard wheelchair',
      'C = standard companion',
      '',
      'A: WCSSS_SSSSSSSSS',
    ]);
    expect(text.endsWith('H: PPPPP_PPPPPPPPP\nJ: RRR___RRR\n')).toBe(true);
    expect(readFileSync(new URL('../../../docs/seat-layouts.md', import.meta.url), 'utf8')).toContain(text);
  });

  it('numbers seats from 1 at the left, skipping gaps, and merges consecutive gaps', () => {
    const { layout } = parsed(`${LEGEND}A: SS__SSS_S`);
    expect(numbers(layout.rows[0])).toEqual([1, 2, 'gap 2', 3, 4, 5, 'gap 1', 6]);
  });

  it('numbers seats from the right with numbering: right-to-left, and writes it back', () => {
    const result = parsed(`numbering: right-to-left\n${LEGEND}A: SS_SSS\nB: __S`);
    expect(result.numbering).toBe('right-to-left');
    expect(numbers(result.layout.rows[0])).toEqual([5, 4, 'gap 1', 3, 2, 1]);
    expect(numbers(result.layout.rows[1])).toEqual(['gap 2', 1]);
    const again = parsed(layoutToText(result));
    expect(again.layout).toEqual(result.layout);
    expect(again.numbering).toBe('right-to-left');
  });

  it('reads wheelchair spaces and companion seats in the category their legend entry names', () => {
    const { layout } = parsed(`${LEGEND}X = premium wheelchair\nA: WCS_PX`);
    expect(layout.rows[0]?.items).toEqual([
      { type: 'seat', number: 1, category: 'standard', access: 'wheelchair' },
      { type: 'seat', number: 2, category: 'standard', access: 'companion' },
      { type: 'seat', number: 3, category: 'standard' },
      { type: 'gap', width: 1 },
      { type: 'seat', number: 4, category: 'premium' },
      { type: 'seat', number: 5, category: 'premium', access: 'wheelchair' },
    ]);
  });

  it('allows comments, blank lines, indentation, Windows line ends and a legend after the rows', () => {
    const text =
      '# Studio\r\n\r\n  A: SS # front row\r\nB:SP\r\nS = standard "Std #1" # the name keeps its #\r\nP = premium "Premium"';
    const result = parsed(text);
    expect(result.layout.rows.map((row) => row.label)).toEqual(['A', 'B']);
    expect(result.categories).toEqual([
      { id: 'standard', name: 'Std #1' },
      { id: 'premium', name: 'Premium' },
    ]);
  });

  it('throws when the numbering cannot be written as text', () => {
    const layout = {
      rows: [
        { label: 'A', items: [1, 2].map((number) => ({ type: 'seat' as const, number, category: 's' })) },
        { label: 'B', items: [2, 1].map((number) => ({ type: 'seat' as const, number, category: 's' })) },
      ],
    };
    expect(() => layoutToText({ categories: [{ id: 's', name: 'S' }], layout })).toThrow(/numbered/);
  });
});

describe('mistakes in the text form', () => {
  it.each([
    [
      'a letter the legend does not define',
      `${LEGEND}C: SSSSSX_Q`,
      [
        [5, 9, "Row C, column 9: 'X' is not a seat category. Use one of S, P, W, C, or _ for a gap."],
        [5, 11, "Row C, column 11: 'Q' is not a seat category. Use one of S, P, W, C, or _ for a gap."],
      ],
    ],
    [
      'a letter with no legend at all',
      'A: SS',
      [
        [
          1,
          4,
          'Row A, column 4: \'S\' is not a seat category: the legend defines no letters yet, e.g. S = standard "Standard" or W = standard wheelchair.',
        ],
      ],
    ],
    [
      'a space inside a row',
      `${LEGEND}A: SS SS`,
      [[5, 6, 'Row A, column 6: spaces are not allowed inside a row; use _ for a gap.']],
    ],
    [
      'a duplicate row label',
      `${LEGEND}A: SS\nA: SS`,
      [[6, 1, 'Row A, column 1: row A is already on line 5; row labels must be unique.']],
    ],
    [
      'a row of gaps only',
      `${LEGEND}A: ___`,
      [[5, 4, 'Row A, column 4: the row has only gaps; a row needs at least one seat.']],
    ],
    [
      'an empty row',
      `${LEGEND}B:`,
      [[5, 3, 'Row B, column 3: the row has no seats. Write its seats after the colon, e.g. B: SSSS_SSSS.']],
    ],
    [
      'a bad row label',
      `${LEGEND}a1: SS`,
      [
        [
          5,
          1,
          "Line 5, column 1: 'a1' is not a row label or a setting. Row labels are one to three capital letters (A, B, … AA); the only setting is numbering.",
        ],
      ],
    ],
    [
      'a letter defined twice',
      `${LEGEND}S = premium "Other"\nA: S`,
      [[5, 1, "Line 5, column 1: 'S' is already defined on line 1."]],
    ],
    [
      'a category defined twice',
      `${LEGEND}T = standard "Other"\nA: T`,
      [[5, 5, "Line 5, column 5: category 'standard' is already defined by 'S' on line 1."]],
    ],
    [
      'an access letter for an undefined category',
      'W = vip wheelchair\nA: W',
      [
        [
          1,
          5,
          'Line 1, column 5: \'vip\' is not a category of the legend. Define it with a name, e.g. S = vip "vip".',
        ],
      ],
    ],
    [
      'a legend letter that is not one capital letter',
      `${LEGEND}ss = x "X"\n_ = y "Y"\nA: S`,
      [
        [5, 1, "Line 5, column 1: a legend letter is one capital letter (A to Z), not 'ss'."],
        [6, 1, "Line 6, column 1: '_' is a gap and cannot stand for a seat."],
      ],
    ],
    [
      'a legend entry of the wrong shape',
      'S = standard Standard\nA: S',
      [
        [
          1,
          5,
          'Line 1, column 5: expected a category id and a quoted name or an access kind, e.g. S = standard "Standard" or W = standard wheelchair.',
        ],
        [
          2,
          4,
          'Row A, column 4: \'S\' is not a seat category: the legend defines no letters yet, e.g. S = standard "Standard" or W = standard wheelchair.',
        ],
      ],
    ],
    [
      'a bad category id and an empty name',
      'S = Standard "Standard"\nP = premium " "\nA: S',
      [
        [
          1,
          5,
          "Line 1, column 5: 'Standard' is not a category id: use lowercase letters, digits and hyphens, at most 30.",
        ],
        [2, 13, "Line 2, column 13: category 'premium' needs a name between the quotes."],
        [3, 4, "Row A, column 4: 'S' is not a seat category. Use one of P, or _ for a gap."],
      ],
    ],
    [
      'a numbering set twice, or to something else',
      `numbering: left-to-right\nnumbering: rtl\n${LEGEND}A: S`,
      [[2, 12, 'Line 2, column 12: numbering is already set on line 1.']],
    ],
    [
      'an unknown numbering',
      `numbering: rtl\n${LEGEND}A: S`,
      [[1, 12, "Line 1, column 12: numbering is left-to-right or right-to-left, not 'rtl'."]],
    ],
    [
      'a tab character',
      `${LEGEND}A:\tSS`,
      [[5, 3, 'Line 5, column 3: tab characters are not allowed; use spaces.']],
    ],
    [
      'a line that is none of the kinds',
      `${LEGEND}  SSSS\nA: S`,
      [
        [
          5,
          3,
          'Line 5, column 3: this line is not a row (A: SSSS), a legend entry (S = standard "Standard" or W = standard wheelchair), the numbering setting (numbering: right-to-left) or a comment (# ...).',
        ],
      ],
    ],
    [
      'no rows at all',
      `# nothing yet\n${LEGEND}`,
      [[1, 1, "The layout has no rows. Write one line per row, front to back, e.g. 'A: SSSS_SSSS'."]],
    ],
  ])('refuses %s', (_, text, expected) => {
    expect(errorsOf(text).map((e) => [e.line, e.column, e.message])).toEqual(expected);
  });

  it('refuses a name longer than 40 characters', () => {
    expect(errorsOf(`S = s "${'n'.repeat(41)}"\nA: S`)).toEqual([
      { line: 1, column: 7, message: 'Line 1, column 7: the name is 41 characters long; at most 40.' },
    ]);
  });
});

describe('the limits of the text form', () => {
  const rowLabel = (i: number) =>
    (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));

  it('takes 60 rows and refuses the 61st', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `${rowLabel(i)}: SS`).join('\n');
    expect(parsed(`${LEGEND}${rows(60)}`).layout.rows).toHaveLength(60);
    expect(errorsOf(`${LEGEND}${rows(61)}`)).toEqual([
      { line: 65, column: 1, message: 'Row BI, column 1: too many rows: a layout has at most 60.' },
    ]);
  });

  it('takes a row 80 columns wide and refuses one of 81', () => {
    expect(parsed(`${LEGEND}A: ${'S'.repeat(79)}_`).layout.rows[0]?.items).toHaveLength(80);
    expect(errorsOf(`${LEGEND}A: ${'S'.repeat(40)}_${'S'.repeat(40)}`)).toEqual([
      { line: 5, column: 84, message: 'Row A, column 84: the row is 81 columns wide; at most 80.' },
    ]);
  });

  it('takes 1000 seats and refuses more, naming the row that passes the limit', () => {
    const rows = (widths: number[]) => widths.map((w, i) => `${rowLabel(i)}: ${'S'.repeat(w)}`).join('\n');
    expect(parsed(`${LEGEND}${rows([...Array(12).fill(80), 40])}`).layout.rows).toHaveLength(13);
    expect(errorsOf(`${LEGEND}${rows([...Array(12).fill(80), 41, 5])}`)).toEqual([
      {
        line: 17,
        column: 1,
        message: 'Row M, column 1: this row takes the layout past 1000 seats, the most it may have.',
      },
    ]);
  });

  it('refuses a text over 20,000 characters before reading it', () => {
    const text = `S = s "S"\nA: S\n${'#'.repeat(19_986)}`;
    expect(parsed(text.slice(0, 20_000)).layout.rows).toHaveLength(1);
    expect(errorsOf(text)).toEqual([
      { line: 1, column: 1, message: 'The text is 20001 characters long; at most 20000.' },
    ]);
  });
});

describe('parseLayoutText on random text', () => {
  const pieces = [
    'S',
    'P',
    'W',
    'X',
    '_',
    ':',
    '=',
    ' ',
    '\n',
    '#',
    '"',
    '\t',
    'A',
    'a',
    'numbering',
    LEGEND,
    'A: ',
    '\r',
  ];
  const rowPieces = ['S', 'S', 'S', 'P', 'W', 'C', '_', '_', 'X', ' ', '#'];
  const labels = ['A', 'B', 'C', 'D', 'AA', 'Z', 'a'];

  /** Random text from `pick`, and whether each error names a line and column that exist. */
  function check(text: string) {
    const result = parseLayoutText(text);
    const lines = text.split(/\r?\n|\r/);
    if (result.ok) {
      expect(parseLayoutText(layoutToText(result))).toEqual(result);
      return true;
    }
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lines.length);
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeLessThanOrEqual((lines[error.line - 1]?.length ?? 0) + 1);
      expect(error.message).not.toBe('');
    }
    return false;
  }

  it('never throws on any string, and names only lines and columns that exist', () => {
    const random = mulberry32(20_240_601);
    const pick = <T>(from: T[]) => from[Math.floor(random() * from.length)] as T;
    for (let run = 0; run < 2000; run++) {
      check(Array.from({ length: Math.floor(random() * 40) }, () => pick(pieces)).join(''));
    }
  });

  it('parses random layouts to ones that write back the same, or refuses them with places that exist', () => {
    const random = mulberry32(7);
    const pick = <T>(from: T[]) => from[Math.floor(random() * from.length)] as T;
    let valid = 0;
    for (let run = 0; run < 1000; run++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const seats = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(rowPieces)).join('');
        return `${pick(labels)}: ${seats}`;
      });
      const numbering = random() < 0.3 ? 'numbering: right-to-left\n' : '';
      if (check(`${numbering}${LEGEND}${rows.join('\n')}`)) valid++;
    }
    // Enough of the random layouts are valid for the round trip to be checked, and enough are not.
    expect(valid).toBeGreaterThan(100);
    expect(valid).toBeLessThan(900);
  });
});
