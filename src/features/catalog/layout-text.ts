import {
  assignLetters,
  LAYOUT_LIMITS,
  type Numbering,
  numberingOf,
  type ParsedLayout,
  rowNumbering,
  seatKey,
} from './layout-rules';
import type { LayoutGap, LayoutRow, LayoutSeat, Screen } from './model';

/*
 * A screen's seat layout as text a cinema manager can type: a legend of seat letters, an optional numbering
 * setting, then one line per row from the screen to the back. docs/seat-layouts.md describes the form, its
 * messages and its limits. Parsing never throws: every mistake comes back at once, with its line and column.
 */

export type LayoutTextError = { line: number; column: number; message: string };
export type LayoutTextResult = ParsedLayout | { ok: false; errors: LayoutTextError[] };

/** What a legend letter stands for: a seat of a category, perhaps a wheelchair space or companion seat. */
type LegendEntry = {
  line: number;
  letter: string;
  letterColumn: number;
  category: string;
  categoryColumn: number;
  name?: string;
  access?: LayoutSeat['access'];
};
type RowLine = { line: number; label: string; labelColumn: number; body: string; bodyColumn: number };
type Lines = {
  legend: LegendEntry[];
  rows: RowLine[];
  numbering?: { line: number; value: Numbering };
  errors: LayoutTextError[];
};

const LEGEND_EXAMPLE = 'S = standard "Standard" or W = standard wheelchair';

/** Reads the text into a layout and its categories, or every error found in it. */
export function parseLayoutText(text: string): LayoutTextResult {
  if (text.length > LAYOUT_LIMITS.textChars) {
    const message = `The text is ${text.length} characters long; at most ${LAYOUT_LIMITS.textChars}.`;
    return { ok: false, errors: [{ line: 1, column: 1, message }] };
  }
  const lines = readLines(text);
  const errors = [...lines.errors];
  const legend = resolveLegend(lines.legend, errors);
  const rows = buildRows(lines.rows, legend, lines.numbering?.value ?? 'left-to-right', errors);
  if (lines.rows.length === 0 && errors.length === 0) {
    const message = "The layout has no rows. Write one line per row, front to back, e.g. 'A: SSSS_SSSS'.";
    errors.push({ line: 1, column: 1, message });
  }
  if (errors.length > 0) {
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  const categories = lines.legend.flatMap(({ category, name }) =>
    name === undefined ? [] : [{ id: category, name }],
  );
  return {
    ok: true,
    layout: { rows },
    categories,
    numbering: lines.numbering?.value ?? 'left-to-right',
  };
}

/** Sorts each line into a legend entry, a row, the numbering setting or a mistake. */
function readLines(text: string): Lines {
  const lines: Lines = { legend: [], rows: [], errors: [] };
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    readLine(raw, index + 1, lines);
  });
  return lines;
}

/** Reads one line (numbered from 1) into `lines`. */
function readLine(raw: string, line: number, lines: Lines) {
  const fail = (column: number, message: string) => {
    lines.errors.push({ line, column, message: `Line ${line}, column ${column}: ${message}` });
  };
  const tab = raw.indexOf('\t');
  if (tab >= 0) return fail(tab + 1, 'tab characters are not allowed; use spaces.');
  const content = withoutComment(raw).trimEnd();
  if (content.trim() === '') return;
  const match = /^(\s*)([^\s:=]+)\s*([:=])(.*)$/.exec(content);
  if (!match) {
    const column = content.length - content.trimStart().length + 1;
    return fail(
      column,
      `this line is not a row (A: SSSS), a legend entry (${LEGEND_EXAMPLE}), the numbering setting (numbering: right-to-left) or a comment (# ...).`,
    );
  }
  const [, indent = '', key = '', separator, value = ''] = match;
  const keyColumn = indent.length + 1;
  const valueColumn = content.length - value.length + 1 + (value.length - value.trimStart().length);
  if (separator === '=') return readLegendEntry(line, key, keyColumn, value.trim(), valueColumn, lines);
  if (key === 'numbering') return readNumbering(line, value.trim(), valueColumn, lines);
  if (!/^[A-Z]{1,3}$/.test(key)) {
    return fail(
      keyColumn,
      `'${key}' is not a row label or a setting. Row labels are one to three capital letters (A, B, … AA); the only setting is numbering.`,
    );
  }
  lines.rows.push({
    line,
    label: key,
    labelColumn: keyColumn,
    body: value.trim(),
    bodyColumn: valueColumn,
  });
}

/** The line up to its first `#` outside double quotes. */
function withoutComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}

