import sharp from 'sharp';
import { type ImageEncoder, MAX_IMAGE_PIXELS } from '../image-encoder';

/** The image port on Node: libvips through sharp, on the libuv thread pool, off the event loop. */
export const sharpImages: ImageEncoder = {
  async inspect(bytes) {
    try {
      const { format, autoOrient } = await sharp(bytes, { limitInputPixels: false }).metadata();
      // The size as the image is seen, turned upright by its EXIF orientation, as toWebp turns it.
      const { width, height } = autoOrient;
      return format && width && height ? { format, width, height } : undefined;
    } catch {
      // Not an image libvips can read: the caller names the problem to the person uploading.
      return undefined;
    }
  },
  async toWebp(bytes, { width, height, quality }) {
    const output = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate()
      .resize(width, height, { fit: 'cover', position: 'centre' })
      .webp({ quality, effort: 5 })
      .toBuffer();
    return new Uint8Array(output);
  },
};
