import { describe, expect, it } from 'vitest';
import { boxFromPass, planPasses } from '../../../src/analysis/faces/plan-passes';

const options = { overviewSide: 1024, tileSide: 384, smallFaces: { minFace: 20, minFaceShare: 0.07, overlap: 0.3, maxTiles: 64 } };

describe('planPasses', () => {
  it('starts with a downscaled overview of the whole photo', () => {
    const [first] = planPasses(4000, 3000, options);
    expect(first).toEqual({ kind: 'overview', region: [0, 0, 4000, 3000], outW: 1024, outH: 768 });
  });

  it('never upscales', () => {
    const passes = planPasses(300, 200, options);
    expect(passes).toEqual([{ kind: 'overview', region: [0, 0, 300, 200], outW: 300, outH: 200 }]);
  });

  it('adds tiles drawn at most at tileSide, or none when switched off', () => {
    const passes = planPasses(1600, 1200, options);
    const tiles = passes.filter((p) => p.kind === 'tile');
    expect(tiles.length).toBeGreaterThan(0);
    for (const t of tiles) expect(Math.max(t.outW, t.outH)).toBeLessThanOrEqual(384);
    expect(planPasses(1600, 1200, { ...options, smallFaces: false })).toHaveLength(1);
  });

  it('maps a box from a tile drawing back to photo pixels', () => {
    const pass = { kind: 'tile' as const, region: [1000, 500, 600, 600] as [number, number, number, number], outW: 300, outH: 300 };
    expect(boxFromPass([10, 20, 30, 40], pass)).toEqual([1020, 540, 60, 80]);
  });
});
