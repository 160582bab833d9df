/** The ticket's QR code: the module matrix, and an SVG for pages and emails drawn from it. */
import { encode } from 'uqr';

/** A QR symbol without its quiet zone: `modules[row][column]` is true for a dark module. */
export type QrMatrix = { version: number; size: number; modules: boolean[][] };

/** Light modules every side, as the QR standard asks, so a scanner finds the symbol's edge. */
export const QR_QUIET_ZONE = 4;

/**
 * The matrix for a text. Error correction M (15%) survives a scuffed print or a cracked phone screen at the
 * door; it is raised for free when the data fits the same version at a higher level.
 */
export function qrMatrix(text: string): QrMatrix {
  const { version, size, data } = encode(text, { ecc: 'M', boostEcc: true, border: 0 });
  return { version, size, modules: data };
}

/**
 * SVG path data for the dark modules, one module per unit, the quiet zone as offset. One subpath per
 * horizontal run of dark modules rather than one per module, each but the first placed relative to the
 * one before, keeps the path small.
 */
export function qrPath(matrix: QrMatrix, offset = QR_QUIET_ZONE): string {
  let path = '';
  let previous: { x: number; y: number } | undefined;
  matrix.modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (row[x]) x++;
      const move = previous ? `m${start - previous.x} ${y - previous.y}` : `M${start + offset} ${y + offset}`;
      path += `${move}h${x - start}v1h-${x - start}z`;
      previous = { x: start, y };
    }
  });
  return path;
}

/**
 * The QR code as an SVG string, black on a white ground whatever the page's colours. It names itself with
 * `role="img"`, an aria-label and a <title>; crisp edges keep scaled modules sharp. `scale` is the size
 * of a module in CSS pixels, which CSS may override.
 */
export function qrSvg(text: string, options: { title: string; scale?: number }): string {
  const matrix = qrMatrix(text);
  const side = matrix.size + 2 * QR_QUIET_ZONE;
  const pixels = side * (options.scale ?? 4);
  const title = escapeXml(options.title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${pixels}" height="${pixels}" ` +
    `role="img" aria-label="${title}" shape-rendering="crispEdges"><title>${title}</title>` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${qrPath(matrix)}"/></svg>`
  );
}

// Control characters are not allowed in XML at all, not even as references.
function escapeXml(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ').replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
