/*
 * The site's colours as CSS custom properties, light and dark (docs/design.md). Pages use the familiar
 * utility names (`text-slate-700`, `bg-indigo-800`); the build points each at a variable, and dark mode
 * swaps the variables, not the markup: every shade takes its mirror (50 ↔ 950, 800 ↔ 200, …) and white
 * becomes the darkest surface but one, so a pair that reads well in light (dark text on white, white text on
 * indigo-800) reads well in dark too. palette.test.ts checks the contrast of the pairs pages use.
 * Read by uno.config.ts at build time only; nothing here runs in the server.
 */
import { colors } from '@unocss/preset-wind3';

export const HUES = ['slate', 'indigo', 'red', 'amber', 'green', 'sky'] as const;
export const SHADES = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;
export type Hue = (typeof HUES)[number];
export type Shade = (typeof SHADES)[number];
export type Rgb = readonly [number, number, number];

/** The shade that plays a shade's part in dark mode. */
const MIRROR: Record<Shade, Shade> = {
  50: 950,
  100: 900,
  200: 800,
  300: 700,
  400: 600,
  500: 400,
  600: 300,
  700: 300,
  800: 200,
  900: 100,
  950: 50,
};

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function shadeOf(hue: Hue, shade: Shade): Rgb {
  const scale = (colors as unknown as Record<Hue, Record<Shade, string>>)[hue];
  return rgb(scale[shade]);
}

/** Every colour token by name (`slate-700`, `white`), as it is in each scheme. */
export function palette(scheme: 'light' | 'dark'): Map<string, Rgb> {
  const tokens = new Map<string, Rgb>();
  for (const hue of HUES) {
    for (const shade of SHADES) {
      tokens.set(`${hue}-${shade}`, shadeOf(hue, scheme === 'light' ? shade : MIRROR[shade]));
    }
  }
  tokens.set('white', scheme === 'light' ? [255, 255, 255] : shadeOf('slate', 900));
  return tokens;
}

/** The custom properties, light by default and dark when the visitor's system asks for it. */
export function paletteCss(): string {
  const declare = (scheme: 'light' | 'dark') =>
    [...palette(scheme)].map(([name, value]) => `--${name}:${value.join(' ')};`).join('');
  return `:root{${declare('light')}}@media (prefers-color-scheme:dark){:root{color-scheme:dark;${declare('dark')}}}`;
}

/** The theme colours for UnoCSS: each utility colour reads its variable, opacity modifiers still work. */
export function themeColors(): Record<string, string | Record<string, string>> {
  const theme: Record<string, string | Record<string, string>> = { white: 'rgb(var(--white) / %alpha)' };
  for (const hue of HUES) {
    theme[hue] = Object.fromEntries(SHADES.map((s) => [String(s), `rgb(var(--${hue}-${s}) / %alpha)`]));
  }
  return theme;
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const luminance = ([r, g, b]: Rgb) => {
    const [lr, lg, lb] = [r, g, b].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
