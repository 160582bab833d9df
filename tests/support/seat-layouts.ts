import { buildRow, screens } from '../../src/demo/catalog';
import { indexLayout } from '../../src/features/booking/rules';
import type { ScreenLayout } from '../../src/features/catalog/model';

/*
 * Seat layouts for the seat-rule tests: the demo screens (the Grand Hall's 254 seats, the Studio's 118)
 * and a small one whose every seat the tests can name.
 */

export function demoLayout(seatCount: number): ScreenLayout {
  const screen = screens.find((s) => s.seatCount === seatCount);
  if (!screen) throw new Error(`no demo screen with ${seatCount} seats`);
  return screen.layout;
}

export const grand = demoLayout(254);
export const studio = demoLayout(118);

// A: 1 2 3 4 | 5 6 7 8 9 10 (one aisle); B: a one-seat block, a two-wide gap, then 2 3 4.
export const small: ScreenLayout = {
  rows: [
    buildRow({ label: 'A', category: 'standard', blocks: [4, { gap: 1 }, 6] }),
    buildRow({ label: 'B', category: 'premium', blocks: [1, { gap: 2 }, 3] }),
  ],
};

export const none = new Set<string>();

/** Deterministic so that a failing layout of taken seats can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function seatsWhere(layout: ScreenLayout, keep: (id: string) => boolean): Set<string> {
  return new Set([...indexLayout(layout).keys()].filter(keep));
}
