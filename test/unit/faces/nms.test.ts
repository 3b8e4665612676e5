import { describe, expect, it } from 'vitest';
import { nms } from '../../../src/analysis/faces/nms';

describe('nms', () => {
  it('keeps the best of overlapping boxes and all separate ones', () => {
    const kept = nms([
      { box: [0, 0, 100, 100], score: 0.7 },
      { box: [5, 5, 100, 100], score: 0.9 },
      { box: [300, 300, 50, 50], score: 0.6 },
    ]);
    expect(kept.map((k) => k.score)).toEqual([0.9, 0.6]);
  });

  it('drops a half-face cut by a tile when it lies inside the whole face', () => {
    const kept = nms([
      { box: [0, 0, 100, 100], score: 0.8 },
      { box: [50, 0, 45, 60], score: 0.85 },
    ]);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.score).toBe(0.85);
  });

  it('keeps neighbours in a crowd that only touch', () => {
    const kept = nms([
      { box: [0, 0, 40, 40], score: 0.8 },
      { box: [35, 0, 40, 40], score: 0.8 },
    ]);
    expect(kept).toHaveLength(2);
  });

  it('does not mutate its input', () => {
    const items = [{ box: [0, 0, 1, 1] as [number, number, number, number], score: 0.1 }, { box: [5, 5, 1, 1] as [number, number, number, number], score: 0.9 }];
    nms(items);
    expect(items[0]?.score).toBe(0.1);
  });
});

describe('nms options', () => {
  it('merges two boxes by IoU alone when neither lies mostly inside the other', () => {
    // IoU 80/120 = 0.67; each is 80 % inside the other, under the 0.9 asked for.
    const kept = nms([{ box: [0, 0, 10, 10], score: 0.9 }, { box: [2, 0, 10, 10], score: 0.8 }], { iou: 0.5, containment: 0.9 });
    expect(kept).toEqual([{ box: [0, 0, 10, 10], score: 0.9 }]);
  });
});
