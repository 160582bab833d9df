import { describe, expect, it } from 'vitest';
import { grand, mulberry32, none, seatsWhere, small, studio } from '../../../tests/support/seat-layouts';
import { buildRow } from '../../demo/catalog';
import type { ScreenLayout } from '../catalog/model';
import { seatId } from '../catalog/seats';
import { indexLayout, isolatedSeats, layoutBlocks, seatsDeciding, validateSelection } from './rules';

describe('seatId and indexLayout', () => {
  it('names a seat by its row and number', () => {
    expect(seatId('C', 7)).toBe('C7');
  });

  it('places seats in blocks split by gaps, with columns that count gap widths', () => {
    const layout: ScreenLayout = {
      rows: [
        buildRow({ label: 'C', category: 'standard', blocks: [{ gap: 2 }, 3, { gap: 1 }, 2, { gap: 3 }] }),
      ],
    };
    const index = indexLayout(layout);
    expect(index.get('C1')).toMatchObject({ rowIndex: 0, row: 'C', block: 0, position: 0, column: 2 });
    expect(index.get('C3')).toMatchObject({ block: 0, position: 2, column: 4 });
    expect(index.get('C4')).toMatchObject({ block: 1, position: 0, column: 6 });
    expect(layoutBlocks(layout)).toEqual([
      [
        ['C1', 'C2', 'C3'],
        ['C4', 'C5'],
      ],
    ]);
  });

  it('builds an index once per layout object', () => {
    expect(indexLayout(small)).toBe(indexLayout(small));
    expect(indexLayout({ rows: [...small.rows] })).not.toBe(indexLayout(small));
  });

  it('indexes every seat of the demo screens in their aisle blocks', () => {
    expect(indexLayout(grand).size).toBe(254);
    expect(indexLayout(studio).size).toBe(118);
    const sizes = (layout: ScreenLayout, row: number) => layoutBlocks(layout)[row]?.map((b) => b.length);
    expect(sizes(grand, 0)).toEqual([4, 14, 4]);
    expect(sizes(grand, 11)).toEqual([2, 8, 2]);
    expect(sizes(studio, 0)).toEqual([5, 9]);
    expect(sizes(studio, 8)).toEqual([3, 3]);
    expect(indexLayout(grand).get('F12')).toMatchObject({ rowIndex: 5, block: 1, position: 7, column: 12 });
    expect(indexLayout(grand).get('H1')?.seat.access).toBe('wheelchair');
  });
});

describe('isolatedSeats', () => {
  it('flags a seat stranded at a row end', () => {
    expect(isolatedSeats(small, none, ['A2', 'A3', 'A4'])).toEqual(['A1']);
    expect(isolatedSeats(small, none, ['A7', 'A8', 'A9'])).toEqual(['A10']);
    expect(isolatedSeats(grand, none, ['C2', 'C3', 'C4'])).toEqual(['C1']);
  });

  it('flags a seat stranded beside an aisle', () => {
    expect(isolatedSeats(small, none, ['A1', 'A2', 'A3'])).toEqual(['A4']);
    expect(isolatedSeats(small, none, ['A6', 'A7', 'A8', 'A9', 'A10'])).toEqual(['A5']);
    expect(isolatedSeats(grand, none, ['C6'])).toEqual(['C5']);
    expect(isolatedSeats(grand, none, ['C20'])).toEqual(['C19']);
  });

  it('flags a seat stranded between a taken seat and the selection', () => {
    expect(isolatedSeats(small, new Set(['A6']), ['A8'])).toEqual(['A7']);
    expect(isolatedSeats(grand, new Set(['C10']), ['C12'])).toEqual(['C11']);
  });

  it('flags the single seat left between two selected seats', () => {
    expect(isolatedSeats(small, new Set(['A5']), ['A6', 'A8'])).toEqual(['A7']);
    expect(isolatedSeats(grand, none, ['F10', 'F12'])).toEqual(['F11']);
  });

  it('lets blocks of three seats or fewer be sold as people come: a couple in a three-seat block', () => {
    expect(isolatedSeats(grand, none, ['M1'])).toEqual([]);
    expect(isolatedSeats(studio, none, ['J2'])).toEqual([]);
    expect(isolatedSeats(studio, none, ['J1', 'J2'])).toEqual([]);
    expect(isolatedSeats(small, none, ['B3'])).toEqual([]);
  });

  it('does not blame the selection for a seat stranded before it', () => {
    expect(isolatedSeats(small, new Set(['A2']), ['A3', 'A4'])).toEqual([]);
    // A6 was stranded between A5 and A7 already; only A8 is new.
    expect(isolatedSeats(small, new Set(['A5', 'A7']), ['A9', 'A10'])).toEqual(['A8']);
  });

  it('does not blame the selection for a one-seat block', () => {
    expect(isolatedSeats(small, none, ['B2', 'B3', 'B4'])).toEqual([]);
    expect(isolatedSeats(small, none, ['B2'])).toEqual([]);
  });

  it('finds nothing when a selection fills its block or leaves pairs free', () => {
    expect(isolatedSeats(small, none, ['A1', 'A2', 'A3', 'A4'])).toEqual([]);
    expect(isolatedSeats(small, none, ['A7', 'A8'])).toEqual([]);
    expect(isolatedSeats(small, none, [])).toEqual([]);
  });

  it('ignores ids that are not seats and seats that were taken already', () => {
    expect(isolatedSeats(small, new Set(['A2']), ['A2', 'Z9'])).toEqual([]);
  });

  it('sorts by row, then number, whatever the selection order', () => {
    expect(isolatedSeats(small, none, ['A4', 'A3', 'A2', 'A8', 'A6'])).toEqual(['A1', 'A5', 'A7']);
    expect(isolatedSeats(grand, none, ['D16', 'D14', 'C21', 'C19'])).toEqual(['C20', 'C22', 'D15']);
  });
});

