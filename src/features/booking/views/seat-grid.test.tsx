import { describe, expect, it } from 'vitest';
import { screens } from '../../../demo/catalog';
import type { Screen } from '../../catalog/model';
import { SeatRows, SeatRowsDrawnAfresh, type SeatView } from './seat-grid';

const free = () => ({ state: 'available', disabled: false, checked: false });
const html = (screen: Screen) => (<SeatRows screen={screen} view={free} />).toString();

describe('the seat map box', () => {
  it('says how many rows and category headings it will hold, so a phone can keep their height', () => {
    const grand = screens.find((screen) => screen.id === 'harbour-lights-colaba-1');
    if (!grand) throw new Error('the demo has the Grand Hall');
    const page = html(grand);
    expect(page).toContain(`data-rows="${grand.layout.rows.length}"`);
    // One heading wherever a row's category differs from the row above: each category once here.
    expect(page).toContain(`data-heads="${grand.categories.length}"`);
    expect(page.match(/<h3/g)).toHaveLength(grand.categories.length);
  });

  it('counts a category that comes back after another as a heading again', () => {
    const seat = (category: string) => ({ type: 'seat' as const, number: 1, category });
    const screen: Screen = {
      id: 'odd',
      theaterId: 't',
      name: 'Odd',
      categories: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      layout: {
        rows: [
          { label: 'A', items: [seat('a')] },
          { label: 'B', items: [seat('a')] },
          { label: 'C', items: [seat('b')] },
          { label: 'D', items: [seat('a')] },
        ],
      },
    } as Screen;
    const page = html(screen);
    expect(page).toContain('data-rows="4"');
    expect(page).toContain('data-heads="3"');
    expect(page.match(/<h3/g)).toHaveLength(3);
  });

  it('draws from its template exactly what drawing every seat afresh draws, whatever each seat shows', () => {
    const views: SeatView[] = [
      { state: 'available', disabled: false, checked: false },
      { state: 'selected', disabled: false, checked: true },
      { state: 'taken', disabled: true, checked: false },
      { state: 'yours, held', disabled: false, checked: true },
      { state: 'yours, held', disabled: false, checked: false },
      { state: 'blocked: <House & "guests">', disabled: false, checked: false, blocked: true },
    ];
    const prices = new Map([
      ['standard', '₹250'],
      ['premium', '₹400 & more'],
    ]);
    for (const screen of screens) {
      for (let round = 0; round < 3; round++) {
        // Each round shows the seats differently, so boxes drawn before are reused in new places.
        const view = (id: string) =>
          views[(id.charCodeAt(0) * 7 + Number(id.slice(1)) + round) % views.length] as SeatView;
        for (const shown of [prices, undefined]) {
          const fresh = (<SeatRowsDrawnAfresh screen={screen} view={view} prices={shown} />).toString();
          expect((<SeatRows screen={screen} view={view} prices={shown} />).toString()).toBe(fresh);
          expect(fresh).toContain('aria-label="Row A, seat 1,');
        }
      }
    }
  });
});
