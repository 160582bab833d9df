import { describe, expect, it } from 'vitest';
import { generateTicketKeys } from '../../platform/ticket-keys/ticket-keys';
import { signTicket, ticketWindow } from './code';
import { QR_QUIET_ZONE, qrMatrix, qrPath, qrSvg } from './qr';

/*
 * A small QR reader, written from the standard for these tests: it finds the function patterns, reads
 * the format bits, unmasks, walks the codeword zigzag, de-interleaves the blocks, checks every block's
 * Reed-Solomon codewords and parses numeric, alphanumeric and byte segments. It corrects no errors: the
 * symbols under test are perfect, and any wrong module must fail.
 */
const ECC_PER_BLOCK: Record<string, number[]> = {
  L: [
    7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  M: [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ],
  Q: [
    13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  H: [
    17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
};
const BLOCKS: Record<string, number[]> = {
  L: [
    1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17,
    18, 19, 19, 20, 21, 22, 24, 25,
  ],
  M: [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
    31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
  ],
  Q: [
    1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38,
    40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
  ],
  H: [
    1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45,
    48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
  ],
};
const LEVELS = ['M', 'L', 'H', 'Q'];
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** The item at an index, which the reader's own arithmetic guarantees is there. */
function item<T>(items: readonly T[] | undefined, index: number): T {
  const value = items?.[index];
  if (value === undefined) throw new Error(`no item at ${index}`);
  return value;
}

function functionModules(version: number): boolean[][] {
  const size = version * 4 + 17;
  const marked = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const mark = (top: number, left: number, height: number, width: number) => {
    for (let y = top; y < top + height; y++)
      for (let x = left; x < left + width; x++) item(marked, y)[x] = true;
  };
  // Finders with separators and format bits; the dark module falls in the bottom-left block.
  mark(0, 0, 9, 9);
  mark(0, size - 8, 9, 8);
  mark(size - 8, 0, 8, 9);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  if (version > 1) {
    const count = Math.floor(version / 7) + 2;
    const step = Math.floor((version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
    const centres = [6];
    for (let at = size - 7; centres.length < count; at -= step) centres.splice(1, 0, at);
    for (const y of centres) {
      for (const x of centres) {
        const corner = (x === 6 && y === 6) || (x === 6 && y === size - 7) || (x === size - 7 && y === 6);
        if (!corner) mark(y - 2, x - 2, 5, 5);
      }
    }
  }
  return marked;
}

function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function reedSolomon(data: number[], degree: number): number[] {
  const divisor = Array<number>(degree).fill(0);
  divisor[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      divisor[j] = gfMultiply(item(divisor, j), root) ^ (divisor[j + 1] ?? 0);
    }
    root = gfMultiply(root, 2);
  }
  const remainder = Array<number>(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ (remainder.shift() ?? 0);
    remainder.push(0);
    divisor.forEach((coefficient, i) => {
      remainder[i] = item(remainder, i) ^ gfMultiply(coefficient, factor);
    });
  }
  return remainder;
}

function readQr(modules: boolean[][]): string {
  const size = modules.length;
  const version = (size - 17) / 4;
  const at = (x: number, y: number) => modules[y]?.[x] === true;
  let format = 0;
  for (let i = 0; i <= 5; i++) format |= Number(at(8, i)) << i;
  format |= (Number(at(8, 7)) << 6) | (Number(at(8, 8)) << 7) | (Number(at(7, 8)) << 8);
  for (let i = 9; i < 15; i++) format |= Number(at(14 - i, 8)) << i;
  format ^= 0x5412;
  const level = LEVELS[format >> 13] ?? '';
  const mask = item(MASKS, (format >> 10) & 7);

  const isFunction = functionModules(version);
  const bits: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vertical = 0; vertical < size; vertical++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? size - 1 - vertical : vertical;
        if (!item(isFunction, y)[x]) bits.push(Number(at(x, y) !== mask(x, y)));
      }
    }
  }
  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) {
    codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  }

  const blockCount = item(BLOCKS[level], version - 1);
  const eccLength = item(ECC_PER_BLOCK[level], version - 1);
  const shortBlocks = blockCount - (codewords.length % blockCount);
  const shortLength = Math.floor(codewords.length / blockCount);
  const blocks = Array.from({ length: blockCount }, () => [] as number[]);
  let next = 0;
  for (let i = 0; i <= shortLength; i++) {
    blocks.forEach((block, j) => {
      // A short block has no codeword in the column where the long ones carry their last data codeword.
      if (j < shortBlocks && i === shortLength - eccLength) return;
      block.push(item(codewords, next++));
    });
  }
  const data: number[] = [];
  for (const block of blocks) {
    const blockData = block.slice(0, block.length - eccLength);
    expect(reedSolomon(blockData, eccLength), 'error correction codewords').toEqual(block.slice(-eccLength));
    data.push(...blockData);
  }

  const stream = data.flatMap((byte) => Array.from({ length: 8 }, (_, i) => (byte >> (7 - i)) & 1));
  let position = 0;
  const take = (count: number) => {
    let value = 0;
    for (let i = 0; i < count; i++) value = (value << 1) | (stream[position++] ?? 0);
    return value;
  };
  const band = version < 10 ? 0 : version < 27 ? 1 : 2;
  let text = '';
  while (position + 4 <= stream.length) {
    const mode = take(4);
    if (mode === 0) break;
    if (mode === 1) {
      let count = take(item([10, 12, 14], band));
      for (; count >= 3; count -= 3) text += String(take(10)).padStart(3, '0');
      if (count === 2) text += String(take(7)).padStart(2, '0');
      if (count === 1) text += String(take(4));
    } else if (mode === 2) {
      let count = take(item([9, 11, 13], band));
      for (; count >= 2; count -= 2) {
        const pair = take(11);
        text += item([...ALPHANUMERIC], Math.floor(pair / 45)) + item([...ALPHANUMERIC], pair % 45);
      }
      if (count === 1) text += item([...ALPHANUMERIC], take(6));
    } else if (mode === 4) {
      const count = take(item([8, 16, 16], band));
      text += new TextDecoder().decode(Uint8Array.from({ length: count }, () => take(8)));
    } else {
      throw new Error(`unsupported segment mode ${mode}`);
    }
  }
  return text;
}

