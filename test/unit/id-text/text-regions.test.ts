import { describe, expect, it } from 'vitest';
import { findTextRegions, mergeRects, type Gray } from '../../../src/engines/ocr/text-regions';

function blank(width: number, height: number, value = 128): Gray {
  return { data: new Uint8Array(width * height).fill(value), width, height };
}

/** Fake print: a band of thin dark strokes on white, like a line of 8 px letters. */
function printLine(img: Gray, x0: number, y0: number, len: number): void {
  for (let y = y0; y < y0 + 8; y += 1) {
    for (let x = x0; x < x0 + len; x += 1) {
      const stroke = x % 4 === 0 || (y === y0 || y === y0 + 7) && x % 8 < 3;
      img.data[y * img.width + x] = stroke ? 10 : 245;
    }
  }
}

describe('findTextRegions', () => {
  it('finds nothing on a flat or softly shaded picture', () => {
    expect(findTextRegions(blank(320, 240))).toEqual([]);
    const ramp = blank(320, 240);
    ramp.data.forEach((_, i) => { ramp.data[i] = (i % 320) * 0.7; });
    expect(findTextRegions(ramp)).toEqual([]);
  });
  it('boxes a printed line, padded, and nothing else', () => {
    const img = blank(320, 240);
    printLine(img, 40, 100, 160);
    const regions = findTextRegions(img);
    expect(regions).toHaveLength(1);
    const r = regions[0];
    expect(r?.x).toBeLessThanOrEqual(40);
    expect((r?.x ?? 0) + (r?.w ?? 0)).toBeGreaterThanOrEqual(200);
    expect(r?.y).toBeLessThanOrEqual(100);
  });
});

describe('mergeRects', () => {
  it('merges near rectangles and keeps far ones apart', () => {
    const merged = mergeRects([{ x: 0, y: 0, w: 10, h: 10 }, { x: 12, y: 0, w: 10, h: 10 }, { x: 100, y: 100, w: 5, h: 5 }], 4);
    expect(merged).toEqual([{ x: 0, y: 0, w: 22, h: 10 }, { x: 100, y: 100, w: 5, h: 5 }]);
  });
});
