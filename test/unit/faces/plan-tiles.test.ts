import { describe, expect, it } from 'vitest';
import type { Box } from '../../../src/common/findings';
import { planSmallFaceTiles, planTiles, tileStarts } from '../../../src/analysis/faces/plan-tiles';

const covers = (tiles: Box[], w: number, h: number): boolean => {
  for (let y = 0; y < h; y += 7) {
    for (let x = 0; x < w; x += 7) {
      if (!tiles.some((t) => x >= t[0] && x < t[0] + t[2] && y >= t[1] && y < t[1] + t[3])) return false;
    }
  }
  return true;
};

describe('tileStarts', () => {
  it('uses one tile when it fits', () => {
    expect(tileStarts(100, 200, 50)).toEqual([0]);
  });

  it('spreads tiles evenly, ends at the edge and keeps the overlap', () => {
    const starts = tileStarts(1000, 300, 90);
    expect(starts[0]).toBe(0);
    expect(starts.at(-1)).toBe(700);
    for (let i = 1; i < starts.length; i++) {
      expect(300 - ((starts[i] ?? 0) - (starts[i - 1] ?? 0))).toBeGreaterThanOrEqual(90);
    }
  });
});

describe('planTiles', () => {
  it('covers the whole picture with tiles inside it', () => {
    const tiles = planTiles(1234, 567, 250, 0.3);
    expect(covers(tiles, 1234, 567)).toBe(true);
    for (const t of tiles) {
      expect(t[0] + t[2]).toBeLessThanOrEqual(1234);
      expect(t[1] + t[3]).toBeLessThanOrEqual(567);
    }
  });
});

describe('planSmallFaceTiles', () => {
  const o = { minFace: 20, minFaceShare: 0.07, overlap: 0.3, maxTiles: 64 };

  it('needs no tiles for a picture the overview sees at tile scale', () => {
    expect(planSmallFaceTiles(320, 240, o).tiles).toEqual([]);
  });

  it('sizes the finest tiles for the smallest face', () => {
    const plan = planSmallFaceTiles(500, 375, o);
    expect(plan.sides).toEqual([Math.ceil(20 / 0.07)]);
    expect(covers(plan.tiles, 500, 375)).toBe(true);
  });

  it('adds coarser levels up to what the overview finds', () => {
    const plan = planSmallFaceTiles(2048, 922, o);
    expect(plan.sides.length).toBe(2);
    const last = plan.sides.at(-1) ?? 0;
    expect(last * o.overlap).toBeGreaterThanOrEqual(2048 * 0.08);
  });

  it('keeps huge photos within the tile budget by growing tiles', () => {
    const plan = planSmallFaceTiles(4000, 3000, o);
    expect(plan.tiles.length).toBeLessThanOrEqual(64);
    expect(plan.sides[0]).toBeGreaterThan(286);
    expect(covers(plan.tiles, 4000, 3000)).toBe(true);
  });
});

describe('planTiles bounds', () => {
  it('every tile lies inside the picture, no side longer than asked, and together they cover it', () => {
    for (const [w, h] of [[1000, 700], [513, 2000], [4000, 3000]] as const) {
      const tiles = planTiles(w, h, 512, 0.2);
      for (const t of tiles) {
        expect(t[0] + t[2] <= w && t[1] + t[3] <= h, `${w}x${h} ${t.join(',')}`).toBe(true);
        expect(t[2] <= 512 && t[3] <= 512 && t[2] > 0 && t[3] > 0, `${w}x${h} ${t.join(',')}`).toBe(true);
      }
      expect(Math.max(...tiles.map((t) => t[0] + t[2]))).toBe(w);
      expect(Math.max(...tiles.map((t) => t[1] + t[3]))).toBe(h);
    }
  });
});
