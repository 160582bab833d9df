import type { Movie } from './model';

/** A generated poster: the title on the movie's two colours. Small, cacheable, no third party. */
export function posterSvg(movie: Movie): string {
  const words = movie.title.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 12) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const text = lines
    .map((line, i) => `<tspan x="50%" dy="${i === 0 ? 0 : 1.15}em">${escapeXml(line)}</tspan>`)
    .join('');
  const { background, accent } = movie.poster;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 300" role="img" aria-label="${escapeXml(movie.title)} poster"><rect width="200" height="300" fill="${background}"/><circle cx="160" cy="60" r="90" fill="${accent}" opacity=".35"/><rect x="0" y="230" width="200" height="70" fill="${accent}" opacity=".2"/><text x="50%" y="${150 - (lines.length - 1) * 13}" text-anchor="middle" font-family="system-ui,sans-serif" font-size="24" font-weight="700" fill="${accent}">${text}</text><text x="50%" y="280" text-anchor="middle" font-family="system-ui,sans-serif" font-size="14" fill="${accent}">${escapeXml(movie.certificate)} · ${movie.runtimeMinutes} min</text></svg>`;
}
