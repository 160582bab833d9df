/**
 * The image port: read what an uploaded file is from its bytes, and re-encode it. Node supplies it with
 * sharp (node/sharp-images.ts); the Workers build has none, since sharp's native library cannot run in
 * an isolate, and features that need one say so to the person uploading.
 */

/**
 * The most pixels an image may declare: a 5 MB file can still claim a billion (a "decompression bomb").
 * inspect() reports the declared size without decoding, so callers refuse bigger ones first; toWebp
 * refuses them too.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** What the bytes turned out to be, whatever the file was called or claimed to be. */
export type ImageFacts = { format: string; width: number; height: number };

export type ImageEncoder = {
  /** The image's format and size read from its content; undefined when the bytes are no image it can read. */
  inspect(bytes: Uint8Array): Promise<ImageFacts | undefined>;
  /**
   * The image turned upright (by its EXIF orientation), cropped from the centre to `width` × `height`,
   * as WebP at `quality` (1 to 100) with every metadata block left out.
   */
  toWebp(
    bytes: Uint8Array,
    size: { width: number; height: number; quality: number },
  ): Promise<Uint8Array<ArrayBuffer>>;
};
