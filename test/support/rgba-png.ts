import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE } from '../../src/imaging/png-chunks';
import { pngChunk } from '../../src/imaging/strip-png';

export type Pixel = [r: number, g: number, b: number, a: number];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * An 8-bit RGBA PNG made byte by byte (no canvas: a canvas would drop the colour under
 * alpha 0 that these tests need). Rows use filters 0-4 in turn, so a reader must undo all five.
 */
export function rgbaPng(width: number, height: number, pixel: (x: number, y: number) => Pixel): Uint8Array {
  const stride = width * 4;
  const raw = new Uint8Array(height * (stride + 1));
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = new Uint8Array(stride);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), x * 4);
    const filter = y % 5;
    const out = raw.subarray(y * (stride + 1), (y + 1) * (stride + 1));
    out[0] = filter;
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? row[i - 4]! : 0;
      const up = prev[i]!;
      const upLeft = i >= 4 ? prev[i - 4]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]!;
      out[i + 1] = (row[i]! - predictor) & 0xff;
    }
    prev = row;
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts = [PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', new Uint8Array(deflateSync(raw))), pngChunk('IEND', new Uint8Array(0))];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const png = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}

/**
 * A skin-toned picture whose middle square was "erased" the way an editor's eraser does:
 * alpha 0, colours kept (a bright pattern, standing in for a face).
 */
export function erasedMiddlePng(width = 256, height = 256): Uint8Array {
  return rgbaPng(width, height, (x, y) => {
    const inside = x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4;
    if (inside) return [(x * 7) & 255, (y * 5) & 255, 200, 0];
    return [224, 172, 140, 255];
  });
}