/** The dark modules an SVG's path paints, read back into a matrix without the quiet zone. */
function modulesFromSvg(svg: string, size: number): boolean[][] {
  const path = /<path fill="#000" d="([^"]*)"\/>/.exec(svg)?.[1] ?? '';
  const modules = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const run = /([Mm])(-?\d+) (-?\d+)h(\d+)v1h-(\d+)z/gy;
  let match = run.exec(path);
  let read = 0;
  let x = 0;
  let y = 0;
  while (match) {
    const [dx = 0, dy = 0, width = 0, back = 0] = match.slice(2).map(Number);
    expect(match[1], 'only the first move is absolute').toBe(read === 0 ? 'M' : 'm');
    x = read === 0 ? dx - QR_QUIET_ZONE : x + dx;
    y = read === 0 ? dy - QR_QUIET_ZONE : y + dy;
    expect(back).toBe(width);
    const row = item(modules, y);
    for (let i = x; i < x + width; i++) {
      expect(row[i], 'a module painted twice').toBe(false);
      row[i] = true;
    }
    read = run.lastIndex;
    match = run.exec(path);
  }
  expect(read, 'the whole path is runs of modules').toBe(path.length);
  return modules;
}

/** Every tag closed in order, attributes quoted, no stray markup characters: enough to call it XML. */
function expectWellFormed(svg: string): void {
  const open: string[] = [];
  const tokens = svg.split(/(<[^>]*>)/).filter(Boolean);
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      expect(token).not.toMatch(/[<>]|&(?!#\d+;|amp;|lt;|gt;|quot;)/);
      continue;
    }
    const tag = /^<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"<>]*")*)\s*(\/?)>$/.exec(token);
    expect(tag, `tag ${token.slice(0, 60)}`).not.toBeNull();
    const [, closing, name = '', , selfClosing] = tag ?? [];
    if (closing) expect(open.pop()).toBe(name);
    else if (!selfClosing) open.push(name);
  }
  expect(open).toEqual([]);
}

describe('QR code', () => {
  it('reads back the text, through the matrix and through the SVG path', async () => {
    const code = await signTicket(await generateTicketKeys(), {
      bookingId: 'MM-7KQ2-X9RD-4PZT',
      showId: 'harbour-lights-colaba-1-20261124-1930',
      seats: ['C7', 'C8'],
      ...ticketWindow('2026-11-24T14:00:00.000Z'),
    });
    const matrix = qrMatrix(code);
    expect(matrix.size).toBe(17 + 4 * matrix.version);
    expect(matrix.modules).toHaveLength(matrix.size);
    // 208 alphanumeric characters fit version 8 at level M; the same text in byte mode would need 10.
    expect(matrix.version).toBe(8);
    expect(readQr(matrix.modules)).toBe(code);

    const svg = qrSvg(code, { title: 'Ticket code' });
    const fromSvg = modulesFromSvg(svg, matrix.size);
    expect(fromSvg).toEqual(matrix.modules);
    expect(readQr(fromSvg)).toBe(code);
  });

  it('reads back byte-mode text too', () => {
    for (const text of ['hello, world', 'Movie Magic ₹320', 'x'.repeat(300)]) {
      expect(readQr(qrMatrix(text).modules)).toBe(text);
    }
  });

  it('fails to read a symbol with one module flipped', () => {
    const matrix = qrMatrix('MM1.ABCD.0123456789');
    const row = item(matrix.modules, matrix.size - 1);
    row[matrix.size - 1] = !row[matrix.size - 1];
    expect(() => readQr(matrix.modules)).toThrow(/error correction codewords/);
  });

  it('is a small, well-formed SVG with an accessible name and crisp edges', () => {
    const svg = qrSvg('MM1.ABCD.0123456789', { title: 'Ticket <code> for "Kaveri" & co', scale: 3 });
    expectWellFormed(svg);
    const side = qrMatrix('MM1.ABCD.0123456789').size + 2 * QR_QUIET_ZONE;
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"`));
    expect(svg).toContain(`width="${side * 3}" height="${side * 3}"`);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Ticket &#60;code&#62; for &#34;Kaveri&#34; &#38; co"');
    expect(svg).toContain('<title>Ticket &#60;code&#62; for &#34;Kaveri&#34; &#38; co</title>');
    expect(svg.indexOf('<title>')).toBeLessThan(svg.indexOf('<rect'));
    expect(svg).toContain('shape-rendering="crispEdges"');
    expect(svg.match(/<path/g)).toHaveLength(1);
    expect(svg.match(/<rect/g)).toHaveLength(1);
    expectWellFormed(qrSvg('x', { title: 'line\nbreak\u0000' }));
  });

  it('paints one subpath per run of dark modules', () => {
    const matrix = {
      version: 1,
      size: 3,
      modules: [
        [true, true, false],
        [false, false, false],
        [true, false, true],
      ],
    };
    expect(qrPath(matrix, 0)).toBe('M0 0h2v1h-2zm0 2h1v1h-1zm2 0h1v1h-1z');
  });
});
