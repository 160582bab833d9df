import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { LayoutRow, LayoutSeat, Screen, ScreenLayout } from '../../catalog/model';
import { seatId } from '../../catalog/seats';
import type { SeatStatus } from '../service';

const stateText: Record<SeatStatus, string> = {
  free: 'available',
  taken: 'taken',
  mine: 'yours, held',
  unavailable: 'unavailable',
};
const accessText = { wheelchair: 'wheelchair space, ', companion: 'companion seat, ' } as const;
const seatClass = { wheelchair: 'seat-wc', companion: 'seat-cp' } as const;
/** Categories after the first get a thick base or back besides a tint; accessible seats keep their own shape. */
const categoryShape = ['', 'seat-c2', 'seat-c3'] as const;
const categoryTint = ['', 'bg-sky-50', 'bg-amber-50'] as const;

/**
 * How one seat shows in a grid: the words that end its accessible name ("available", "sold"), whether
 * it can be chosen, whether it is, and `blocked` for the mark a held-back seat carries on the back office's map.
 */
export type SeatView = { state: string; disabled: boolean; checked: boolean; blocked?: boolean };

/** A seat as the hall places it: its id, its item in the layout, its accessible name up to its state, its look. */
type PlacedSeat = { id: string; seat: LayoutSeat; name: string; style: number };

function SeatBox({ id, seat, name, view, style }: PlacedSeat & { view: SeatView }) {
  const look = seat.access
    ? `${seatClass[seat.access]} ${categoryTint[style]}`
    : `seat ${categoryShape[style]}`;
  return (
    <label class={look} data-blocked={view.blocked ? '' : undefined}>
      <input
        type="checkbox"
        name="seat"
        value={id}
        aria-label={`${name}${view.state}`}
        checked={view.checked}
        disabled={view.disabled}
      />
      {/* The accessible name already says the number. */}
      <span aria-hidden="true">{seat.number}</span>
    </label>
  );
}

/** The marks a seat map's key explains. */
export type KeyMark = 'free' | 'chosen' | 'taken' | 'blocked' | 'wheelchair' | 'companion';

const keyClass: Record<KeyMark, string> = {
  free: 'seat',
  chosen: 'seat on',
  taken: 'seat off',
  blocked: 'seat',
  wheelchair: 'seat-wc',
  companion: 'seat-cp',
};

/** A seat map's key: each mark drawn as on the map, with its words; two columns on a phone. */
export function SeatKeyList({ entries }: { entries: [KeyMark, string][] }) {
  return (
    <ul
      aria-label="Key to the seat map"
      class="grid grid-cols-2 sm:flex sm:flex-wrap gap-x-4 gap-y-1 list-none p-0 my-2 text-sm"
    >
      {entries.map(([mark, words]) => (
        <li class="flex items-center gap-2 [--u:1.75rem]">
          <span class={keyClass[mark]} data-blocked={mark === 'blocked' ? '' : undefined} aria-hidden="true">
            1
          </span>
          {words}
        </li>
      ))}
    </ul>
  );
}

/**
 * The moviegoer's key: the states, and accessible seats where there are any. Each category's look is
 * drawn beside its heading in the map.
 */
export function SeatKey({ layout }: { layout: ScreenLayout }) {
  const has = (access: LayoutSeat['access']) =>
    layout.rows.some((row) => row.items.some((item) => item.type === 'seat' && item.access === access));
  const entries: [KeyMark, string][] = [
    ['chosen', 'Your choice (✓)'],
    ['taken', 'Taken (✕)'],
  ];
  if (has('wheelchair')) entries.push(['wheelchair', 'Wheelchair space']);
  if (has('companion')) entries.push(['companion', 'Companion seat']);
  return <SeatKeyList entries={entries} />;
}

/** How many units (seats, aisle widths, and the row letters at both ends) a row is wide. */
const unitsOf = (row: LayoutRow) =>
  2 + row.items.reduce((n, item) => n + (item.type === 'gap' ? item.width : 1), 0);

/** The widest row cut at its aisles: the parts of the hall a visitor can zoom into. */
function partsOf(layout: ScreenLayout) {
  const widest = layout.rows.reduce<LayoutRow | undefined>(
    (best, row) => (best && unitsOf(best) >= unitsOf(row) ? best : row),
    undefined,
  );
  const parts: ({ gap: number } | { first: number; last: number; count: number })[] = [];
  for (const item of widest?.items ?? []) {
    const last = parts.at(-1);
    if (item.type === 'gap') parts.push({ gap: item.width });
    else if (last && 'first' in last) Object.assign(last, { last: item.number, count: last.count + 1 });
    else parts.push({ first: item.number, last: item.number, count: 1 });
  }
  return { units: widest ? unitsOf(widest) : 2, parts };
}

