/**
 * The ticket's QR code as a PNG, for email: mail clients show PNG images but not SVG. Encoded here from
 * the module matrix with Web APIs only (CompressionStream's zlib deflate, a table CRC), so the outbox
 * sends it from Node and from Workers alike, where sharp cannot load.
 */
import { QR_QUIET_ZONE, qrMatrix } from './qr';

/**
 * The PNG of the QR code for `text`: black modules of `scale` pixels on white, quiet zone included, and
 * its side in pixels.
 */
export async function qrPng(text: string, scale = 6): Promise<{ png: Uint8Array; side: number }> {
  const matrix = qrMatrix(text);
  const side = (matrix.size + 2 * QR_QUIET_ZONE) * scale;
  // 8-bit grey, each row led by filter byte 0 (none); the rows repeat, which deflate shrinks to little.
  const rows = new Uint8Array(side * (side + 1)).fill(255);
  for (let y = 0; y < side; y++) {
    rows[y * (side + 1)] = 0;
    const row = matrix.modules[Math.floor(y / scale) - QR_QUIET_ZONE];
    if (!row) continue;
    for (let x = 0; x < side; x++) {
      if (row[Math.floor(x / scale) - QR_QUIET_ZONE]) rows[y * (side + 1) + 1 + x] = 0;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, side);
  view.setUint32(4, side);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
  const png = concat([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', header),
    chunk('IDAT', await deflate(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return { png, side };
}

/** zlib-wrapped deflate (RFC 1950), as PNG's IDAT holds it: CompressionStream's 'deflate' format. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A PNG chunk: length, type, data, and the CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
