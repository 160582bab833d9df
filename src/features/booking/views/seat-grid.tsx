import type { LayoutSeat, Screen, ScreenLayout } from '../../catalog/model';
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

/**
 * How one seat shows in a grid: the words that end its accessible name ("available", "sold"), whether
 * it can be chosen, whether it is, and `blocked` for the mark a held-back seat carries on the back office's map.
 */
export type SeatView = { state: string; disabled: boolean; checked: boolean; blocked?: boolean };

function SeatBox({ id, seat, name, view }: { id: string; seat: LayoutSeat; name: string; view: SeatView }) {
  return (
    <label class={seat.access ? seatClass[seat.access] : 'seat'} data-blocked={view.blocked ? '' : undefined}>
      <input
        type="checkbox"
        name="seat"
        value={id}
        aria-label={`${name}${view.state}`}
        checked={view.checked}
        disabled={view.disabled}
      />
      {seat.number}
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

/** A seat map's key: each mark drawn as on the map, with its words. */
export function SeatKeyList({ entries }: { entries: [KeyMark, string][] }) {
  return (
    <ul aria-label="Key to the seat map" class="flex flex-wrap gap-x-5 gap-y-2 list-none p-0 my-3">
      {entries.map(([mark, words]) => (
        <li class="flex items-center gap-2">
          <span class={keyClass[mark]} data-blocked={mark === 'blocked' ? '' : undefined} aria-hidden="true">
            1
          </span>
          {words}
        </li>
      ))}
    </ul>
  );
}

/** The moviegoer's key: the accessible seats' marks only when the screen has such seats. */
export function SeatKey({ layout }: { layout: ScreenLayout }) {
  const has = (access: LayoutSeat['access']) =>
    layout.rows.some((row) => row.items.some((item) => item.type === 'seat' && item.access === access));
  const entries: [KeyMark, string][] = [
    ['free', 'Available'],
    ['chosen', 'Your choice (✓)'],
    ['taken', 'Taken or unavailable (✕)'],
  ];
  if (has('wheelchair')) entries.push(['wheelchair', 'Wheelchair space (round, double outline)']);
  if (has('companion')) entries.push(['companion', 'Companion seat (dashed outline)']);
  return <SeatKeyList entries={entries} />;
}

/**
 * The screen's layout as rows of checkboxes named `seat`, one fieldset per row so screen readers can move
 * by row; `view` says how each seat shows. With `prices`, each category's price follows its name.
 */
export function SeatRows({
  screen,
  view,
  prices,
}: {
  screen: Screen;
  view: (id: string) => SeatView;
  prices?: Map<string, string> | undefined;
}) {
  const categories = new Map(screen.categories.map((c) => [c.id, c.name]));
  let lastCategory: string | undefined;
  return (
    <section aria-label="Seat map" tabindex={0} class="relative overflow-x-auto py-2">
      <div class="w-max mx-auto">
        <p class="mx-auto mt-0 mb-3 w-2/3 border-t-4 border-slate-500 pt-1 text-center text-sm text-slate-700">
          Screen this way
        </p>
        {screen.layout.rows.map((row) => {
          const first = row.items.find((item) => item.type === 'seat');
          const category = first?.type === 'seat' ? first.category : undefined;
          const heading =
            category && category !== lastCategory ? (
              <p class="mt-3 mb-1 pl-7 text-sm font-semibold">
                {categories.get(category) ?? category}
                {prices ? ` · ${prices.get(category)}` : ''}
              </p>
            ) : null;
          lastCategory = category;
          return (
            <>
              {heading}
              <fieldset class="seat-row">
                <legend class="sr-only">Row {row.label}</legend>
                <b aria-hidden="true">{row.label}</b>
                {row.items.map((item) => {
                  if (item.type === 'gap') return Array.from({ length: item.width }, () => <i />);
                  const id = seatId(row.label, item.number);
                  const price = prices ? `${prices.get(item.category) ?? ''}, ` : '';
                  const name = `Row ${row.label}, seat ${item.number}, ${categories.get(item.category) ?? item.category}, ${price}${item.access ? accessText[item.access] : ''}`;
                  return <SeatBox id={id} seat={item} name={name} view={view(id)} />;
                })}
                <b aria-hidden="true">{row.label}</b>
              </fieldset>
            </>
          );
        })}
      </div>
    </section>
  );
}

/** The moviegoer's seat map: taken and unavailable seats disabled, the selection checked. */
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
    return { state: stateText[status], disabled: closed, checked: !closed && selected.has(id) };
  };
  return <SeatRows screen={screen} view={view} prices={prices} />;
}