const units = (count: number) => Array.from({ length: count }, () => <span class="seat-gap" />);

/** Up to which screen width the hall is wider than its box (28 px seats, 2 px apart, 32 px of page margin). */
function narrowClass(cols: number): string | undefined {
  const width = cols * 30 + 32;
  if (width <= 320) return undefined;
  const fits = (
    [
      [640, 'sm:hidden'],
      [768, 'md:hidden'],
      [1024, 'lg:hidden'],
      [1280, 'xl:hidden'],
    ] as const
  ).find(([at]) => width <= at);
  return fits ? fits[1] : '';
}

/**
 * The hall around its seats: rows under a heading per category, each seat drawn by `box`. With `prices`,
 * each category's price follows its name.
 */
function Hall({
  screen,
  prices,
  box,
}: {
  screen: Screen;
  prices: Map<string, string> | undefined;
  box: (seat: PlacedSeat) => Child;
}) {
  const categories = new Map(screen.categories.map((c) => [c.id, c.name]));
  const style = new Map(screen.categories.map((c, i) => [c.id, i % categoryShape.length]));
  const { units: cols, parts } = partsOf(screen.layout);
  const narrow = narrowClass(cols);
  const seatParts = parts.filter((part) => 'first' in part);
  const middle = Math.ceil(seatParts.length / 2);
  let part = 0;
  let anchor = 0;
  // Each row's category (its first seat's), and under which a heading opens: where it differs from the row above.
  const rowCategories = screen.layout.rows.map((row) => {
    const first = row.items.find((item) => item.type === 'seat');
    return first?.type === 'seat' ? first.category : undefined;
  });
  const heads = rowCategories.map(
    (category, i) => category !== undefined && category !== rowCategories[i - 1],
  );
  const headings = heads.filter(Boolean).length;
  return (
    <div id="hall" class={`seat-hall seat-cols-${Math.min(63, Math.max(4, cols))}`}>
      {narrow === undefined ? null : (
        <p class={`my-1 text-sm ${narrow}`}>
          <span class="zoomed-only">
            Swipe sideways for more seats, or{' '}
            <a class="link" href="#hall">
              see the whole hall
            </a>
            .
          </span>
          <span class="hall-only">
            Tap a part of the hall to zoom into it, or{' '}
            <a class="link" href={`#zoom-${middle}`}>
              zoom back in
            </a>
            .
          </span>
        </p>
      )}
      <p class="sticky top-0 z-3 m-0 bg-slate-50 py-1 text-center text-sm text-slate-700">
        <span class="block mx-auto w-2/3 border-t-4 border-slate-500 pt-0.5">Screen this way</span>
      </p>
      <section
        aria-label="Seat map"
        tabindex={0}
        class="seat-scroller"
        data-seat-map
        data-rows={screen.layout.rows.length}
        data-heads={headings}
      >
        <div class="relative w-max mx-auto hall-full">
          {narrow === undefined ? null : (
            <nav aria-label="Parts of the hall" class="seat-zoom z-4">
              <span class="seat-gap" />
              {parts.map((p) =>
                'gap' in p ? (
                  units(p.gap)
                ) : (
                  <a
                    class="seat-zoom-part"
                    href={`#zoom-${++part}`}
                    aria-label={`Zoom into seats ${p.first}–${p.last}`}
                  >
                    {units(p.count)}
                  </a>
                ),
              )}
              <span class="seat-gap" />
            </nav>
          )}
          {/* Where "zoom into a part" lands: the part's width, above row A. */}
          <div aria-hidden="true" class="flex justify-center gap-0.5 h-0">
            <span class="seat-gap" />
            {parts.map((p) =>
              'gap' in p ? (
                units(p.gap)
              ) : (
                <span id={`zoom-${++anchor}`} class="flex gap-0.5 scroll-mt-20">
                  {units(p.count)}
                </span>
              ),
            )}
            <span class="seat-gap" />
          </div>
          {screen.layout.rows.map((row, i) => {
            const category = rowCategories[i];
            const heading =
              category && heads[i] ? (
                <h3 class="sticky left-0 flex items-center gap-2 w-max m-0 mt-2 mb-1 pl-[calc(var(--u)+2px)] text-sm font-semibold">
                  <span
                    class={`seat ${categoryShape[style.get(category) ?? 0]} zoomed-only`}
                    aria-hidden="true"
                  />
                  {categories.get(category) ?? category}
                  {prices ? ` · ${prices.get(category)}` : ''}
                </h3>
              ) : null;
            return (
              <>
                {heading}
                <fieldset class="seat-row">
                  <legend class="sr-only">Row {row.label}</legend>
                  <span aria-hidden="true" class="seat-label left-0">
                    {row.label}
                  </span>
                  {row.items.map((item) => {
                    if (item.type === 'gap') return units(item.width);
                    const id = seatId(row.label, item.number);
                    const price = prices ? `${prices.get(item.category) ?? ''}, ` : '';
                    const name = `Row ${row.label}, seat ${item.number}, ${categories.get(item.category) ?? item.category}, ${price}${item.access ? accessText[item.access] : ''}`;
                    return box({ id, seat: item, name, style: style.get(item.category) ?? 0 });
                  })}
                  <span aria-hidden="true" class="seat-label right-0">
                    {row.label}
                  </span>
                </fieldset>
              </>
            );
          })}
        </div>
      </section>
    </div>
  );
}

