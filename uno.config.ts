import type { UserConfig } from '@unocss/core';
import presetWind3, { type Theme } from '@unocss/preset-wind3';
import { paletteCss, themeColors } from './src/web/palette';

// One class per seat keeps the 254-seat map small; states (chosen, taken, focus) are in src/styles.css.
const seatBase =
  'relative inline-flex items-center justify-center w-7 h-7 shrink-0 bg-white text-xs text-slate-900 select-none';

/** Utilities are compiled at build time from the classes used in src/**\/*.tsx (scripts/build-assets.ts). */
const config: UserConfig<Theme> = {
  presets: [presetWind3({ preflight: true })],
  // Colours are custom properties, light and dark (src/web/palette.ts, docs/design.md).
  theme: { colors: themeColors() },
  preflights: [{ getCSS: () => paletteCss() }],
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
    'seat-row': 'flex items-center justify-center gap-0.5 m-0 mb-1 p-0 border-0 min-w-0',
    seat: `${seatBase} border-2 border-solid border-slate-600 rounded-t-lg rounded-b`,
    /** A wheelchair space: round, with a double outline. */
    'seat-wc': `${seatBase} border-4 border-double border-slate-700 rounded-full`,
    /** A companion seat: the seat shape with a dashed outline. */
    'seat-cp': `${seatBase} border-2 border-dashed border-slate-700 rounded-t-lg rounded-b`,
    time: 'inline-flex min-w-20 items-center justify-center rounded-md border-2 border-indigo-800 px-3 py-1.5 font-semibold text-indigo-900 no-underline hover:bg-indigo-50',
    /** A listed showtime that no longer sells online: the same box, dashed and grey, not a link. */
    'time-closed': 'border-dashed border-slate-500 text-slate-700 hover:bg-transparent',
  },
};

export default config;
