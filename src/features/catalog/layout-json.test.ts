import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screens } from '../../demo/catalog';
import { layoutToJson, parseLayoutJson, seatLayoutJsonSchema } from './layout-json';
import { layoutToText, parseLayoutText } from './layout-text';

const seat = (number: number, category = 'standard') => ({ type: 'seat', number, category });
const gap = (width: number) => ({ type: 'gap', width });
const document = (rows: unknown[], categories: unknown = [{ id: 'standard', name: 'Standard' }]) =>
  JSON.stringify({ categories, rows });

/** The errors of a document that must not parse, as [path, message]. */
function errorsOf(text: string) {
  const result = parseLayoutJson(text);
  if (result.ok) expect.fail('the document parsed');
  return result.errors.map((e) => [e.path, e.message]);
}

describe('the JSON form of a seat layout', () => {
  it.each(screens.map((screen) => [screen.id, screen] as const))(
    'round-trips the demo screen %s',
    (_, screen) => {
      const result = parseLayoutJson(layoutToJson(screen));
      expect(result).toEqual({
        ok: true,
        name: screen.name,
        layout: screen.layout,
        categories: screen.categories,
        numbering: 'left-to-right',
      });
    },
  );

  it('converts to the text form and back', () => {
    const right = parseLayoutText(
      'numbering: right-to-left\nS = standard "Standard"\nW = standard wheelchair\nA: WS_SS',
    );
    if (!right.ok) expect.fail('the text did not parse');
    const json = parseLayoutJson(layoutToJson({ name: 'Small', ...right }));
    if (!json.ok) expect.fail(JSON.stringify(json.errors));
    expect(json.numbering).toBe('right-to-left');
    expect(parseLayoutText(layoutToText(json))).toEqual(right);
  });

  it('is described by docs/seat-layout.schema.json as generated now', () => {
    const file = readFileSync(new URL('../../../docs/seat-layout.schema.json', import.meta.url), 'utf8');
    expect(JSON.parse(file)).toEqual(JSON.parse(seatLayoutJsonSchema()));
  });
});

describe('mistakes in the JSON form', () => {
  it.each([
    ['text that is not JSON', '{"rows": [', [['', 'The file is not valid JSON.']]],
    [
      'a seat of an unlisted category',
      document([{ label: 'A', items: [seat(1), seat(2, 'vip')] }]),
      [['rows[0].items[1].category', "'vip' is not one of the categories: standard."]],
    ],
    [
      'a row label used twice',
      document([
        { label: 'A', items: [seat(1)] },
        { label: 'A', items: [seat(1)] },
      ]),
      [['rows[1].label', 'Row A is listed twice.']],
    ],
    [
      'a category listed twice',
      document(
        [{ label: 'A', items: [seat(1)] }],
        [
          { id: 'standard', name: 'Standard' },
          { id: 'standard', name: 'Again' },
        ],
      ),
      [['categories[1].id', "Category 'standard' is listed twice."]],
    ],
    [
      'two gaps side by side',
      document([{ label: 'A', items: [seat(1), gap(1), gap(2), seat(2)] }]),
      [['rows[0].items[2]', 'Two gaps side by side: make them one wider gap.']],
    ],
    [
      'a row of gaps only',
      document([{ label: 'A', items: [gap(2)] }]),
      [['rows[0].items', 'Row A has only gaps; a row needs at least one seat.']],
    ],
    [
      'seats not numbered 1, 2, 3… from one end',
      document([{ label: 'A', items: [seat(1), gap(1), seat(3)] }]),
      [['rows[0].items', 'The seats of row A are not numbered 1, 2, 3… from one end, skipping gaps.']],
    ],
    [
      'rows numbered from different ends',
      document([
        { label: 'A', items: [seat(1), seat(2)] },
        { label: 'B', items: [seat(2), seat(1)] },
      ]),
      [
        [
          'rows[1]',
          'Row B is numbered from the right while others are numbered from the left; number every row from the same side.',
        ],
      ],
    ],
    [
      'a row wider than 80 columns',
      document([{ label: 'A', items: [seat(1), gap(80)] }]),
      [['rows[0].items', 'Row A is 81 columns wide; at most 80.']],
    ],
    [
      'more than 1000 seats',
      document(
        Array.from({ length: 13 }, (_, i) => ({
          label: String.fromCharCode(65 + i),
          items: Array.from({ length: 80 }, (_, j) => seat(j + 1)),
        })),
      ),
      [['rows', 'The layout has 1040 seats; at most 1000.']],
    ],
    [
      'a lowercase row label and an unknown key',
      JSON.stringify({
        categories: [{ id: 'standard', name: 'Standard' }],
        rows: [{ label: 'a', items: [seat(1)] }],
        colour: 'red',
      }),
      [
        ['rows[0].label', 'A row label is one to three capital letters, e.g. A or AA.'],
        ['', 'Unrecognized key: "colour"'],
      ],
    ],
    [
      'a name with a double quote',
      document([{ label: 'A', items: [seat(1)] }], [{ id: 'standard', name: 'The "Best"' }]),
      [['categories[0].name', 'A name has no double quotes.']],
    ],
  ])('refuses %s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('refuses more than 60 rows with the path of the rows', () => {
    const rows = Array.from({ length: 61 }, (_, i) => ({
      label: `A${String.fromCharCode(65 + (i % 26))}`,
      items: [],
    }));
    expect(errorsOf(document(rows)).find(([path]) => path === 'rows')?.[1]).toMatch(/60/);
  });
});