/**
 * A hall's markup cut at its seats (`gaps` has one more entry than `seats`), and each seat's box as drawn
 * so far, by how it showed: drawn once per screen and prices, so a page draws only the boxes whose state
 * is new.
 */
type HallTemplate = { gaps: string[]; seats: PlacedSeat[]; boxes: Map<string, string>[] };

/** Where a seat's box goes in a template: a comment, which no escaped text or attribute can spell. */
const SEAT_SLOT = '<!--seat-->';
/** How many ways one seat is kept drawn: a handful for a moviegoer, more where block reasons vary. */
const BOXES_PER_SEAT = 16;
const templates = new WeakMap<Screen, Map<string, HallTemplate>>();

function templateOf(screen: Screen, prices: Map<string, string> | undefined): HallTemplate {
  const key = prices ? [...prices].join('\n') : '';
  let byPrices = templates.get(screen);
  if (!byPrices) {
    byPrices = new Map();
    templates.set(screen, byPrices);
  }
  let template = byPrices.get(key);
  if (!template) {
    const seats: PlacedSeat[] = [];
    const place = (seat: PlacedSeat) => {
      seats.push(seat);
      return raw(SEAT_SLOT);
    };
    const gaps = String(<Hall screen={screen} prices={prices} box={place} />).split(SEAT_SLOT);
    template = { gaps, seats, boxes: seats.map(() => new Map()) };
    byPrices.set(key, template);
  }
  return template;
}

type SeatRowsProps = {
  screen: Screen;
  view: (id: string) => SeatView;
  prices?: Map<string, string> | undefined;
};

/**
 * The screen's layout as rows of checkboxes named `seat`, one fieldset per row so screen readers can move
 * by row, under a heading per category; `view` says how each seat shows. With `prices`, each category's
 * price follows its name. Wider than the screen, the map scrolls sideways under row letters that stay put,
 * and links switch to the whole hall and zoom into a part of it without script (docs/decisions/022).
 * The same markup as drawing every seat afresh, from a template of the hall (`templateOf`).
 */
export function SeatRows({ screen, view, prices }: SeatRowsProps) {
  const { gaps, seats, boxes } = templateOf(screen, prices);
  let html = gaps[0] ?? '';
  seats.forEach((seat, i) => {
    const shown = view(seat.id);
    const drawn = boxes[i] ?? new Map<string, string>();
    // The flags first, at fixed width: no state's words can make two views one key.
    const key = `${+shown.disabled}${+shown.checked}${+(shown.blocked ?? false)}${shown.state}`;
    let box = drawn.get(key);
    if (box === undefined) {
      box = String(<SeatBox {...seat} view={shown} />);
      if (drawn.size >= BOXES_PER_SEAT) drawn.clear();
      drawn.set(key, box);
    }
    html += box + (gaps[i + 1] ?? '');
  });
  return raw(html);
}

/** The hall drawn seat by seat, without a template: what `SeatRows` must equal (seat-grid.test.tsx). */
export function SeatRowsDrawnAfresh({ screen, view, prices }: SeatRowsProps) {
  return <Hall screen={screen} prices={prices} box={(seat) => <SeatBox {...seat} view={view(seat.id)} />} />;
}

/** The moviegoer's seat map: taken and unavailable seats disabled, the selection checked and so named. */
export function SeatGrid({
  screen,
  seats,
  selected,
  prices,
}: {
  screen: Screen;
  seats: Map<string, SeatStatus>;
  selected: Set<string>;
  prices: Map<string, string>;
}) {
  const view = (id: string): SeatView => {
    const status = seats.get(id) ?? 'free';
    const closed = status === 'taken' || status === 'unavailable';
    const checked = !closed && selected.has(id);
    return {
      state: checked && status === 'free' ? 'selected' : stateText[status],
      disabled: closed,
      checked,
    };
  };
  return <SeatRows screen={screen} view={view} prices={prices} />;
}
