import type { LayoutSeat, ScreenLayout, SeatCategory } from './model';

/*
 * What the text form (layout-text.ts) and the JSON form (layout-json.ts) of a seat layout share: the limits,
 * the two ways of numbering seats, and the letters that stand for each kind of seat. Both forms accept
 * exactly the same layouts, so either can be turned into the other.
 */

export const LAYOUT_LIMITS = {
  rows: 60,
  /** Seats and gap widths across one row. */
  columns: 80,
  seats: 1000,
  /** Seat letters A to Z, one per category and per category with wheelchair or companion seats. */
  letters: 26,
  idChars: 30,
  nameChars: 40,
  textChars: 20_000,
} as const;

/** Seats are numbered 1, 2, 3… from the left end of every row, or from the right end. */
export type Numbering = 'left-to-right' | 'right-to-left';

export type ParsedLayout = {
  ok: true;
  layout: ScreenLayout;
  categories: SeatCategory[];
  numbering: Numbering;
};

/** The numbering every row follows, or undefined when some row follows neither or the rows disagree. */
export function numberingOf(layout: ScreenLayout): Numbering | undefined {
  const fits = (numbering: Numbering) => layout.rows.every((row) => rowNumbering(row.items, numbering));
  if (fits('left-to-right')) return 'left-to-right';
  if (fits('right-to-left')) return 'right-to-left';
  return undefined;
}

/** Whether a row's seats, read left to right, are numbered as `numbering` says, gaps skipped. */
export function rowNumbering(items: ScreenLayout['rows'][number]['items'], numbering: Numbering): boolean {
  const numbers = items.flatMap((item) => (item.type === 'seat' ? [item.number] : []));
  return numbers.every((n, i) => n === (numbering === 'left-to-right' ? i + 1 : numbers.length - i));
}

/** The kind of seat a letter stands for: its category, and its access kind if any. */
export function seatKey(seat: Pick<LayoutSeat, 'category' | 'access'>): string {
  return seat.access ? `${seat.category}/${seat.access}` : seat.category;
}

/**
 * A letter for every category (in the screen's order) and for every wheelchair or companion kind of seat the
 * layout uses, as seatKey → letter: the first free letter of the category's name or id, W and C for access.
 */
export function assignLetters(categories: SeatCategory[], layout: ScreenLayout): Map<string, string> {
  const letters = new Map<string, string>();
  const taken = new Set<string>();
  const give = (key: string, preferred: string) => {
    const letter = [...`${preferred.toUpperCase()}ABCDEFGHIJKLMNOPQRSTUVWXYZ`].find(
      (char) => /[A-Z]/.test(char) && !taken.has(char),
    );
    if (!letter) throw new Error(`A layout has at most ${LAYOUT_LIMITS.letters} kinds of seat.`);
    taken.add(letter);
    letters.set(key, letter);
  };
  for (const category of categories) give(category.id, `${category.name}${category.id}`);
  const used = new Set(
    layout.rows.flatMap((row) => row.items.flatMap((i) => (i.type === 'seat' ? [i] : []))),
  );
  for (const seat of used) {
    if (!letters.has(seat.category))
      throw new Error(`'${seat.category}' is not one of the screen's categories.`);
  }
  for (const category of categories) {
    for (const access of ['wheelchair', 'companion'] as const) {
      const key = seatKey({ category: category.id, access });
      if ([...used].some((seat) => seatKey(seat) === key)) give(key, access === 'wheelchair' ? 'W' : 'C');
    }
  }
  return letters;
}
