import { describe, expect, it } from 'vitest';
import type { Box } from '../../../src/common/findings';
import { boxToStored, boxToUpright, uprightSize, type Orientation } from '../../../src/analysis/faces/orientation';

describe('orientation', () => {
  it('swaps sizes for 5-8 only', () => {
    expect(uprightSize(1, 400, 300)).toEqual([400, 300]);
    expect(uprightSize(6, 400, 300)).toEqual([300, 400]);
  });

  it('matches the fixture face_sideways_orient6 (stored box -> upright box)', () => {
    // labels.json: upright [172, 62, 92, 102]; stored pixels [62, 247, 102, 92], 512×512.
    const up = boxToUpright([62, 247, 102, 92], 6, 512, 512);
    expect(up[0]).toBeCloseTo(173, 0);
    expect(up.slice(1)).toEqual([62, 92, 102]);
  });

  it('maps known corners for every orientation', () => {
    // A 1×1 box at the stored top-left corner of a 40×20 picture.
    const expected: Record<Orientation, Box> = {
      1: [0, 0, 1, 1], 2: [39, 0, 1, 1], 3: [39, 19, 1, 1], 4: [0, 19, 1, 1],
      5: [0, 0, 1, 1], 6: [19, 0, 1, 1], 7: [19, 39, 1, 1], 8: [0, 39, 1, 1],
    };
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      expect(boxToUpright([0, 0, 1, 1], o, 40, 20)).toEqual(expected[o]);
    }
  });

  it('round-trips stored -> upright -> stored', () => {
    const box: Box = [5, 7, 11, 3];
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      expect(boxToStored(boxToUpright(box, o, 40, 20), o, 40, 20)).toEqual(box);
    }
  });
});

describe('uprightSize', () => {
  it('swaps width and height for orientations 5 to 8 only', () => {
    for (const o of [1, 2, 3, 4] as const) expect(uprightSize(o, 40, 30), `${o}`).toEqual([40, 30]);
    for (const o of [5, 6, 7, 8] as const) expect(uprightSize(o, 40, 30), `${o}`).toEqual([30, 40]);
  });
});
