import type { LayoutSeat, ScreenLayout } from '../catalog/model';
import { seatId } from '../catalog/seats';

/**
 * Where a seat sits. A block is a run of seats between row ends and gaps (aisles); `position` counts
 * from the block's left end and `column` from the row's left edge in seat widths, gaps included.
 */
export type SeatPlace = {
  rowIndex: number;
  row: string;
  block: number;
  position: number;
  column: number;
  seat: LayoutSeat;
};

type LayoutIndex = {
  seats: Map<string, SeatPlace>;
  /** Per row, per block, the seat ids left to right. */
  blocks: string[][][];
  /** Per row, its full width in seat widths, gaps included. */
  widths: number[];
  /** Per category, the indexes of the rows holding any seat of it, front to back. */
  categoryRows: Map<string, number[]>;
};

/** The largest party best available seats together; larger groups are chosen seat by seat. */
export const MAX_BEST_AVAILABLE = 10;

// Layouts are shared catalogue objects that live as long as the catalogue cache holds them; the WeakMap
// lets an index go with its layout.
const indexes = new WeakMap<ScreenLayout, LayoutIndex>();

function build(layout: ScreenLayout): LayoutIndex {
  const cached = indexes.get(layout);
  if (cached) return cached;
  const seats = new Map<string, SeatPlace>();
  const categoryRows = new Map<string, number[]>();
  const widths: number[] = [];
  const blocks = layout.rows.map((row, rowIndex) => {
    const rowBlocks: string[][] = [];
    let current: string[] | undefined;
    let column = 0;
    for (const item of row.items) {
      if (item.type === 'gap') {
        current = undefined;
        column += item.width;
        continue;
      }
      if (!current) {
        current = [];
        rowBlocks.push(current);
      }
      const id = seatId(row.label, item.number);
      seats.set(id, {
        rowIndex,
        row: row.label,
        block: rowBlocks.length - 1,
        position: current.length,
        column,
        seat: item,
      });
      current.push(id);
      const rows = categoryRows.get(item.category) ?? [];
      if (rows.at(-1) !== rowIndex) rows.push(rowIndex);
      categoryRows.set(item.category, rows);
      column += 1;
    }
    widths.push(column);
    return rowBlocks;
  });
  const index = { seats, blocks, widths, categoryRows };
  indexes.set(layout, index);
  return index;
}

/** Every seat of a layout by id, with its row, block and place in the block. */
export function indexLayout(layout: ScreenLayout): ReadonlyMap<string, SeatPlace> {
  return build(layout).seats;
}

/** Per row, per block, the seat ids from left to right. */
export function layoutBlocks(layout: ScreenLayout): readonly (readonly (readonly string[])[])[] {
  return build(layout).blocks;
}

/**
 * Blocks this small are exempt from the single-seat rule: a couple in a block of three, or one person in a
 * block of two, would otherwise never be sold one, and such a seat still sells to someone on their own.
 */
export const SMALL_BLOCK = 3;

/** Whether the empty seat at `i` has no empty neighbour left in its block. */
function isStranded(block: readonly string[], i: number, occupied: (id: string) => boolean): boolean {
  const id = block[i];
  if (id === undefined || occupied(id)) return false;
  const left = block[i - 1];
  const right = block[i + 1];
  return (left === undefined || occupied(left)) && (right === undefined || occupied(right));
}

/**
 * The empty seats that taking `selected` besides `taken` would leave as single empty seats. A seat that
 * was stranded already is not the selection's doing, so not counted; nor are small blocks (SMALL_BLOCK).
 */
export function isolatedSeats(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  selected: readonly string[],
): string[] {
  const { seats, blocks } = build(layout);
  const chosen = new Set(selected);
  const before = (id: string) => taken.has(id);
  const after = (id: string) => taken.has(id) || chosen.has(id);
  // Only a neighbour of a selected seat changes its surroundings, so only those can become stranded.
  const stranded = new Set<string>();
  for (const id of chosen) {
    const place = seats.get(id);
    const block = place && blocks[place.rowIndex]?.[place.block];
    if (!place || !block || block.length <= SMALL_BLOCK) continue;
    for (const i of [place.position - 1, place.position + 1]) {
      const neighbour = block[i];
      if (neighbour && isStranded(block, i, after) && !isStranded(block, i, before)) stranded.add(neighbour);
    }
  }
  const order = (id: string) => seats.get(id) as SeatPlace;
  return [...stranded].sort(
    (a, b) => order(a).rowIndex - order(b).rowIndex || order(a).seat.number - order(b).seat.number,
  );
}

/**
 * The seats whose state decides whether `selected` may be held: the selected seats themselves and, for
 * the single-seat rule, the two seats either side of each within its block. Unknown ids are skipped.
 */
