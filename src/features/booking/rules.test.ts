import { describe, expect, it } from 'vitest';
import { buildRow, screens } from '../../demo/catalog';
import type { ScreenLayout } from '../catalog/model';
import { seatId } from '../catalog/seats';
import {
  bestAvailable,
  indexLayout,
  isolatedSeats,
  layoutBlocks,
  MAX_BEST_AVAILABLE,
  seatsDeciding,
  validateSelection,
} from './rules';

function demoLayout(seatCount: number): ScreenLayout {
  const screen = screens.find((s) => s.seatCount === seatCount);
  if (!screen) throw new Error(`no demo screen with ${seatCount} seats`);
  return screen.layout;
}

const grand = demoLayout(254);
const studio = demoLayout(118);

// A: 1 2 3 4 | 5 6 7 8 9 10 (one aisle); B: a one-seat block, a two-wide gap, then 2 3 4.
const small: ScreenLayout = {
  rows: [
    buildRow({ label: 'A', category: 'standard', blocks: [4, { gap: 1 }, 6] }),
    buildRow({ label: 'B', category: 'premium', blocks: [1, { gap: 2 }, 3] }),
  ],
};

const none = new Set<string>();

/** Deterministic so that a failing layout of taken seats can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function seatsWhere(layout: ScreenLayout, keep: (id: string) => boolean): Set<string> {
  return new Set([...indexLayout(layout).keys()].filter(keep));
}

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

describe('bestAvailable', () => {
  it('picks the middle of the sweet-spot row of an empty Grand Hall', () => {
    // Standard rows are A–H (ranks 0–7). Two-thirds of the way back is rank 7 × 2/3 ≈ 4.67, so F (rank 5,
    // 0.33 away) beats E (rank 4, 0.67 away). The row is 4 + aisle + 14 + aisle + 4 = 24 seats wide, its
    // middle at 12; centre-block seat k spans [k, k+1), so F11–F12 spans [11, 13), centred exactly.
    expect(bestAvailable(grand, none, { category: 'standard', count: 2 })).toEqual(['F11', 'F12']);
    // F11 (centre 11.5) and F12 (12.5) tie: the left one wins. F10–F12 and F11–F13 tie the same way.
    expect(bestAvailable(grand, none, { category: 'standard', count: 1 })).toEqual(['F11']);
    expect(bestAvailable(grand, none, { category: 'standard', count: 3 })).toEqual(['F10', 'F11', 'F12']);
    expect(bestAvailable(grand, none, { category: 'standard', count: 4 })).toEqual([
      'F10',
      'F11',
      'F12',
      'F13',
    ]);
  });

  it('finds the sweet spot among the rows of the category asked for', () => {
    // Premium rows J, K, L: 2 × 2/3 ≈ 1.33, so K. Recliners: only M, 2 + gap 2 + 8 + gap 2 + 2 = 16
    // wide; seat k of the middle block spans [k+1, k+2), so M6–M7 spans [7, 9) around the middle, 8.
    expect(bestAvailable(grand, none, { category: 'premium', count: 2 })).toEqual(['K11', 'K12']);
    expect(bestAvailable(grand, none, { category: 'recliner', count: 2 })).toEqual(['M6', 'M7']);
    // Studio premium rows G, H: 1 × 2/3 ≈ 0.67, so H.
    expect(bestAvailable(studio, none, { category: 'premium', count: 2 })).toEqual(['H6', 'H7']);
  });

  it('centres on the full row width, so an off-centre aisle moves the choice', () => {
    // Two seats, a four-wide gap, six seats: 12 wide, middle 6. X3 spans [6, 7), nearest the middle;
    // counting seats alone (eight of them) would have put the middle between X4 and X5.
    const lopsided: ScreenLayout = {
      rows: [buildRow({ label: 'X', category: 'standard', blocks: [2, { gap: 4 }, 6] })],
    };
    expect(bestAvailable(lopsided, none, { category: 'standard', count: 1 })).toEqual(['X3']);
    // Studio standard rows A–F: 5 × 2/3 ≈ 3.33, so D. The row is 5 + aisle + 9 = 15 wide, middle 7.5,
    // and seat k ≥ 6 spans [k, k+1): D6–D8 is centred exactly.
    expect(bestAvailable(studio, none, { category: 'standard', count: 3 })).toEqual(['D6', 'D7', 'D8']);
    // D7 alone is dead centre but would strand D6 against the aisle; D6 and D8 are one off, left wins.
    expect(bestAvailable(studio, none, { category: 'standard', count: 1 })).toEqual(['D6']);
  });

  it('keeps a group within one block', () => {
    expect(bestAvailable(studio, none, { category: 'standard', count: 9 })).toEqual(
      ['6', '7', '8', '9', '10', '11', '12', '13', '14'].map((n) => `D${n}`),
    );
    // The widest Studio block holds nine.
    expect(bestAvailable(studio, none, { category: 'standard', count: 10 })).toBeUndefined();
  });

  it('moves to the next-nearest row when the sweet-spot row is full', () => {
    const rowF = seatsWhere(grand, (id) => id.startsWith('F'));
    // E (rank 4) is 0.67 from the sweet spot, G (rank 6) 1.33.
    expect(bestAvailable(grand, rowF, { category: 'standard', count: 2 })).toEqual(['E11', 'E12']);
  });

  it('passes over groups that would strand a seat', () => {
    // With F10 and F14 taken, F11–F12 strands F13 and F12–F13 strands F11; F8–F9 (centre 9, three
    // from the middle) is the best group left in F that strands nobody.
    const taken = new Set(['F10', 'F14']);
    expect(bestAvailable(grand, taken, { category: 'standard', count: 2 })).toEqual(['F8', 'F9']);
    // A three-seat block is small enough to take a pair (its third seat sells on its own).
    expect(bestAvailable(studio, none, { category: 'recliner', count: 2 })).toEqual(['J2', 'J3']);
    expect(bestAvailable(studio, none, { category: 'recliner', count: 3 })).toEqual(['J1', 'J2', 'J3']);
  });

  it('does not offer excluded seats but still counts them as empty', () => {
    // With F11 out, F12–F13 (centre 13) is one from the middle and F9–F10 (centre 10) two; F12–F13
    // leaves F11 beside a free F10, so it strands nobody.
    const exclude = new Set(['F11']);
    expect(bestAvailable(grand, none, { category: 'standard', count: 2, exclude })).toEqual(['F12', 'F13']);
    // Were F10 taken, F11 would be stranded by F12–F13, so the choice moves one seat further right.
    const taken = new Set(['F10']);
    expect(bestAvailable(grand, taken, { category: 'standard', count: 2, exclude })).toEqual(['F13', 'F14']);
  });

  it('never offers wheelchair spaces or companion seats', () => {
    const accessible = seatsWhere(grand, (id) => indexLayout(grand).get(id)?.seat.access !== undefined);
    expect([...accessible].sort()).toEqual(['H1', 'H2', 'H21', 'H22']);
    const standard = (id: string) => indexLayout(grand).get(id)?.seat.category === 'standard';
    const allButAccess = seatsWhere(grand, (id) => standard(id) && !accessible.has(id));
    expect(bestAvailable(grand, allButAccess, { category: 'standard', count: 1 })).toBeUndefined();
    const allButH1toH3 = seatsWhere(grand, (id) => standard(id) && !['H1', 'H2', 'H3'].includes(id));
    expect(bestAvailable(grand, allButH1toH3, { category: 'standard', count: 1 })).toEqual(['H3']);
    expect(bestAvailable(grand, allButH1toH3, { category: 'standard', count: 2 })).toBeUndefined();
    const studioA = seatsWhere(studio, (id) => indexLayout(studio).get(id)?.seat.category === 'standard');
    for (const id of ['A1', 'A2', 'A3', 'A4']) studioA.delete(id);
    expect(bestAvailable(studio, studioA, { category: 'standard', count: 2 })).toEqual(['A3', 'A4']);
  });

  it('returns undefined when the category is full, unknown or the count is out of range', () => {
    const recliners = seatsWhere(grand, (id) => id.startsWith('M'));
    expect(bestAvailable(grand, recliners, { category: 'recliner', count: 1 })).toBeUndefined();
    expect(bestAvailable(grand, none, { category: 'balcony', count: 1 })).toBeUndefined();
    for (const count of [0, -1, 1.5, MAX_BEST_AVAILABLE + 1]) {
      expect(bestAvailable(grand, none, { category: 'standard', count })).toBeUndefined();
    }
    expect(bestAvailable(grand, none, { category: 'standard', count: MAX_BEST_AVAILABLE })).toHaveLength(
      MAX_BEST_AVAILABLE,
    );
  });

  /**
   * The rule restated the slow, obvious way: every window of every block, checked with isolatedSeats,
   * scored in seat widths measured from the layout's items, first best kept.
   */
  function slowBestAvailable(
    layout: ScreenLayout,
    taken: ReadonlySet<string>,
    category: string,
    count: number,
    exclude: ReadonlySet<string>,
  ): string[] | undefined {
    const rows = layout.rows.filter((row) =>
      row.items.some((item) => item.type === 'seat' && item.category === category),
    );
    const sweetSpot = ((rows.length - 1) * 2) / 3;
    let best: { seats: string[]; row: number; centre: number } | undefined;
    rows.forEach((row, rank) => {
      const blocks: { id: string; centre: number; offerable: boolean }[][] = [[]];
      let x = 0;
      for (const item of row.items) {
        if (item.type === 'gap') {
          blocks.push([]);
          x += item.width;
          continue;
        }
        const id = seatId(row.label, item.number);
        blocks.at(-1)?.push({
          id,
          centre: x + 0.5,
          offerable: item.category === category && !item.access && !taken.has(id) && !exclude.has(id),
        });
        x += 1;
      }
      for (const block of blocks) {
        for (let start = 0; start + count <= block.length; start++) {
          const group = block.slice(start, start + count);
          const ids = group.map((s) => s.id);
          if (!group.every((s) => s.offerable) || isolatedSeats(layout, taken, ids).length > 0) continue;
          const rowDistance = Math.abs(rank - sweetSpot);
          const centre = Math.abs(group.reduce((sum, s) => sum + s.centre, 0) / count - x / 2);
          const better =
            !best ||
            rowDistance < best.row - 1e-9 ||
            (Math.abs(rowDistance - best.row) <= 1e-9 && centre < best.centre - 1e-9);
          if (better) best = { seats: ids, row: rowDistance, centre };
        }
      }
    });
    return best?.seats;
  }

  it.each([
    ['Grand Hall', grand, 1],
    ['Studio', studio, 2],
  ])(
    'in a randomly filled %s, returns free adjacent seats of the category that strand nobody',
    (_, layout, seed) => {
      const random = mulberry32(seed);
      const index = indexLayout(layout);
      const ids = [...index.keys()];
      const categories = ['standard', 'premium', 'recliner'];
      let found = 0;
      for (let round = 0; round < 400; round++) {
        const fill = random();
        const taken = new Set(ids.filter(() => random() < fill));
        const exclude = new Set(ids.filter(() => random() < 0.05));
        const category = categories[Math.floor(random() * categories.length)] as string;
        const count = 1 + Math.floor(random() * 4);
        const group = bestAvailable(layout, taken, { category, count, exclude });
        expect(group).toEqual(slowBestAvailable(layout, taken, category, count, exclude));
        if (!group) continue;
        found++;
        const places = group.map((id) => index.get(id));
        expect(group).toHaveLength(count);
        for (const [i, place] of places.entries()) {
          expect(place?.seat.category).toBe(category);
          expect(place?.seat.access).toBeUndefined();
          expect(taken.has(group[i] as string) || exclude.has(group[i] as string)).toBe(false);
          expect(place?.rowIndex).toBe(places[0]?.rowIndex);
          expect(place?.block).toBe(places[0]?.block);
          expect(place?.position).toBe((places[0]?.position ?? 0) + i);
        }
        expect(isolatedSeats(layout, taken, group)).toEqual([]);
      }
      // The fill ranges from empty to full, so both outcomes must have been exercised.
      expect(found).toBeGreaterThan(100);
      expect(found).toBeLessThan(400);
    },
  );
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
