import type { Box } from '../../common/findings';
import { seededRandom } from './prng';

/**
 * Irreversible redaction on an RGBA pixel buffer (an `ImageData` fits). Every pixel
 * inside each box is replaced and made opaque; nothing outside changes.
 *
 * - `fill`: one fixed colour. Not the region's average: even that says something
 *   about skin tone or lighting.
 * - `pixelate`: coarse blocks whose colours are blurred across neighbouring blocks and
 *   then noised. Plain pixelation of a face can be matched against candidate photos;
 *   blurring across blocks removes the structure inside the grid and random noise
 *   makes the remaining averages unreliable. Blocks are flat, with hard edges: a soft
 *   edge would carry detail of the original back in.
 */

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export type RedactStyle = 'pixelate' | 'fill';

export const FILL_RGB: readonly [number, number, number] = [80, 80, 80];
/** About eight blocks across a face, never finer than 8 px. */
export const blockSizeFor = (w: number, h: number): number => Math.max(8, Math.ceil(Math.max(w, h) / 8));
/** Noise amplitude per channel, on 0..255. */
const NOISE = 24;
/** Passes of a 3×3 box blur over the block grid. */
const BLOCK_BLUR_PASSES = 2;

/** Rounds outward to whole pixels and cuts to the picture; undefined if nothing is left. */
function pixelRect(box: Box, width: number, height: number): [number, number, number, number] | undefined {
  if (!box.every(Number.isFinite)) return undefined;
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(width, Math.ceil(box[0] + box[2]));
  const y1 = Math.min(height, Math.ceil(box[1] + box[3]));
  return x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : undefined;
}

function fillRect(p: Pixels, [x0, y0, x1, y1]: [number, number, number, number], rgb: ArrayLike<number>, at = 0): void {
  for (let y = y0; y < y1; y++) {
    let i = (y * p.width + x0) * 4;
    for (let x = x0; x < x1; x++, i += 4) {
      p.data[i] = rgb[at] ?? 0;
      p.data[i + 1] = rgb[at + 1] ?? 0;
      p.data[i + 2] = rgb[at + 2] ?? 0;
      p.data[i + 3] = 255;
    }
  }
}

/** Mean RGB of each block, as a flat [r, g, b, r, g, b, ...] grid. */
function blockMeans(p: Pixels, rect: [number, number, number, number], size: number, nx: number, ny: number): Float64Array {
  const [x0, y0, x1, y1] = rect;
  const sums = new Float64Array(nx * ny * 3);
  const counts = new Float64Array(nx * ny);
  for (let y = y0; y < y1; y++) {
    const row = Math.floor((y - y0) / size) * nx;
    for (let x = x0; x < x1; x++) {
      const b = row + Math.floor((x - x0) / size);
      const i = (y * p.width + x) * 4;
      sums[b * 3] = (sums[b * 3] ?? 0) + (p.data[i] ?? 0);
      sums[b * 3 + 1] = (sums[b * 3 + 1] ?? 0) + (p.data[i + 1] ?? 0);
      sums[b * 3 + 2] = (sums[b * 3 + 2] ?? 0) + (p.data[i + 2] ?? 0);
      counts[b] = (counts[b] ?? 0) + 1;
    }
  }
  for (let b = 0; b < nx * ny; b++) {
    const n = counts[b] || 1;
    for (let c = 0; c < 3; c++) sums[b * 3 + c] = (sums[b * 3 + c] ?? 0) / n;
  }
  return sums;
}

/** 3×3 box blur on the block grid, edges clamped. */
function blurGrid(grid: Float64Array, nx: number, ny: number): Float64Array {
  const out = new Float64Array(grid.length);
  for (let by = 0; by < ny; by++) {
    for (let bx = 0; bx < nx; bx++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = Math.min(ny - 1, Math.max(0, by + dy));
            const xx = Math.min(nx - 1, Math.max(0, bx + dx));
            sum += grid[(yy * nx + xx) * 3 + c] ?? 0;
            n += 1;
          }
        }
        out[(by * nx + bx) * 3 + c] = sum / n;
      }
    }
  }
  return out;
}

function pixelate(p: Pixels, rect: [number, number, number, number], random: () => number): void {
  const [x0, y0, x1, y1] = rect;
  const size = blockSizeFor(x1 - x0, y1 - y0);
  const nx = Math.ceil((x1 - x0) / size);
  const ny = Math.ceil((y1 - y0) / size);
  let grid = blockMeans(p, rect, size, nx, ny);
  for (let i = 0; i < BLOCK_BLUR_PASSES; i++) grid = blurGrid(grid, nx, ny);
  for (let i = 0; i < grid.length; i++) grid[i] = (grid[i] ?? 0) + (random() * 2 - 1) * NOISE;
  const rgb = Uint8ClampedArray.from(grid);
  for (let by = 0; by < ny; by++) {
    for (let bx = 0; bx < nx; bx++) {
      const block: [number, number, number, number] = [
        x0 + bx * size,
        y0 + by * size,
        Math.min(x1, x0 + (bx + 1) * size),
        Math.min(y1, y0 + (by + 1) * size),
      ];
      fillRect(p, block, rgb, (by * nx + bx) * 3);
    }
  }
}

export function redactRegions(pixels: Pixels, boxes: readonly Box[], style: RedactStyle, seed?: number): void {
  const random = seededRandom(seed ?? Math.floor(Math.random() * 2 ** 32));
  for (const box of boxes) {
    const rect = pixelRect(box, pixels.width, pixels.height);
    if (!rect) continue;
    if (style === 'fill') fillRect(pixels, rect, FILL_RGB);
    else pixelate(pixels, rect, random);
  }
}
