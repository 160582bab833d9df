import type { LayoutSeat, ScreenLayout } from '../catalog/model';

/** A seat's id: its row label and number, e.g. "C7". */
export function seatId(row: string, number: number): string {
  return `${row}${number}`;
}

export type SeatPlace = { rowIndex: number; row: string; block: number; position: number; seat: LayoutSeat };

type Index = { seats: Map<string, SeatPlace>; blocks: string[][][]; centres: Map<string, number> };

const indexes = new WeakMap<ScreenLayout, Index>();

/**
 * Where every seat sits: its row, its block (a run of seats between row ends and aisles) and its place in
 * the block, plus each seat's horizontal offset from the row's centre (gaps count by their width).
 * Cached per layout object: it is asked for on every request.
 */
function build(layout: ScreenLayout): Index {
  let index = indexes.get(layout);
  if (index) return index;
  const seats = new Map<string, SeatPlace>();
  const centres = new Map<string, number>();
  const blocks = layout.rows.map((row, rowIndex) => {
    const rowBlocks: string[][] = [[]];
    const width = row.items.reduce((sum, item) => sum + (item.type === 'gap' ? item.width : 1), 0);
    let x = 0;
    for (const item of row.items) {
      if (item.type === 'gap') {
        if ((rowBlocks.at(-1) ?? []).length > 0) rowBlocks.push([]);
        x += item.width;
        continue;
      }
      const id = seatId(row.label, item.number);
      const block = rowBlocks.at(-1) as string[];
      seats.set(id, {
        rowIndex,
        row: row.label,
        block: rowBlocks.length - 1,
        position: block.length,
        seat: item,
      });
      centres.set(id, x + 0.5 - width / 2);
      block.push(id);
      x += 1;
    }
    return rowBlocks.filter((block) => block.length > 0);
  });
  index = { seats, blocks, centres };
  indexes.set(layout, index);
  return index;
}

export function indexLayout(layout: ScreenLayout): Map<string, SeatPlace> {
  return build(layout).seats;
}

/** Empty seats with no empty neighbour in their block: neighbours are taken, a row end or an aisle. */
function strandedIn(block: string[], occupied: (id: string) => boolean): string[] {
  return block.filter((id, i) => {
    if (occupied(id)) return false;
    const left = i === 0 || occupied(block[i - 1] as string);
    const right = i === block.length - 1 || occupied(block[i + 1] as string);
    return left && right;
  });
}

/**
 * The empty seats that taking `selected` (besides `taken`) would leave stranded as single empty seats.
 * A seat already stranded before, or a block one seat wide, is not counted against the selection.
 */
export function isolatedSeats(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  selected: readonly string[],
): string[] {
  const { seats, blocks } = build(layout);
  const chosen = new Set(selected);
  const touched = new Set<string>();
  for (const id of selected) {
    const place = seats.get(id);
    if (place) touched.add(`${place.rowIndex}:${place.block}`);
  }
  const result: string[] = [];
  for (const key of touched) {
    const [rowIndex, blockIndex] = key.split(':').map(Number);
    const block = blocks[rowIndex ?? 0]?.[blockIndex ?? 0] ?? [];
    const before = new Set(strandedIn(block, (id) => taken.has(id)));
    for (const id of strandedIn(block, (id) => taken.has(id) || chosen.has(id))) {
      if (!before.has(id)) result.push(id);
    }
  }
  const order = (id: string) => {
    const place = seats.get(id);
    return (place?.rowIndex ?? 0) * 1000 + (place?.seat.number ?? 0);
  };
  return result.sort((a, b) => order(a) - order(b));
}

/**
 * `count` adjacent free seats of a category nearest the best view: rows are ranked by their distance
 * from the row two-thirds of the way back among the rows with that category (the usual sweet spot for
 * sightlines and sound), then groups by how far their middle is from the row's centre. Wheelchair
 * spaces and companion seats are left for people who choose them. Ties go to the front row, then left.
 */
export function bestAvailable(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  options: { category: string; count: number; exclude?: ReadonlySet<string> },
): string[] | undefined {
  const { blocks, seats, centres } = build(layout);
  const rows = layout.rows
    .map((_, rowIndex) => rowIndex)
    .filter((rowIndex) =>
      (blocks[rowIndex] ?? []).some((b) => b.some((id) => seats.get(id)?.seat.category === options.category)),
    );
  if (rows.length === 0 || options.count < 1) return undefined;
  const sweet = (rows.length - 1) * (2 / 3);
  let best: { seats: string[]; score: number } | undefined;
  rows.forEach((rowIndex, rank) => {
    for (const block of blocks[rowIndex] ?? []) {
      for (let start = 0; start + options.count <= block.length; start++) {
        const group = block.slice(start, start + options.count);
        const usable = group.every((id) => {
          const seat = seats.get(id)?.seat;
          return (
            seat?.category === options.category && !seat.access && !taken.has(id) && !options.exclude?.has(id)
          );
        });
        if (!usable || isolatedSeats(layout, taken, group).length > 0) continue;
        const middle = group.reduce((sum, id) => sum + (centres.get(id) ?? 0), 0) / group.length;
        const score = Math.abs(rank - sweet) * 100 + Math.abs(middle);
        if (!best || score < best.score - 1e-9) best = { seats: group, score };
      }
    }
  });
  return best?.seats;
}

export type SelectionVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'empty' | 'too_many' | 'unknown_seat' | 'duplicate' | 'taken' | 'isolated';
      seats: string[];
    };

/** Checks a selection against the layout and the seats taken now, in the order a customer would fix them. */
export function validateSelection(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  selected: readonly string[],
  options: { maxSeats: number; isolationRule: boolean },
): SelectionVerdict {
  if (selected.length === 0) return { ok: false, reason: 'empty', seats: [] };
  if (selected.length > options.maxSeats) return { ok: false, reason: 'too_many', seats: [] };
  const { seats } = build(layout);
  const unknown = selected.filter((id) => !seats.has(id));
  if (unknown.length > 0) return { ok: false, reason: 'unknown_seat', seats: unknown };
  const duplicates = selected.filter((id, i) => selected.indexOf(id) !== i);
  if (duplicates.length > 0) return { ok: false, reason: 'duplicate', seats: [...new Set(duplicates)] };
  const gone = selected.filter((id) => taken.has(id));
  if (gone.length > 0) return { ok: false, reason: 'taken', seats: gone };
  if (options.isolationRule) {
    const stranded = isolatedSeats(layout, taken, selected);
    if (stranded.length > 0) return { ok: false, reason: 'isolated', seats: stranded };
  }
  return { ok: true };
}