export function seatsDeciding(layout: ScreenLayout, selected: readonly string[]): string[] {
  const { seats, blocks } = build(layout);
  const deciding = new Set<string>();
  for (const id of selected) {
    const place = seats.get(id);
    const block = place && blocks[place.rowIndex]?.[place.block];
    if (!place || !block) continue;
    for (let i = place.position - 2; i <= place.position + 2; i++) {
      const seat = block[i];
      if (seat) deciding.add(seat);
    }
  }
  return [...deciding];
}

/**
 * `count` adjacent free seats of one category in one block, leaving nobody stranded, nearest the best
 * view. Rows come first: the sweet spot is two-thirds of the way back through the rows that hold the
 * category (where sightlines and sound are usually best), and a row ranks by its distance from it in
 * rows. Within the row, a group ranks by how far its middle is from the middle of the row's full width,
 * gaps counted by their width, so an off-centre aisle pulls the choice with it. Ties go to the row
 * nearer the screen, then to the left. Wheelchair spaces and companion seats are never offered: they are
 * chosen by the people who need them. Seats in `exclude` are not offered but still count as empty.
 */
export function bestAvailable(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  options: { category: string; count: number; exclude?: ReadonlySet<string> },
): string[] | undefined {
  const { count, category, exclude } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_BEST_AVAILABLE) return undefined;
  const { seats, blocks, widths, categoryRows } = build(layout);
  const rows = categoryRows.get(category) ?? [];
  // A group's outer neighbours were beside a free seat before, so they are the only seats it can strand:
  // one does when it is free and the seat beyond it is taken or a block end.
  const strandedBeside = (block: readonly string[], i: number, outward: -1 | 1) => {
    if (block.length <= SMALL_BLOCK) return false;
    const id = block[i];
    if (id === undefined || taken.has(id)) return false;
    const beyond = block[i + outward];
    return beyond === undefined || taken.has(beyond);
  };
  const offerable = (id: string) => {
    const seat = seats.get(id)?.seat;
    return seat?.category === category && !seat.access && !taken.has(id) && !exclude?.has(id);
  };
  // Scores are kept as integers so that ties are exact: the row distance is tripled (the sweet spot
  // sits on thirds) and the centre distance doubled (a group's middle sits on half seats).
  const sweetSpot = 2 * (rows.length - 1);
  let best: { block: readonly string[]; start: number; rowScore: number; seatScore: number } | undefined;
  for (const [rank, rowIndex] of rows.entries()) {
    const rowScore = Math.abs(3 * rank - sweetSpot);
    if (best && rowScore > best.rowScore) continue;
    const width = widths[rowIndex] ?? 0;
    for (const block of blocks[rowIndex] ?? []) {
      let run = 0;
      for (let end = 0; end < block.length; end++) {
        run = offerable(block[end] as string) ? run + 1 : 0;
        if (run < count) continue;
        const start = end - count + 1;
        if (strandedBeside(block, start - 1, -1) || strandedBeside(block, end + 1, 1)) continue;
        const first = seats.get(block[start] as string)?.column ?? 0;
        const seatScore = Math.abs(2 * first + count - width);
        if (!best || rowScore < best.rowScore || (rowScore === best.rowScore && seatScore < best.seatScore)) {
          best = { block, start, rowScore, seatScore };
        }
      }
    }
  }
  return best ? best.block.slice(best.start, best.start + count) : undefined;
}

export type SelectionVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'empty' | 'too_many' | 'unknown_seat' | 'duplicate' | 'taken' | 'isolated';
      seats: string[];
    };

/**
 * Checks a selection against the layout and the seats taken now. The cheap, structural faults come
 * first so that the isolation rule only ever reasons about a well-formed selection.
 */
export function validateSelection(
  layout: ScreenLayout,
  taken: ReadonlySet<string>,
  selected: readonly string[],
  options: { maxSeats: number; isolationRule: boolean },
): SelectionVerdict {
  if (selected.length === 0) return { ok: false, reason: 'empty', seats: [] };
  if (selected.length > options.maxSeats) return { ok: false, reason: 'too_many', seats: [] };
  const { seats } = build(layout);
  const unknown = [...new Set(selected.filter((id) => !seats.has(id)))];
  if (unknown.length > 0) return { ok: false, reason: 'unknown_seat', seats: unknown };
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of selected) {
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  if (duplicates.size > 0) return { ok: false, reason: 'duplicate', seats: [...duplicates] };
  const gone = selected.filter((id) => taken.has(id));
  if (gone.length > 0) return { ok: false, reason: 'taken', seats: gone };
  if (options.isolationRule) {
    const stranded = isolatedSeats(layout, taken, selected);
    if (stranded.length > 0) return { ok: false, reason: 'isolated', seats: stranded };
  }
  return { ok: true };
}
