import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Deps } from '../../deps';
import { AppError } from '../../platform/errors';
import { MAX_IMAGE_PIXELS } from '../../platform/images/image-encoder';
import { getPosterImage, type PosterImage } from './film-repo';

/*
 * Uploaded posters: checked by what the bytes are (never the file's name or declared type), re-encoded
 * to WebP at the widths the pages ask for, cropped to the 2 : 3 of the generated posters, and named by
 * the hash of the result, so a poster's address never shows other bytes (docs/decisions/016).
 */

/** The widths a poster is stored at: the listings' 96 px and the movie page's 160 px, at 1× and 2×. */
export const POSTER_WIDTHS = [160, 320] as const;

/** Height per width: the generated posters' 200 × 300. */
const ASPECT = 1.5;

/** The largest poster file accepted, in bytes (5 MB). */
export const POSTER_MAX_BYTES = 5 * 1024 * 1024;

/**
 * What each width may weigh: the first quality that fits is kept, so a detailed photograph costs a slow
 * phone no more than a flat illustration would at 2×.
 */
const BYTE_BUDGET: Record<number, number> = { 160: 10_000, 320: 25_000 };
const QUALITIES = [72, 62, 52, 42];

const ACCEPTED: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };
const FORMAT_NAMES: Record<string, string> = { gif: 'GIF', svg: 'SVG', tiff: 'TIFF', heif: 'HEIF or AVIF' };

const CHOOSE = 'Choose a JPEG, PNG or WebP image of up to 5 MB.';

/** A poster ready to store: its id (hash of its images) and one WebP image per width. */
export type EncodedPoster = { id: string; images: PosterImage[] };

const refuse = (code: 'bad_request' | 'payload_too_large', message: string) =>
  new AppError(code, message, { poster: message });

/**
 * Reads an uploaded file as a poster and re-encodes it. A file that is too large, not an image, in
 * another format, too small or too big in pixels is a coded AppError naming the problem on the `poster`
 * field; on a runtime without an image encoder (Workers), an `unavailable` one saying where to upload.
 */
export async function encodePoster(deps: Pick<Deps, 'images'>, bytes: Uint8Array): Promise<EncodedPoster> {
  if (!deps.images) {
    const message =
      'Poster uploads are done through the Node server: this copy of the site runs on Cloudflare Workers, ' +
      'which cannot re-encode images. Save the film without a poster here, or add the poster on the Node server.';
    throw new AppError('unavailable', message, { poster: message });
  }
  if (bytes.byteLength > POSTER_MAX_BYTES) {
    const size = (bytes.byteLength / 1024 / 1024).toFixed(1);
    throw refuse('payload_too_large', `This file is ${size} MB, larger than 5 MB. ${CHOOSE}`);
  }
  const facts = await deps.images.inspect(bytes);
  if (!facts) throw refuse('bad_request', `This file is not an image we can read. ${CHOOSE}`);
  if (!ACCEPTED[facts.format]) {
    const name = FORMAT_NAMES[facts.format] ?? facts.format.toUpperCase();
    throw refuse('bad_request', `This file is a ${name} image. ${CHOOSE}`);
  }
  const { width, height } = facts;
  const [smallest = 160] = POSTER_WIDTHS;
  if (width < smallest || height < smallest * ASPECT) {
    throw refuse(
      'bad_request',
      `This image is ${width} × ${height} pixels; a poster needs at least ${smallest} × ${smallest * ASPECT}.`,
    );
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw refuse(
      'bad_request',
      `This image is ${width} × ${height} pixels, more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels. Choose a smaller one.`,
    );
  }
  let images: Omit<PosterImage, 'posterId'>[];
  try {
    images = [];
    for (const target of POSTER_WIDTHS) images.push(await withinBudget(deps.images, bytes, target));
  } catch {
    throw refuse(
      'bad_request',
      `This ${ACCEPTED[facts.format]} file is damaged and could not be read. ${CHOOSE}`,
    );
  }
  const id = posterIdOf(images.map((image) => image.webp));
  return { id, images: images.map((image) => ({ posterId: id, ...image })) };
}

/** One width at the best quality that fits its byte budget, else at the lowest quality tried. */
async function withinBudget(
  images: NonNullable<Deps['images']>,
  bytes: Uint8Array,
  width: number,
): Promise<Omit<PosterImage, 'posterId'>> {
  const height = width * ASPECT;
  let webp = new Uint8Array();
  for (const quality of QUALITIES) {
    webp = await images.toWebp(bytes, { width, height, quality });
    if (webp.byteLength <= (BYTE_BUDGET[width] ?? Number.POSITIVE_INFINITY)) break;
  }
  return { width, height, webp };
}

/** A poster's id: the first 128 bits of the SHA-256 of its images, in order, as hex. */
export function posterIdOf(images: Uint8Array[]): string {
  const all = new Uint8Array(images.reduce((sum, image) => sum + image.byteLength, 0));
  let at = 0;
  for (const image of images) {
    all.set(image, at);
    at += image.byteLength;
  }
  return encodeHexLowerCase(sha256(all)).slice(0, 32);
}

/** What a poster id looks like; anything else is no poster of ours. */
export const POSTER_ID = /^[0-9a-f]{32}$/;

/** The WebP bytes of one width of a stored poster; not_found for an unknown id or width. */
export async function posterWebp(
  deps: Pick<Deps, 'db'>,
  posterId: string,
  width: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const known = POSTER_ID.test(posterId) && (POSTER_WIDTHS as readonly number[]).includes(width);
  const image = known ? await getPosterImage(deps.db, posterId, width) : undefined;
  if (!image) throw new AppError('not_found', 'We could not find that poster.');
  return image.webp;
}

/** Where the pages load one width of a poster from: immutable, since the id is the hash of the images. */
export const posterUrl = (posterId: string, width: number) => `/posters/${posterId}-${width}.webp`;
