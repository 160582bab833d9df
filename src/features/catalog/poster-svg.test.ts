import { describe, expect, it } from 'vitest';
import { movies } from '../../demo/catalog';
import type { Movie } from './model';
import { posterSvg } from './poster-svg';

const base: Movie = {
  id: 'test-movie',
  title: 'Pixel Pals',
  synopsis: 'A test film.',
  languages: ['English'],
  genres: ['Family'],
  certificate: 'U',
  runtimeMinutes: 96,
  releaseDate: '2026-11-20',
  poster: { background: '#3a86ff', accent: '#ffbe0b' },
};

const poster = (changes: Partial<Movie>) => posterSvg({ ...base, ...changes });

/** The lines of the title as drawn: the text of each tspan. */
const titleLines = (svg: string) => [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);

/** The y of the title's text element, which moves up as the title takes more lines. */
const titleY = (svg: string) => Number(/<text x="50%" y="(\d+)"[^>]*font-size="24"/.exec(svg)?.[1]);

describe('posterSvg', () => {
  it('draws the title, certificate and runtime on the movie colours', () => {
    const svg = poster({});
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('role="img" aria-label="Pixel Pals poster"');
    expect(svg).toContain('<rect width="200" height="300" fill="#3a86ff"/>');
    expect(svg).toContain('fill="#ffbe0b"');
    expect(svg).toContain('>U · 96 min</text>');
  });

  it('keeps a short title on one line, centred', () => {
    const svg = poster({ title: 'Pixel Pals' });
    expect(titleLines(svg)).toEqual(['Pixel Pals']);
    expect(titleY(svg)).toBe(150);
  });

  it('wraps a long title into lines of at most 12 characters, moving it up to stay centred', () => {
    const svg = poster({ title: 'The Curious Case of the Midnight Train' });
    expect(titleLines(svg)).toEqual(['The Curious', 'Case of the', 'Midnight', 'Train']);
    // Four lines: the first sits three line-steps (13 each) above the middle.
    expect(titleY(svg)).toBe(150 - 3 * 13);
    expect(svg).toContain('<tspan x="50%" dy="0em">The Curious</tspan>');
    expect(svg).toContain('<tspan x="50%" dy="1.15em">Train</tspan>');
  });

  it('never breaks a word longer than a line', () => {
    expect(titleLines(poster({ title: 'Supercalifragilistic Returns' }))).toEqual([
      'Supercalifragilistic',
      'Returns',
    ]);
  });

  it('escapes XML in the title, wherever it is drawn, and in the certificate', () => {
    const svg = poster({ title: `Tom & Jerry's "<Big>"`, certificate: 'U<A>' });
    expect(titleLines(svg)).toEqual(['Tom &#38;', 'Jerry&#39;s', '&#34;&#60;Big&#62;&#34;']);
    expect(svg).toContain('aria-label="Tom &#38; Jerry&#39;s &#34;&#60;Big&#62;&#34; poster"');
    expect(svg).toContain('>U&#60;A&#62; · 96 min</text>');
    expect(svg).not.toContain('<Big>');
    expect(svg).not.toContain('& ');
    expect(svg).not.toContain('<A>');
  });

  it('leaves no markup of a hostile title in the picture', () => {
    const svg = poster({ title: '</text><script>alert(1)</script>' });
    expect(svg).not.toContain('<script');
    // Every tag left is one the poster itself draws.
    const tags = new Set([...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['circle', 'rect', 'svg', 'text', 'tspan']);
  });

  it('draws every demo poster small, with the whole title', () => {
    for (const movie of movies) {
      const svg = posterSvg(movie);
      expect(svg.length).toBeLessThan(2_000);
      const drawn = titleLines(svg).join(' ').replaceAll('&#39;', "'");
      expect(drawn).toBe(movie.title);
    }
  });
});
