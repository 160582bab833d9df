import type { ScreenLayout } from './model';

/*
 * Seat ids, and the one order seats are listed in everywhere (pages, tickets, messages, the door): reading
 * order, front row first, then left to right.
 */

/** A seat's id: its row label and number, e.g. "C7". */
export function seatId(row: string, number: number): string {
  return `${row}${number}`;
}

/** The seats of `ids` that exist in the layout, in reading order. */
export function inReadingOrder(layout: ScreenLayout, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return layout.rows.flatMap((row) =>
    row.items.flatMap((item) => {
      if (item.type !== 'seat') return [];
      const id = seatId(row.label, item.number);
      return wanted.has(id) ? [id] : [];
    }),
  );
}

/**
 * Reading order from the ids alone, for a booking, which keeps no layout: row A before B before AA, then
 * by number (9 before 10). Rows are lettered front to back and seats numbered left to right, so it agrees
 * with `inReadingOrder`.
 */
export function byReadingOrder(a: string, b: string): number {
  const [, rowA = '', numA = '0'] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, rowB = '', numB = '0'] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return rowA.length - rowB.length || rowA.localeCompare(rowB) || Number(numA) - Number(numB);
}