function readNumbering(line: number, value: string, column: number, lines: Lines) {
  const fail = (message: string) => {
    lines.errors.push({ line, column, message: `Line ${line}, column ${column}: ${message}` });
  };
  if (lines.numbering) return fail(`numbering is already set on line ${lines.numbering.line}.`);
  if (value !== 'left-to-right' && value !== 'right-to-left') {
    return fail(`numbering is left-to-right or right-to-left, not '${value}'.`);
  }
  lines.numbering = { line, value };
}

function readLegendEntry(
  line: number,
  letter: string,
  letterColumn: number,
  value: string,
  valueColumn: number,
  lines: Lines,
) {
  const fail = (column: number, message: string) => {
    lines.errors.push({ line, column, message: `Line ${line}, column ${column}: ${message}` });
  };
  if (letter === '_') return fail(letterColumn, "'_' is a gap and cannot stand for a seat.");
  if (!/^[A-Z]$/.test(letter)) {
    return fail(letterColumn, `a legend letter is one capital letter (A to Z), not '${letter}'.`);
  }
  const category = /^([^\s"]+)\s+"([^"]*)"$/.exec(value);
  const access = /^([^\s"]+)\s+(wheelchair|companion)$/.exec(value);
  const [, id = ''] = category ?? access ?? [];
  if (!id) {
    return fail(
      valueColumn,
      `expected a category id and a quoted name or an access kind, e.g. ${LEGEND_EXAMPLE}.`,
    );
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || id.length > LAYOUT_LIMITS.idChars) {
    return fail(
      valueColumn,
      `'${id}' is not a category id: use lowercase letters, digits and hyphens, at most ${LAYOUT_LIMITS.idChars}.`,
    );
  }
  const entry: LegendEntry = { line, letter, letterColumn, category: id, categoryColumn: valueColumn };
  if (category) {
    const name = (category[2] ?? '').trim();
    const nameColumn = valueColumn + value.indexOf('"');
    // A refused name still defines its letter, so the rows using it are not refused as well.
    if (name === '') fail(nameColumn, `category '${id}' needs a name between the quotes.`);
    if (name.length > LAYOUT_LIMITS.nameChars) {
      fail(nameColumn, `the name is ${name.length} characters long; at most ${LAYOUT_LIMITS.nameChars}.`);
    }
    entry.name = name;
  } else {
    entry.access = access?.[2] as LayoutSeat['access'];
  }
  lines.legend.push(entry);
}

/** The legend as letter → seat, refusing letters defined twice and categories defined twice or never. */
function resolveLegend(entries: LegendEntry[], errors: LayoutTextError[]): Map<string, LegendEntry> {
  const byLetter = new Map<string, LegendEntry>();
  const categories = new Map<string, LegendEntry>();
  for (const entry of entries) {
    if (entry.name !== undefined && !categories.has(entry.category)) categories.set(entry.category, entry);
  }
  for (const entry of entries) {
    const earlier = byLetter.get(entry.letter);
    const owner = categories.get(entry.category);
    const fail = (column: number, message: string) => {
      errors.push({ line: entry.line, column, message: `Line ${entry.line}, column ${column}: ${message}` });
    };
    if (earlier) {
      fail(entry.letterColumn, `'${entry.letter}' is already defined on line ${earlier.line}.`);
      continue;
    }
    // A refused entry still stands for its category, so the rows using its letter are not refused twice.
    byLetter.set(entry.letter, entry);
    if (!owner) {
      fail(
        entry.categoryColumn,
        `'${entry.category}' is not a category of the legend. Define it with a name, e.g. ${entry.letter === 'S' ? 'T' : 'S'} = ${entry.category} "${entry.category}".`,
      );
    } else if (entry.name !== undefined && owner !== entry) {
      fail(
        entry.categoryColumn,
        `category '${entry.category}' is already defined by '${owner.letter}' on line ${owner.line}.`,
      );
    }
  }
  return byLetter;
}

/** The rows, numbered, with every mistake in a row's label or seats pushed to `errors`. */
function buildRows(
  lines: RowLine[],
  legend: Map<string, LegendEntry>,
  numbering: Numbering,
  errors: LayoutTextError[],
): LayoutRow[] {
  const seen = new Map<string, number>();
  const rows: LayoutRow[] = [];
  let seats = 0;
  lines.forEach((row, index) => {
    const fail = (column: number, message: string) => {
      errors.push({ line: row.line, column, message: `Row ${row.label}, column ${column}: ${message}` });
    };
    if (index === LAYOUT_LIMITS.rows) {
      fail(row.labelColumn, `too many rows: a layout has at most ${LAYOUT_LIMITS.rows}.`);
    }
    const earlier = seen.get(row.label);
    if (earlier !== undefined) {
      fail(row.labelColumn, `row ${row.label} is already on line ${earlier}; row labels must be unique.`);
    }
    seen.set(row.label, row.line);
    const items = readRow(row, legend, fail);
    const count = items.filter((item) => item.type === 'seat').length;
    if (seats <= LAYOUT_LIMITS.seats && seats + count > LAYOUT_LIMITS.seats) {
      fail(
        row.labelColumn,
        `this row takes the layout past ${LAYOUT_LIMITS.seats} seats, the most it may have.`,
      );
    }
    seats += count;
    rows.push({ label: row.label, items: numbered(items, numbering) });
  });
  return rows;
}

type Unnumbered = Omit<LayoutSeat, 'number'> | LayoutGap;

/** A row's seats and gaps from its letters; consecutive `_` make one wider gap. */
function readRow(
  row: RowLine,
  legend: Map<string, LegendEntry>,
  fail: (column: number, message: string) => void,
): Unnumbered[] {
  const { body, bodyColumn } = row;
  if (body === '') {
    fail(bodyColumn, `the row has no seats. Write its seats after the colon, e.g. ${row.label}: SSSS_SSSS.`);
    return [];
  }
  if (body.length > LAYOUT_LIMITS.columns) {
    const message = `the row is ${body.length} columns wide; at most ${LAYOUT_LIMITS.columns}.`;
    fail(bodyColumn + LAYOUT_LIMITS.columns, message);
  }
  const items: Unnumbered[] = [];
  const reported = new Set<string>();
  [...body].forEach((char, i) => {
    const last = items.at(-1);
    const entry = legend.get(char);
    if (char === '_') {
      if (last?.type === 'gap') last.width++;
      else items.push({ type: 'gap', width: 1 });
    } else if (entry) {
      items.push(
        entry.access
          ? { type: 'seat', category: entry.category, access: entry.access }
          : { type: 'seat', category: entry.category },
      );
    } else if (!reported.has(char)) {
      reported.add(char);
      fail(bodyColumn + i, notASeat(char, legend));
    }
  });
  if (items.length > 0 && items.every((item) => item.type === 'gap')) {
    fail(bodyColumn, 'the row has only gaps; a row needs at least one seat.');
  }
  return items;
}

function notASeat(char: string, legend: Map<string, LegendEntry>): string {
  if (char === ' ') return 'spaces are not allowed inside a row; use _ for a gap.';
  const letters = [...legend.keys()];
  if (letters.length === 0) {
    return `'${char}' is not a seat category: the legend defines no letters yet, e.g. ${LEGEND_EXAMPLE}.`;
  }
  return `'${char}' is not a seat category. Use one of ${letters.join(', ')}, or _ for a gap.`;
}

/** Numbers the seats 1, 2, 3… from the left or the right, skipping gaps. */
function numbered(items: Unnumbered[], numbering: Numbering): (LayoutSeat | LayoutGap)[] {
  const total = items.filter((item) => item.type === 'seat').length;
  let count = 0;
  return items.map((item) => {
    if (item.type === 'gap') return item;
    count++;
    return { ...item, number: numbering === 'left-to-right' ? count : total - count + 1 };
  });
}

/**
 * The text form of a screen's layout: parsing it gives back the same layout and categories. Throws when the
 * layout cannot be written as text (numbering that is neither 1, 2, 3… from the left nor from the right, a
 * seat of an unknown category, more than 26 kinds of seat); parseLayoutJson refuses such layouts.
 */
export function layoutToText(
  screen: Pick<Screen, 'categories' | 'layout'> & { numbering?: Numbering },
): string {
  // A layout whose rows have one seat each fits either numbering; the one given is kept.
  const given = screen.numbering;
  const fits = given && screen.layout.rows.every((row) => rowNumbering(row.items, given));
  const numbering = fits ? given : numberingOf(screen.layout);
  if (!numbering) throw new Error('The seats are not numbered 1, 2, 3… from one side in every row.');
  const letters = assignLetters(screen.categories, screen.layout);
  const legend = [...letters].map(([key, letter]) => {
    const [category = '', access] = key.split('/');
    const name = screen.categories.find((c) => c.id === category)?.name;
    return access ? `${letter} = ${category} ${access}` : `${letter} = ${category} "${name}"`;
  });
  const rows = screen.layout.rows.map((row) => {
    const cells = row.items.map((item) =>
      item.type === 'gap' ? '_'.repeat(item.width) : (letters.get(seatKey(item)) ?? '?'),
    );
    return `${row.label}: ${cells.join('')}`;
  });
  return [`numbering: ${numbering}`, '', ...legend, '', ...rows, ''].join('\n');
}
