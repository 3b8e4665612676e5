import { describe, expect, it } from 'vitest';
import { boxFromPass, unturnBox, passThreshold, pickCandidates, planConfirmations, planPasses, shareTiles, type DetectionPass } from '../../../src/analysis/faces/plan-passes';
import { DEFAULT_NMS } from '../../../src/analysis/faces/nms';

const options = { overviewSide: 1024, tileSide: 384, smallFaces: { minFace: 20, minFaceShare: 0.07, overlap: 0.3, maxTiles: 64 }, mirrorOverview: false, edgePad: false as const, turns: [], turnSide: 512 };

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

  it('adds the overview mirrored and inside a grey border when asked, the border within the overview side', () => {
    const passes = planPasses(2000, 1000, { ...options, smallFaces: false, mirrorOverview: true, edgePad: 0.2 });
    expect(passes).toHaveLength(3);
    expect(passes[1]).toEqual({ kind: 'overview', region: [0, 0, 2000, 1000], outW: 1024, outH: 512, mirror: true });
    const padded = passes[2] as DetectionPass;
    expect(padded.padX).toBe(Math.round(padded.outW * 0.2));
    expect(padded.padY).toBe(Math.round(padded.outH * 0.2));
    expect(padded.outW + 2 * (padded.padX ?? 0)).toBeLessThanOrEqual(1024);
    expect(padded.mirror).toBeUndefined();
  });

  it('adds the overview turned each way asked, drawn at turnSide and turned', () => {
    const passes = planPasses(2000, 1000, { ...options, smallFaces: false, turns: [90, 180, 270] });
    expect(passes.slice(1)).toEqual([
      { kind: 'overview', region: [0, 0, 2000, 1000], outW: 256, outH: 512, turn: 90 },
      { kind: 'overview', region: [0, 0, 2000, 1000], outW: 512, outH: 256, turn: 180 },
      { kind: 'overview', region: [0, 0, 2000, 1000], outW: 256, outH: 512, turn: 270 },
    ]);
  });

  it('maps a box of a turned drawing back onto the photo, each way', () => {
    // A 400 × 200 photo drawn at half size (200 × 100); a face at photo [40, 20, 60, 80].
    const region: [number, number, number, number] = [0, 0, 400, 200];
    // Turned 90° clockwise (drawing 100 × 200): unturned (u, v) lands on (100 − v, u).
    const at90: [number, number, number, number] = [100 - (10 + 40), 20, 40, 30];
    expect(boxFromPass(at90, { kind: 'overview', region, outW: 100, outH: 200, turn: 90 })).toEqual([40, 20, 60, 80]);
    // Turned 180° (drawing 200 × 100): (u, v) lands on (200 − u, 100 − v).
    const at180: [number, number, number, number] = [200 - 20 - 30, 100 - 10 - 40, 30, 40];
    expect(boxFromPass(at180, { kind: 'overview', region, outW: 200, outH: 100, turn: 180 })).toEqual([40, 20, 60, 80]);
    // Turned 270° (drawing 100 × 200): (u, v) lands on (v, 200 − u).
    const at270: [number, number, number, number] = [10, 200 - 20 - 30, 40, 30];
    expect(boxFromPass(at270, { kind: 'overview', region, outW: 100, outH: 200, turn: 270 })).toEqual([40, 20, 60, 80]);
    // Each way round and back again: the same box.
    for (const turn of [90, 180, 270] as const) {
      const across = turn !== 180;
      const [w, h] = [200, 100];
      const box: [number, number, number, number] = [12, 34, 56, 22];
      const turnedOnce = unturnBox(box, turn, across ? h : w, across ? w : h);
      const back = unturnBox(unturnBox(unturnBox(turnedOnce, turn, w, h), turn, across ? h : w, across ? w : h), turn, w, h);
      expect(back).toEqual(box);
    }
  });

  it('maps a box from a tile drawing back to photo pixels', () => {
    const pass = { kind: 'tile' as const, region: [1000, 500, 600, 600] as [number, number, number, number], outW: 300, outH: 300 };
    expect(boxFromPass([10, 20, 30, 40], pass)).toEqual([1020, 540, 60, 80]);
  });

  it('maps a box back through the grey border of a padded drawing', () => {
    const pass = { kind: 'overview' as const, region: [0, 0, 800, 600] as [number, number, number, number], outW: 400, outH: 300, padX: 80, padY: 60 };
    // A face cut by the left edge: its box starts in the border, left of the photo.
    expect(boxFromPass([60, 160, 50, 50], pass)).toEqual([-40, 200, 100, 100]);
  });

  it('maps a box back from a mirrored drawing', () => {
    const pass = { kind: 'tile' as const, region: [100, 0, 400, 400] as [number, number, number, number], outW: 200, outH: 200, mirror: true };
    // Seen at x 10..40 of the mirrored drawing: x 160..190 of the drawing, 320..380 of the tile.
    expect(boxFromPass([10, 20, 30, 40], pass)).toEqual([420, 40, 60, 80]);
    expect(boxFromPass([10, 20, 30, 40], { ...pass, padX: 20, padY: 0 })).toEqual([460, 40, 60, 80]);
  });
});

