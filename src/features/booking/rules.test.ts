import { describe, expect, it } from 'vitest';
import { buildRow, screens } from '../../demo/catalog';
import type { ScreenLayout } from '../catalog/model';
import { bestAvailable, indexLayout, isolatedSeats, validateSelection } from './rules';

// Row A: 1 2 3 4 | aisle | 5 6 7 8 9 10 ; row B: a one-seat block, then 2 3 4.
const small: ScreenLayout = {
  rows: [
    buildRow({ label: 'A', category: 'standard', blocks: [4, { gap: 1 }, 6] }),
    buildRow({ label: 'B', category: 'premium', blocks: [1, { gap: 1 }, 3] }),
  ],
};
const grand = screens.find((s) => s.id.endsWith('-1') && s.seatCount >= 250)?.layout as ScreenLayout;

describe('isolatedSeats', () => {
  it('flags a seat stranded at a row end, beside an aisle, or between taken seats', () => {
    expect(isolatedSeats(small, new Set(), ['A2', 'A3'])).toEqual(['A1', 'A4']);
    expect(isolatedSeats(small, new Set(), ['A1', 'A2', 'A3'])).toEqual(['A4']);
    expect(isolatedSeats(small, new Set(['A7']), ['A5'])).toEqual(['A6']);
    expect(isolatedSeats(small, new Set(), ['A6', 'A8'])).toEqual(['A5', 'A7']);
  });

  it('does not blame a selection for a seat stranded before, or a one-seat block', () => {
    expect(isolatedSeats(small, new Set(['A2']), ['A3', 'A4'])).toEqual([]);
    expect(isolatedSeats(small, new Set(), ['B2', 'B3', 'B4'])).toEqual([]);
  });
});

describe('validateSelection', () => {
  const options = { maxSeats: 3, isolationRule: true };
  it.each([
    [[], 'empty'],
    [['A5', 'A6', 'A7', 'A8'], 'too_many'],
    [['Z1'], 'unknown_seat'],
    [['A5', 'A5'], 'duplicate'],
    [['A9'], 'taken'],
    [['A2', 'A3'], 'isolated'],
  ])('%j is refused as %s', (selected, reason) => {
    const verdict = validateSelection(small, new Set(['A9']), selected as string[], options);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toBe(reason);
  });

  it('accepts a clean selection, and an isolating one where the theater turns the rule off', () => {
    expect(validateSelection(small, new Set(), ['A1', 'A2'], options)).toEqual({ ok: true });
    expect(validateSelection(small, new Set(), ['A2', 'A3'], { ...options, isolationRule: false })).toEqual({
      ok: true,
    });
  });
});

describe('bestAvailable', () => {
  it('picks the centre of the sweet-spot row of an empty Grand Hall', () => {
    // Standard rows A–H: two-thirds back is between F and G (index 4.67), so F (index 5) wins by rank
    // distance 0.33 against E's 0.67; its centre block holds seats 5–18, and 11–12 straddle the middle.
    expect(bestAvailable(grand, new Set(), { category: 'standard', count: 2 })).toEqual(['F11', 'F12']);
  });

  it('never picks wheelchair or companion seats, and gives up when the category is full', () => {
    const index = indexLayout(grand);
    const accessible = [...index].filter(([, p]) => p.seat.access).map(([id]) => id);
    expect(accessible.length).toBeGreaterThan(0);
    const allButAccessible = new Set(
      [...index].filter(([, p]) => p.seat.category === 'standard' && !p.seat.access).map(([id]) => id),
    );
    expect(bestAvailable(grand, allButAccessible, { category: 'standard', count: 1 })).toBeUndefined();
  });

  it('returns adjacent free seats of the category that strand nobody, however full the house', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const index = indexLayout(grand);
    const ids = [...index.keys()];
    for (let round = 0; round < 200; round++) {
      const taken = new Set(ids.filter(() => random() < round / 250));
      const count = 1 + Math.floor(random() * 4);
      const group = bestAvailable(grand, taken, { category: 'standard', count });
      if (!group) continue;
      const places = group.map((id) => index.get(id));
      expect(group).toHaveLength(count);
      expect(places.every((p) => p && p.seat.category === 'standard' && !p.seat.access)).toBe(true);
      expect(group.every((id) => !taken.has(id))).toBe(true);
      expect(new Set(places.map((p) => `${p?.row}:${p?.block}`)).size).toBe(1);
      const positions = places.map((p) => p?.position ?? 0);
      expect(Math.max(...positions) - Math.min(...positions)).toBe(count - 1);
      expect(isolatedSeats(grand, taken, group)).toEqual([]);
    }
  });
});
