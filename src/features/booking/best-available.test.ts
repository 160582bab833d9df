import { describe, expect, it } from 'vitest';
import { grand, mulberry32, none, seatsWhere, studio } from '../../../tests/support/seat-layouts';
import { buildRow } from '../../demo/catalog';
import type { ScreenLayout } from '../catalog/model';
import { seatId } from '../catalog/seats';
import { bestAvailable, indexLayout, isolatedSeats, MAX_BEST_AVAILABLE } from './rules';

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