describe('planConfirmations', () => {
  const o = { candidateScore: 0.4, maxCandidates: 2, faceShare: 0.2, side: 384, matchIou: 0.2 };

  it('looks again at a square centred on each candidate, where it fills faceShare', () => {
    expect(planConfirmations([[400, 300, 20, 20]], 800, 600, o)).toEqual([{ kind: 'confirm', region: [360, 260, 100, 100], outW: 100, outH: 100 }]);
  });

  it('keeps the region inside the photo and draws it at most at `side`', () => {
    const [near] = planConfirmations([[5, 590, 100, 10]], 800, 600, o);
    expect(near?.region).toEqual([0, 100, 500, 500]);
    expect(Math.max(near?.outW ?? 0, near?.outH ?? 0)).toBeLessThanOrEqual(384);
    // At the right and bottom edges too.
    expect(planConfirmations([[790, 590, 10, 10]], 800, 600, o)[0]?.region).toEqual([750, 550, 50, 50]);
  });

  it('looks at no more than maxCandidates candidates', () => {
    const boxes: [number, number, number, number][] = [[10, 10, 20, 20], [100, 100, 20, 20], [200, 200, 20, 20]];
    expect(planConfirmations(boxes, 800, 600, o)).toHaveLength(2);
  });
});

describe('passThreshold', () => {
  const t = { overview: 0.5, padded: 0.6, tile: 0.65, confirm: 0.7, turned: 0.55 };
  const region: [number, number, number, number] = [0, 0, 100, 100];
  it('asks each kind of pass for its own score', () => {
    expect(passThreshold({ kind: 'overview', region, outW: 100, outH: 100 }, t)).toBe(0.5);
    expect(passThreshold({ kind: 'overview', region, outW: 100, outH: 100, mirror: true }, t)).toBe(0.5);
    expect(passThreshold({ kind: 'overview', region, outW: 60, outH: 60, padX: 20, padY: 20 }, t)).toBe(0.6);
    expect(passThreshold({ kind: 'tile', region, outW: 100, outH: 100 }, t)).toBe(0.65);
    expect(passThreshold({ kind: 'confirm', region, outW: 100, outH: 100, mirror: true }, t)).toBe(0.7);
    expect(passThreshold({ kind: 'overview', region, outW: 100, outH: 100, turn: 180 }, t)).toBe(0.55);
  });
});

describe('pickCandidates', () => {
  const o = { candidateScore: 0.4, maxCandidates: 2, faceShare: 0.2, side: 384, matchIou: 0.2 };
  it('takes detections just under their bar that no sure face covers, best first, one per place', () => {
    const found = [
      { box: [0, 0, 50, 50] as [number, number, number, number], score: 0.9, bar: 0.6 },
      { box: [5, 5, 40, 40] as [number, number, number, number], score: 0.5, bar: 0.6 }, // inside the sure face
      { box: [200, 0, 30, 30] as [number, number, number, number], score: 0.45, bar: 0.6 },
      { box: [202, 2, 30, 30] as [number, number, number, number], score: 0.55, bar: 0.6 }, // same place, better
      { box: [400, 0, 30, 30] as [number, number, number, number], score: 0.35, bar: 0.6 }, // too weak
      { box: [600, 0, 30, 30] as [number, number, number, number], score: 0.48, bar: 0.5 }, // under its own bar
    ];
    expect(pickCandidates(found, o, DEFAULT_NMS)).toEqual([[202, 2, 30, 30], [600, 0, 30, 30]]);
    expect(pickCandidates(found, { ...o, maxCandidates: 1 }, DEFAULT_NMS)).toEqual([[202, 2, 30, 30]]);
  });
});

describe('shareTiles', () => {
  const passes = planPasses(4000, 3000, { ...options, mirrorOverview: true });
  const tiles = passes.filter((p) => p.kind === 'tile');

  it('keeps every overview here, first, and gives every other tile to the helper', () => {
    const { local, remote } = shareTiles(passes, 2);
    expect(local.slice(0, 2).map((p) => p.kind)).toEqual(['overview', 'overview']);
    expect(local.filter((p) => p.kind !== 'tile')).toHaveLength(2);
    expect(remote.every((p) => p.kind === 'tile')).toBe(true);
    expect(remote).toEqual(tiles.filter((_, i) => i % 2 === 1));
    expect(local.filter((p) => p.kind === 'tile')).toEqual(tiles.filter((_, i) => i % 2 === 0));
  });

  it('loses and repeats no pass, and with one detector keeps them all', () => {
    const { local, remote } = shareTiles(passes, 2);
    expect(local.length + remote.length).toBe(passes.length);
    expect(new Set([...local, ...remote]).size).toBe(passes.length);
    expect(shareTiles(passes, 1)).toEqual({ local: passes, remote: [] });
  });
});
