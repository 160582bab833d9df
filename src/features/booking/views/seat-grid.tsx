import type { LayoutSeat, Screen, ScreenLayout } from '../../catalog/model';
import { seatId } from '../../catalog/seats';
import type { SeatStatus } from '../service';

const stateText: Record<SeatStatus, string> = { free: 'available', taken: 'taken', mine: 'yours, held' };
const accessText = { wheelchair: 'wheelchair space, ', companion: 'companion seat, ' } as const;
const seatClass = { wheelchair: 'seat-wc', companion: 'seat-cp' } as const;

function SeatBox({
  id,
  seat,
  name,
  status,
  checked,
}: {
  id: string;
  seat: LayoutSeat;
  name: string;
  status: SeatStatus;
  checked: boolean;
}) {
  return (
    <label class={seat.access ? seatClass[seat.access] : 'seat'}>
      <input
        type="checkbox"
        name="seat"
        value={id}
        aria-label={`${name}${stateText[status]}`}
        checked={checked}
        disabled={status === 'taken'}
      />
      {seat.number}
    </label>
  );
}

export function SeatKey({ layout }: { layout: ScreenLayout }) {
  const has = (access: LayoutSeat['access']) =>
    layout.rows.some((row) => row.items.some((item) => item.type === 'seat' && item.access === access));
  const item = 'flex items-center gap-2';
  return (
    <ul aria-label="Key to the seat map" class="flex flex-wrap gap-x-5 gap-y-2 list-none p-0 my-3">
      <li class={item}>
        <span class="seat" aria-hidden="true">
          1
        </span>
        Available
      </li>
      <li class={item}>
        <span class="seat on" aria-hidden="true">
          1
        </span>
        Your choice (✓)
      </li>
      <li class={item}>
        <span class="seat off" aria-hidden="true">
          1
        </span>
        Taken (✕)
      </li>
      {has('wheelchair') ? (
        <li class={item}>
          <span class="seat-wc" aria-hidden="true">
            1
          </span>
          Wheelchair space (round, double outline)
        </li>
      ) : null}
      {has('companion') ? (
        <li class={item}>
          <span class="seat-cp" aria-hidden="true">
            1
          </span>
          Companion seat (dashed outline)
        </li>
      ) : null}
    </ul>
  );
}

/** The screen's layout as rows of checkboxes, one fieldset per row so screen readers can move by row. */
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
                {categories.get(category) ?? category} · {prices.get(category)}
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
                  const status = seats.get(id) ?? 'free';
                  const name = `Row ${row.label}, seat ${item.number}, ${categories.get(item.category) ?? item.category}, ${prices.get(item.category) ?? ''}, ${item.access ? accessText[item.access] : ''}`;
                  return (
                    <SeatBox
                      id={id}
                      seat={item}
                      name={name}
                      status={status}
                      checked={status !== 'taken' && selected.has(id)}
                    />
                  );
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
