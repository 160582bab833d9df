import { describe, expect, it } from 'vitest';
import { contrast, palette, paletteCss, themeColors } from './palette';

/*
 * The colour pairs the pages use, with the contrast WCAG 2.2 AA asks of them: 4.5:1 for text, 3:1 for
 * large text and for what identifies a control or its state (borders of fields and seats, focus rings).
 */
const TEXT: [string, string, string][] = [
  ['body text', 'slate-900', 'slate-50'],
  ['text on a card', 'slate-900', 'white'],
  ['secondary text', 'slate-700', 'white'],
  ['secondary text on the page', 'slate-700', 'slate-50'],
  ['a link', 'indigo-800', 'white'],
  ['a link on the page', 'indigo-800', 'slate-50'],
  ['a link, hovered', 'indigo-950', 'white'],
  ['the name and showtime text', 'indigo-900', 'white'],
  ['a button', 'white', 'indigo-800'],
  ['a button, hovered', 'white', 'indigo-900'],
  ['a danger button', 'white', 'red-800'],
  ['an error', 'red-800', 'white'],
  ['a success message', 'green-900', 'white'],
  ['a warning', 'amber-900', 'white'],
  ['a chip', 'slate-800', 'white'],
  ['a chosen seat', 'white', 'indigo-800'],
  ['a taken seat', 'slate-700', 'slate-200'],
  ['a Premium seat', 'slate-900', 'sky-50'],
  ['a Recliner seat', 'slate-900', 'amber-50'],
  ['a quiet button, hovered', 'slate-900', 'slate-100'],
  ['a showtime, hovered', 'indigo-900', 'indigo-50'],
];
const NON_TEXT: [string, string, string][] = [
  ['a field border', 'slate-500', 'white'],
  ['a seat border', 'slate-600', 'white'],
  ['a showtime border', 'indigo-800', 'white'],
  ['the focus ring on a card', 'amber-700', 'white'],
  ['the focus ring on the page', 'amber-700', 'slate-50'],
  ['an error border', 'red-800', 'white'],
];

describe.each(['light', 'dark'] as const)('the %s palette', (scheme) => {
  const colour = palette(scheme);
  const ratio = (fg: string, bg: string) =>
    contrast(colour.get(fg) ?? [0, 0, 0], colour.get(bg) ?? [0, 0, 0]);

  it.each(TEXT)('gives %s (%s on %s) at least 4.5:1', (_, fg, bg) => {
    expect(ratio(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT)('gives %s (%s against %s) at least 3:1', (_, fg, bg) => {
    expect(ratio(fg, bg)).toBeGreaterThanOrEqual(3);
  });
});

describe('the palette as CSS', () => {
  it('declares every token in light and again for dark systems, as channels utilities can add opacity to', () => {
    const css = paletteCss();
    expect(css).toMatch(/^:root\{--slate-50:248 250 252;/);
    expect(css).toContain('@media (prefers-color-scheme:dark){:root{color-scheme:dark;--slate-50:2 6 23;');
    expect(css).toContain('--white:15 23 42;');
    expect(themeColors().white).toBe('rgb(var(--white) / %alpha)');
  });

  it('measures contrast as WCAG does', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });
});
