import { describe, expect, it } from 'vitest';
import type { Box } from '../../../src/common/findings';
import { blockSizeFor, FILL_RGB, redactRegions, type Pixels } from '../../../src/imaging/redact/redact-regions';
import { expectSameBytes, firstDifference } from '../same-bytes';

/** A busy picture: a checkerboard of 2 px squares with a colour gradient, half transparent. */
function detailed(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const on = (Math.floor(x / 2) + Math.floor(y / 2)) % 2 === 0;
      data[i] = on ? 250 : 5;
      data[i + 1] = on ? 5 : 250;
      data[i + 2] = (x * 3 + y) % 256;
      data[i + 3] = 128;
    }
  }
  return { width, height, data };
}

const px = (p: Pixels, x: number, y: number): number[] => Array.from(p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));

/** Mean absolute difference between horizontally adjacent pixels: how much detail is left. */
function detail(p: Pixels, [bx, by, bw, bh]: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = by; y < by + bh; y++) {
    for (let x = bx; x < bx + bw - 1; x++) {
      const a = px(p, x, y);
      const b = px(p, x + 1, y);
      sum += Math.abs((a[0] ?? 0) - (b[0] ?? 0)) + Math.abs((a[1] ?? 0) - (b[1] ?? 0)) + Math.abs((a[2] ?? 0) - (b[2] ?? 0));
      n += 3;
    }
  }
  return sum / n;
}

function meanChange(a: Pixels, b: Pixels, [bx, by, bw, bh]: Box): number {
  let sum = 0;
  for (let y = by; y < by + bh; y++) {
    for (let x = bx; x < bx + bw; x++) {
      const p = px(a, x, y);
      const q = px(b, x, y);
      sum += (Math.abs((p[0] ?? 0) - (q[0] ?? 0)) + Math.abs((p[1] ?? 0) - (q[1] ?? 0))) / 2;
    }
  }
  return sum / (bw * bh);
}

function outsideUnchanged(before: Pixels, after: Pixels, boxes: Box[]): boolean {
  for (let y = 0; y < before.height; y++) {
    for (let x = 0; x < before.width; x++) {
      const inside = boxes.some((b) => x >= Math.floor(b[0]) && x < Math.ceil(b[0] + b[2]) && y >= Math.floor(b[1]) && y < Math.ceil(b[1] + b[3]));
      if (inside) continue;
      const i = (y * before.width + x) * 4;
      for (let c = 0; c < 4; c++) if (before.data[i + c] !== after.data[i + c]) return false;
    }
  }
  return true;
}

const clone = (p: Pixels): Pixels => ({ width: p.width, height: p.height, data: new Uint8ClampedArray(p.data) });

describe('redactRegions: pixelate', () => {
  const box: Box = [20, 10, 64, 72];
  const original = detailed(120, 100);
  const out = clone(original);
  redactRegions(out, [box], 'pixelate', 7);

  it('replaces the inside with flat blocks: strongly changed, little detail left', () => {
    expect(detail(original, box)).toBeGreaterThan(60);
    expect(meanChange(original, out, box)).toBeGreaterThan(60);
    // Only block borders change colour, and softly: blurred, noised averages.
    expect(detail(out, box)).toBeLessThan(5);
  });

  it('makes every pixel inside opaque', () => {
    for (let y = box[1]; y < box[1] + box[3]; y++) {
      for (let x = box[0]; x < box[0] + box[2]; x++) expect(px(out, x, y)[3]).toBe(255);
    }
  });

  it('leaves everything outside untouched', () => {
    expect(outsideUnchanged(original, out, [box])).toBe(true);
  });

  it('scales blocks with the box and keeps them at least 8 px', () => {
    expect(blockSizeFor(40, 30)).toBe(8);
    expect(blockSizeFor(400, 300)).toBe(50);
  });

  it('is the same for the same seed and differs for another (noise)', () => {
    const again = clone(original);
    redactRegions(again, [box], 'pixelate', 7);
    expectSameBytes(again.data, out.data);
    const other = clone(original);
    redactRegions(other, [box], 'pixelate', 8);
    expect(firstDifference(other.data, out.data)).not.toBe(-1);
  });

  it('does not reproduce the block averages of plain pixelation', () => {
    // Two pictures equal except for one block's content: with blur across blocks
    // the difference spreads, so a redacted block is not its own average.
    const a = detailed(64, 64);
    const b = clone(a);
    for (let i = 0; i < 8 * 64 * 4; i += 4) b.data[i] = 0;
    redactRegions(a, [[0, 0, 64, 64]], 'pixelate', 1);
    redactRegions(b, [[0, 0, 64, 64]], 'pixelate', 1);
    // The change in rows 0-7 shows up in rows 8-15 as well.
    expect(px(a, 4, 12)[0]).not.toBe(px(b, 4, 12)[0]);
  });
});

describe('redactRegions: fill', () => {
  it('paints a solid opaque colour inside and nothing outside', () => {
    const original = detailed(50, 40);
    const out = clone(original);
    const box: Box = [5.5, 4.2, 20, 10];
    redactRegions(out, [box], 'fill');
    for (let y = 4; y < 15; y++) {
      for (let x = 5; x < 26; x++) expect(px(out, x, y)).toEqual([...FILL_RGB, 255]);
    }
    expect(outsideUnchanged(original, out, [box])).toBe(true);
  });
});

describe('redactRegions: edges', () => {
  it('clips boxes that leave the picture and ignores empty or broken ones', () => {
    const original = detailed(30, 30);
    const out = clone(original);
    const boxes: Box[] = [[-10, -10, 20, 20], [40, 40, 5, 5], [5, 5, 0, 10], [Number.NaN, 0, 5, 5]];
    redactRegions(out, boxes, 'pixelate', 3);
    expect(outsideUnchanged(original, out, [[0, 0, 10, 10]])).toBe(true);
    expect(px(out, 0, 0)[3]).toBe(255);
    expect(meanChange(original, out, [0, 0, 10, 10])).toBeGreaterThan(40);
  });
});