describe('seatsDeciding', () => {
  it('is the chosen seats and two either side of each, within their blocks', () => {
    // A: 1 2 3 4 | 5 6 7 8 9 10. A4 ends its block, so its right side stops there.
    expect(seatsDeciding(small, ['A4']).sort()).toEqual(['A2', 'A3', 'A4']);
    expect(seatsDeciding(small, ['A7', 'A8']).sort()).toEqual(['A10', 'A5', 'A6', 'A7', 'A8', 'A9']);
    expect(seatsDeciding(small, ['Z9', 'B2']).sort()).toEqual(['B2', 'B3', 'B4']);
  });

  it('decides the same as the whole house would', () => {
    // For random houses and selections, validating against only the deciding seats' states gives the
    // same verdict as validating against every taken seat.
    const random = mulberry32(7);
    const all = [...indexLayout(grand).keys()];
    for (let run = 0; run < 300; run++) {
      const taken = seatsWhere(grand, () => random() < 0.4);
      const start = Math.floor(random() * all.length);
      const selected = all.slice(start, start + 1 + Math.floor(random() * 4));
      const deciding = new Set(seatsDeciding(grand, selected));
      const seen = new Set([...taken].filter((id) => deciding.has(id)));
      const options = { maxSeats: 10, isolationRule: true };
      expect(validateSelection(grand, seen, selected, options)).toEqual(
        validateSelection(grand, taken, selected, options),
      );
    }
  });
});

describe('validateSelection', () => {
  const options = { maxSeats: 3, isolationRule: true };
  const taken = new Set(['A9']);

  it.each([
    { selected: [], reason: 'empty', seats: [] },
    { selected: ['A5', 'A6', 'A7', 'A8'], reason: 'too_many', seats: [] },
    { selected: ['Z1', 'A1', 'A11'], reason: 'unknown_seat', seats: ['Z1', 'A11'] },
    { selected: ['A5', 'A6', 'A5'], reason: 'duplicate', seats: ['A5'] },
    { selected: ['A10', 'A9'], reason: 'taken', seats: ['A9'] },
    { selected: ['A2', 'A3'], reason: 'isolated', seats: ['A1', 'A4'] },
  ])('refuses $selected as $reason', ({ selected, reason, seats }) => {
    expect(validateSelection(small, taken, selected, options)).toEqual({ ok: false, reason, seats });
  });

  it('reports the first fault in order: size, unknown, duplicate, taken, isolation', () => {
    expect(validateSelection(small, taken, ['Z1', 'Z1', 'A9', 'A8'], options)).toMatchObject({
      reason: 'too_many',
    });
    expect(validateSelection(small, taken, ['Z1', 'Z1', 'A9'], options)).toEqual({
      ok: false,
      reason: 'unknown_seat',
      seats: ['Z1'],
    });
    expect(validateSelection(small, taken, ['A9', 'A9'], options)).toMatchObject({ reason: 'duplicate' });
    expect(validateSelection(small, taken, ['A9', 'A2', 'A3'], options)).toMatchObject({ reason: 'taken' });
  });

  it('accepts a clean selection, and a stranding one where the theater turns the rule off', () => {
    expect(validateSelection(small, taken, ['A1', 'A2'], options)).toEqual({ ok: true });
    expect(validateSelection(small, taken, ['B1'], options)).toEqual({ ok: true });
    expect(validateSelection(small, taken, ['A2', 'A3'], { ...options, isolationRule: false })).toEqual({
      ok: true,
    });
  });

  it('applies to the demo Grand Hall', () => {
    const opts = { maxSeats: 10, isolationRule: true };
    expect(validateSelection(grand, none, ['F10', 'F12'], opts)).toEqual({
      ok: false,
      reason: 'isolated',
      seats: ['F11'],
    });
    expect(validateSelection(grand, none, ['F11', 'F12'], opts)).toEqual({ ok: true });
    expect(validateSelection(grand, none, ['H1', 'H2'], opts)).toEqual({ ok: true });
    expect(validateSelection(grand, none, ['H2', 'H3', 'H4'], opts)).toEqual({
      ok: false,
      reason: 'isolated',
      seats: ['H1'],
    });
  });
});
