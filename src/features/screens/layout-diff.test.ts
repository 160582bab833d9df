import { describe, expect, it } from 'vitest';
import { parseLayoutText } from '../catalog/layout-text';
import type { ScreenLayout } from '../catalog/model';
import { seatChanges, unpricedCategories } from './layout-diff';

function layout(text: string): ScreenLayout {
  const parsed = parseLayoutText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.layout;
}

const legend = 'S = standard "Standard"\nP = premium "Premium"\nW = standard wheelchair\n';
const before = layout(`${legend}A: WSS_SS\nB: PPPP`);

describe('seatChanges', () => {
  it('finds nothing when the layout only grows', () => {
    expect(seatChanges(before, layout(`${legend}A: WSS_SSS\nB: PPPP\nC: PP`))).toEqual([]);
  });

  it('names the seats a row loses and a row that goes, in reading order', () => {
    expect(seatChanges(before, layout(`${legend}A: WSS_S`))).toEqual([
      { seatId: 'A5', change: 'removed' },
      { seatId: 'B1', change: 'removed' },
      { seatId: 'B2', change: 'removed' },
      { seatId: 'B3', change: 'removed' },
      { seatId: 'B4', change: 'removed' },
    ]);
  });

  it('names a seat that changes category or access, and not one that only moves across a gap', () => {
    expect(seatChanges(before, layout(`${legend}A: SSS__SS\nB: PPSP`))).toEqual([
      { seatId: 'A1', change: 'changed' },
      { seatId: 'B3', change: 'changed' },
    ]);
  });

  it('follows the numbering: numbered from the right, the same letters are other seats', () => {
    const flipped = layout(`numbering: right-to-left\n${legend}A: WSS_SS\nB: PPPP`);
    expect(seatChanges(before, flipped)).toEqual([
      { seatId: 'A1', change: 'changed' },
      { seatId: 'A5', change: 'changed' },
    ]);
  });
});

describe('unpricedCategories', () => {
  it('lists the categories a showtime has no price for', () => {
    const categories = [
      { id: 'standard', name: 'Standard' },
      { id: 'vip', name: 'VIP' },
    ];
    expect(unpricedCategories(categories, [{ category: 'standard' }, { category: 'premium' }])).toEqual([
      { id: 'vip', name: 'VIP' },
    ]);
  });
});
