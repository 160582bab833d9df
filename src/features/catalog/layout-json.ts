import { z } from 'zod';
import { LAYOUT_LIMITS, numberingOf, type ParsedLayout, rowNumbering, seatKey } from './layout-rules';
import type { LayoutRow, Screen } from './model';

/*
 * A screen's seat layout as JSON, for import and export: the model's own shape (categories, and rows of
 * seats and gaps) with an optional name. It accepts exactly the layouts the text form accepts, so a file
 * exported from one screen can be edited as text and imported again. docs/seat-layouts.md describes it, and
 * docs/seat-layout.schema.json is its JSON Schema, generated from the schema below.
 */

export type LayoutJsonError = { path: string; message: string };
export type LayoutJsonResult = (ParsedLayout & { name?: string }) | { ok: false; errors: LayoutJsonError[] };

const categoryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens.')
  .max(LAYOUT_LIMITS.idChars);

const seat = z
  .object({
    type: z.literal('seat'),
    number: z.int().min(1).max(LAYOUT_LIMITS.columns),
    category: categoryId,
    access: z.enum(['wheelchair', 'companion']).optional(),
  })
  .strict();

const gap = z.object({ type: z.literal('gap'), width: z.int().min(1).max(LAYOUT_LIMITS.columns) }).strict();

const row = z
  .object({
    label: z.string().regex(/^[A-Z]{1,3}$/, 'A row label is one to three capital letters, e.g. A or AA.'),
    items: z
      .array(z.discriminatedUnion('type', [seat, gap]))
      .min(1)
      .max(LAYOUT_LIMITS.columns),
  })
  .strict();

const category = z
  .object({
    id: categoryId,
    name: z
      .string()
      .trim()
      .min(1)
      .max(LAYOUT_LIMITS.nameChars)
      .regex(/^[^"]*$/, 'A name has no double quotes.'),
  })
  .strict();

/** One screen's layout as a JSON document. */
export const seatLayoutJson = z
  .object({
    name: z.string().max(80).optional(),
    categories: z.array(category).min(1).max(LAYOUT_LIMITS.letters),
    rows: z.array(row).min(1).max(LAYOUT_LIMITS.rows),
  })
  .strict()
  .superRefine((layout, ctx) => {
    for (const issue of layoutIssues(layout)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .meta({
    title: 'Movie Magic seat layout',
    description:
      'One screen: its seat categories and its rows, front (screen) to back. See docs/seat-layouts.md.',
  });

export type SeatLayoutJson = z.infer<typeof seatLayoutJson>;

type Issue = { path: (string | number)[]; message: string };

/** The rules a schema cannot say: unique labels and ids, known categories, numbering, the limits. */
function layoutIssues(layout: SeatLayoutJson): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set<string>();
  layout.categories.forEach((c, i) => {
    if (ids.has(c.id))
      issues.push({ path: ['categories', i, 'id'], message: `Category '${c.id}' is listed twice.` });
    ids.add(c.id);
  });
  const labels = new Set<string>();
  let seats = 0;
  const kinds = new Set(layout.categories.map((c) => c.id));
  layout.rows.forEach((r, i) => {
    const at = (...rest: (string | number)[]) => ['rows', i, ...rest];
    if (labels.has(r.label)) issues.push({ path: at('label'), message: `Row ${r.label} is listed twice.` });
    labels.add(r.label);
    issues.push(...rowIssues(r, ids, at));
    seats += r.items.filter((item) => item.type === 'seat').length;
    for (const item of r.items) if (item.type === 'seat' && ids.has(item.category)) kinds.add(seatKey(item));
  });
  if (seats > LAYOUT_LIMITS.seats) {
    issues.push({
      path: ['rows'],
      message: `The layout has ${seats} seats; at most ${LAYOUT_LIMITS.seats}.`,
    });
  }
  if (kinds.size > LAYOUT_LIMITS.letters) {
    const message = `The layout has ${kinds.size} kinds of seat (categories, and categories with wheelchair or companion seats); at most ${LAYOUT_LIMITS.letters}.`;
    issues.push({ path: ['categories'], message });
  }
  const layoutRows = layout.rows as LayoutRow[];
  if (issues.length === 0 && !numberingOf({ rows: layoutRows })) {
    const fromTheRight = layoutRows.filter((r) => !rowNumbering(r.items, 'left-to-right'));
    const message = `Row ${fromTheRight[0]?.label} is numbered from the right while others are numbered from the left; number every row from the same side.`;
    issues.push({ path: ['rows', layoutRows.indexOf(fromTheRight[0] as LayoutRow)], message });
  }
  return issues;
}

/** A row's own rules: a seat, no gaps side by side, its width, seats known and numbered from one side. */
function rowIssues(
  r: LayoutRow,
  ids: Set<string>,
  at: (...rest: (string | number)[]) => Issue['path'],
): Issue[] {
  const issues: Issue[] = [];
  r.items.forEach((item, j) => {
    if (item.type === 'seat' && !ids.has(item.category)) {
      const message = `'${item.category}' is not one of the categories: ${[...ids].join(', ')}.`;
      issues.push({ path: at('items', j, 'category'), message });
    }
    if (item.type === 'gap' && r.items[j - 1]?.type === 'gap') {
      issues.push({ path: at('items', j), message: 'Two gaps side by side: make them one wider gap.' });
    }
  });
  if (r.items.every((item) => item.type === 'gap')) {
    issues.push({
      path: at('items'),
      message: `Row ${r.label} has only gaps; a row needs at least one seat.`,
    });
  }
  const width = r.items.reduce((sum, item) => sum + (item.type === 'gap' ? item.width : 1), 0);
  if (width > LAYOUT_LIMITS.columns) {
    const message = `Row ${r.label} is ${width} columns wide; at most ${LAYOUT_LIMITS.columns}.`;
    issues.push({ path: at('items'), message });
  }
  if (!rowNumbering(r.items, 'left-to-right') && !rowNumbering(r.items, 'right-to-left')) {
    const message = `The seats of row ${r.label} are not numbered 1, 2, 3… from one end, skipping gaps.`;
    issues.push({ path: at('items'), message });
  }
  return issues;
}

/** Reads a JSON document into a layout and its categories, or every error found, each with its JSON path. */
export function parseLayoutJson(text: string): LayoutJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ path: '', message: 'The file is not valid JSON.' }] };
  }
  const result = seatLayoutJson.safeParse(value);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      path: jsonPath(issue.path),
      message: issue.message,
    }));
    return { ok: false, errors };
  }
  const { name, categories, rows } = result.data;
  const layout = { rows: rows as LayoutRow[] };
  const numbering = numberingOf(layout) ?? 'left-to-right';
  return name === undefined
    ? { ok: true, layout, categories, numbering }
    : { ok: true, name, layout, categories, numbering };
}

/** A path such as `rows[3].items[5].category`; empty for the document itself. */
function jsonPath(path: PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** The JSON document of a screen's layout, indented for people to read. */
export function layoutToJson(screen: Pick<Screen, 'name' | 'categories' | 'layout'>): string {
  const document: SeatLayoutJson = {
    name: screen.name,
    categories: screen.categories,
    rows: screen.layout.rows,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The JSON Schema of the document, as docs/seat-layout.schema.json holds it (`npm run seat-layout-schema`). */
export function seatLayoutJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(seatLayoutJson, { io: 'input' }), null, 2)}\n`;
}
