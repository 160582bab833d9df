import sharp from 'sharp';

/** A poster-shaped test image in `format`: coloured noise, so it compresses like a photograph, not a flat fill. */
export async function testImage(
  format: 'jpeg' | 'png' | 'webp' | 'gif',
  options: { width?: number; height?: number; exif?: boolean } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { width = 400, height = 600 } = options;
  let image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 30, g: 60, b: 120 },
      noise: { type: 'gaussian', mean: 120, sigma: 40 },
    },
  }).blur(2);
  // A camera's EXIF block with a private note, which the re-encoded poster must not carry.
  if (options.exif) image = image.withExif({ IFD0: { Copyright: 'private camera note', Artist: 'Someone' } });
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

/** A file the way a browser's form sends it. */
export function fileOf(bytes: Uint8Array<ArrayBuffer>, name: string, type: string): File {
  return new File([bytes], name, { type });
}
