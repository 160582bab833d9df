import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import type { PosterImage } from './film-repo';
import { posterIdOf } from './posters';
import type { CatalogueIssue } from './transfer-checks';
import type { CatalogueDocument, FilePoster } from './transfer-schema';

/*
 * Uploaded posters in the catalogue file (docs/catalogue-file.md): each width's WebP bytes as base64,
 * narrowest first, so export → import → export gives the same file.
 */

/** A stored poster's images as the file holds them. */
export function posterToFile(id: string, images: PosterImage[]): FilePoster {
  return {
    id,
    images: [...images]
      .sort((a, b) => a.width - b.width)
      .map(({ width, height, webp }) => ({ width, height, webp: encodeBase64(webp) })),
  };
}

/** The file's poster as the items import stores. */
export function posterFromFile(poster: FilePoster): PosterImage[] {
  return poster.images.map(({ width, height, webp }) => ({
    posterId: poster.id,
    width,
    height,
    webp: new Uint8Array(decodeBase64(webp)),
  }));
}

const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

/** The RIFF container's signature with the WEBP form type: what every WebP file starts with. */
function isWebp(bytes: Uint8Array): boolean {
  return RIFF.every((byte, i) => bytes[i] === byte) && WEBP.every((byte, i) => bytes[8 + i] === byte);
}

/** Each poster's images are WebP, one per width, and its id is their hash. */
export function checkPosters(doc: CatalogueDocument): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  doc.posters.forEach((poster, p) => {
    const images = posterFromFile(poster);
    const widths = new Set<number>();
    images.forEach((image, i) => {
      const at = `posters[${p}].images[${i}]`;
      if (widths.has(image.width))
        issues.push({ path: `${at}.width`, message: `width ${image.width} appears twice` });
      widths.add(image.width);
      if (!isWebp(image.webp)) issues.push({ path: `${at}.webp`, message: 'is not a WebP image' });
    });
    const sorted = [...images].sort((a, b) => a.width - b.width).map((image) => image.webp);
    if (posterIdOf(sorted) !== poster.id)
      issues.push({ path: `posters[${p}].id`, message: 'is not the hash of its images, narrowest first' });
  });
  return issues;
}

/** A movie's uploaded poster is in the file or the table, with every width the movie names. */
export function checkPosterReferences(doc: CatalogueDocument, table: CatalogueDocument): CatalogueIssue[] {
  const posters = new Map([...table.posters, ...doc.posters].map((poster) => [poster.id, poster]));
  const issues: CatalogueIssue[] = [];
  doc.movies.forEach((movie, m) => {
    if (!movie.posterImage) return;
    const path = `movies[${m}].posterImage`;
    const poster = posters.get(movie.posterImage.id);
    if (!poster) {
      issues.push({
        path: `${path}.id`,
        message: `no poster "${movie.posterImage.id}" in this file or the table`,
      });
      return;
    }
    const widths = new Set(poster.images.map((image) => image.width));
    const missing = movie.posterImage.widths.filter((width) => !widths.has(width));
    if (missing.length > 0)
      issues.push({
        path: `${path}.widths`,
        message: `poster "${poster.id}" has no image ${missing.join(', ')} wide`,
      });
  });
  return issues;
}
