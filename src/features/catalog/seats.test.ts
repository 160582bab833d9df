import { describe, expect, it } from 'vitest';
import { mulberry32, small } from '../../../tests/support/seat-layouts';
import { buildRow, screens } from '../../demo/catalog';
import type { ScreenLayout } from './model';
import { byReadingOrder, inReadingOrder, seatId } from './seats';

/** Every seat id of a layout, row by row as the layout lists them. */
function allSeats(layout: ScreenLayout): string[] {
  return layout.rows.flatMap((row) =>
    row.items.flatMap((item) => (item.type === 'seat' ? [seatId(row.label, item.number)] : [])),
  );
}

/** A deterministic shuffle, so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('seatId', () => {
  it('joins the row label and the seat number', () => {
    expect(seatId('C', 7)).toBe('C7');
    expect(seatId('AA', 12)).toBe('AA12');
  });
});

describe('inReadingOrder', () => {
  it('lists the front row first, then left to right across the aisles', () => {
    // Small layout: A1–A4, aisle, A5–A10; B1, a two-wide gap, B2–B4.
    expect(inReadingOrder(small, ['B2', 'A10', 'B1', 'A5', 'A4', 'A1'])).toEqual([
      'A1',
      'A4',
      'A5',
      'A10',
      'B1',
      'B2',
    ]);
  });

  it('drops ids that are not seats of the layout, and lists a repeated id once', () => {
    expect(inReadingOrder(small, ['A3', 'A11', 'C1', 'B5', 'a3', 'A3', ''])).toEqual(['A3']);
    expect(inReadingOrder(small, [])).toEqual([]);
  });

  it('accepts any iterable of ids', () => {
    expect(inReadingOrder(small, new Set(['B4', 'A2']))).toEqual(['A2', 'B4']);
  });
});

describe('byReadingOrder', () => {
  it('orders seat numbers as numbers, not as text', () => {
    expect(['A10', 'A9', 'A1', 'A2'].sort(byReadingOrder)).toEqual(['A1', 'A2', 'A9', 'A10']);
  });

  it('puts every seat of a front row before any seat of a row behind it', () => {
    expect(['B1', 'A22', 'C3', 'A1'].sort(byReadingOrder)).toEqual(['A1', 'A22', 'B1', 'C3']);
  });

  it('puts single-letter rows before double-letter ones, as rows are lettered past Z', () => {
    expect(['AA1', 'Z9', 'AB1', 'B1', 'AA10'].sort(byReadingOrder)).toEqual([
      'B1',
      'Z9',
      'AA1',
      'AA10',
      'AB1',
    ]);
  });

  it('answers negative when the first seat comes first and positive when it comes after', () => {
    expect(Math.sign(byReadingOrder('C7', 'C8'))).toBe(-1);
    expect(Math.sign(byReadingOrder('B9', 'C1'))).toBe(-1);
    expect(Math.sign(byReadingOrder('C8', 'C7'))).toBe(1);
  });
});

describe('both orders agree', () => {
  it.each(
    screens
      .filter((screen) => screen.theaterId === screens[0]?.theaterId)
      .map((screen) => [screen.name, screen]),
  )('on every seat of the demo %s', (_, screen) => {
    const seats = allSeats(screen.layout);
    expect(seats).toHaveLength(screen.seatCount);
    for (const seed of [1, 2, 3]) {
      const mixed = shuffled(seats, seed);
      expect(inReadingOrder(screen.layout, mixed)).toEqual([...mixed].sort(byReadingOrder));
    }
    // Reading order is the order the layout lists its seats in.
    expect([...seats].reverse().sort(byReadingOrder)).toEqual(seats);
  });

  it('on a random selection of seats from each demo screen', () => {
    const random = mulberry32(7);
    for (const screen of screens) {
      const some = allSeats(screen.layout).filter(() => random() < 0.2);
      const mixed = shuffled(some, 11);
      expect(inReadingOrder(screen.layout, mixed)).toEqual([...mixed].sort(byReadingOrder));
    }
  });

  it('on a tall hall whose rows run past Z', () => {
    const labels = [...'ABCDEFGHJKLMNPQRSTUVWXYZ', 'AA', 'AB', 'AC'];
    const hall: ScreenLayout = {
      rows: labels.map((label) => buildRow({ label, category: 'standard', blocks: [3, { gap: 1 }, 9] })),
    };
    const mixed = shuffled(allSeats(hall), 5);
    const ordered = inReadingOrder(hall, mixed);
    expect(ordered.at(-1)).toBe('AC12');
    expect(ordered).toEqual([...mixed].sort(byReadingOrder));
  });
});
