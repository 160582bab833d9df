import type { UserConfig } from '@unocss/core';
import presetWind3, { type Theme } from '@unocss/preset-wind3';
import { paletteCss, themeColors } from './src/web/palette';

// One class per seat keeps the 254-seat map small; states (chosen, taken, focus) are in src/styles.css.
// Every seat, aisle and row label is one unit `--u` wide: 28 px, or a share of the width in the whole-hall view.
const seatBase =
  'relative inline-flex items-center justify-center w-[var(--u)] h-[var(--u)] shrink-0 bg-white text-xs text-slate-900 select-none';
/** In the whole-hall view (docs/decisions/022): the seat map's wrapper is the page's `:target`. */
const hall = '[.seat-hall:target_&]';

/** Utilities are compiled at build time from the classes used in src/**\/*.tsx (scripts/build-assets.ts). */
const config: UserConfig<Theme> = {
  // `on-demand`: the `--un-*` defaults only for the utilities used, not ~40 custom properties set on every
  // element and pseudo-element, which every element's style then carries.
  presets: [presetWind3({ preflight: 'on-demand' })],
  // Colours are custom properties, light and dark (src/web/palette.ts, docs/design.md).
  theme: { colors: themeColors() },
  preflights: [{ getCSS: () => paletteCss() }],
  // The number of units in a seat map's widest row, which sizes the whole-hall view to its box.
  rules: [[/^seat-cols-(\d+)$/, ([, n]) => ({ '--cols': n })]],
  safelist: Array.from({ length: 60 }, (_, i) => `seat-cols-${i + 4}`),
  shortcuts: {
    wrap: 'mx-auto w-full max-w-5xl px-4 box-border',
    btn: 'inline-flex items-center justify-center rounded-md bg-indigo-800 px-4 py-2 font-semibold text-white hover:bg-indigo-900 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-700',
    /** For what cannot be undone (cancelling a showtime): red, so it is not taken for the page's main action. */
    'btn-danger':
      'inline-flex items-center justify-center rounded-md bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-700',
    'btn-quiet':
      'inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-3 py-1.5 text-slate-900 hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-700',
    field: 'block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900',
    label: 'block font-semibold mb-1',
    'field-error': 'mt-1 text-sm font-semibold text-red-800',
    card: 'rounded-lg border border-slate-300 bg-white p-4',
    link: 'text-indigo-800 underline underline-offset-2 hover:text-indigo-950',
    chip: 'inline-block rounded-full border border-slate-400 px-2 py-0.5 text-sm text-slate-800',
    /** The seat map and its view links; `seat-cols-N` says how many units its widest row has. */
    'seat-hall': 'block [container-type:inline-size] scroll-mt-2',
    /** Scrolls sideways when the hall is wider than the screen; focus and fragments stop clear of the row labels. */
    'seat-scroller': `relative overflow-x-auto py-1 [--u:1.75rem] [scroll-padding-inline:calc(var(--u)+0.5rem)] ${hall}:[--u:calc(100cqi/var(--cols)_-_2px)] ${hall}:overflow-hidden`,
    'seat-row': `flex items-center justify-center gap-0.5 m-0 mb-1 p-0 border-0 min-w-0 ${hall}:mb-0.5`,
    'seat-gap': 'w-[var(--u)] shrink-0',
    /** Row letters at both ends stay on screen while the row scrolls under them. */
    'seat-label': `sticky z-1 flex items-center justify-center self-stretch w-[var(--u)] shrink-0 bg-slate-50 font-bold ${hall}:text-[length:0.5rem]`,
    seat: `${seatBase} border-2 border-solid border-slate-600 rounded-t-lg rounded-b ${hall}:text-[length:0] ${hall}:border-1`,
    /** A wheelchair space: round, with a double outline. */
    'seat-wc': `${seatBase} border-4 border-double border-slate-700 rounded-full ${hall}:text-[length:0] ${hall}:border-2`,
    /** A companion seat: the seat shape with a dashed outline. */
    'seat-cp': `${seatBase} border-2 border-dashed border-slate-700 rounded-t-lg rounded-b ${hall}:text-[length:0] ${hall}:border-1`,
    /** The second and third seat categories: a thick base, a thick back, and a tint, so no category is told by colour alone. */
    'seat-c2': `border-b-6 bg-sky-50 ${hall}:border-b-3`,
    'seat-c3': `border-t-6 rounded-t-sm bg-amber-50 ${hall}:border-t-3`,
    'zoomed-only': `${hall}:hidden`,
    'hall-only': `hidden ${hall}:inline`,
    'hall-full': `${hall}:w-full`,
    /** Shown only in the whole-hall view: a part of the hall to tap and zoom into. */
    'seat-zoom': `absolute inset-0 hidden justify-center gap-0.5 ${hall}:flex`,
    'seat-zoom-part':
      'flex gap-0.5 rounded border-2 border-dashed border-indigo-800 bg-indigo-50/40 hover:bg-indigo-100/60 focus-visible:outline focus-visible:outline-3 focus-visible:outline-amber-700',
    time: 'inline-flex min-w-20 items-center justify-center rounded-md border-2 border-indigo-800 px-3 py-1.5 font-semibold text-indigo-900 no-underline hover:bg-indigo-50',
    /** A listed showtime that no longer sells online: the same box, dashed and grey, not a link. */
    'time-closed': 'border-dashed border-slate-500 text-slate-700 hover:bg-transparent',
  },
};

export default config;
