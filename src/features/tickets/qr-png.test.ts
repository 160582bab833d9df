import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { QR_QUIET_ZONE, qrMatrix } from './qr';
import { qrPng } from './qr-png';

const CODE = 'MM1.K7MX.AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4PRAEAQ.ABCDEFGH';

describe('the QR code as a PNG', () => {
  it('is a real PNG: its signature, and a size sharp decodes to the matrix with its quiet zone', async () => {
    const { png, side: reported } = await qrPng(CODE, 6);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const side = (qrMatrix(CODE).size + 2 * QR_QUIET_ZONE) * 6;
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: side, height: side });
    expect(reported).toBe(side);
  });

  it('draws the modules: the finder pattern corner is dark, the quiet zone and the finder ring light', async () => {
    const scale = 5;
    const { png } = await qrPng(CODE, scale);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (module: { x: number; y: number }) =>
      data[((module.y + QR_QUIET_ZONE) * scale + 2) * info.width + (module.x + QR_QUIET_ZONE) * scale + 2];
    // The top-left finder: a dark 7×7 ring (0,0), a light ring (1,1), a dark 3×3 centre (3,3).
    expect(at({ x: 0, y: 0 })).toBe(0);
    expect(at({ x: 1, y: 1 })).toBe(255);
    expect(at({ x: 3, y: 3 })).toBe(0);
    expect(at({ x: -2, y: -2 })).toBe(255);
    // Every pixel agrees with its module, all over the symbol.
    const matrix = qrMatrix(CODE);
    let mismatches = 0;
    matrix.modules.forEach((row, y) => {
      row.forEach((dark, x) => {
        if ((at({ x, y }) === 0) !== dark) mismatches++;
      });
    });
    expect(mismatches).toBe(0);
  });

  it('stays small enough for an email: a few kilobytes', async () => {
    expect((await qrPng(CODE)).png.length).toBeLessThan(8_000);
  });
});
