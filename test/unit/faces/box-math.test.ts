import { describe, expect, it } from 'vitest';
import { area, centre, clampBox, containsPoint, growBox, HEAD_MARGINS, intersection, iou, offset, overlapOfSmaller, turnMargins, unscale } from '../../../src/analysis/faces/box-math';

describe('box-math', () => {
  it('measures area, intersection and IoU', () => {
    expect(area([0, 0, 10, 5])).toBe(50);
    expect(area([0, 0, -3, 5])).toBe(0);
    expect(intersection([0, 0, 10, 10], [5, 5, 10, 10])).toBe(25);
    expect(intersection([0, 0, 10, 10], [10, 0, 5, 5])).toBe(0);
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [5, 5, 10, 10])).toBeCloseTo(25 / 175);
    expect(iou([0, 0, 0, 0], [0, 0, 0, 0])).toBe(0);
  });

  it('tells a box lying inside another even when IoU is low', () => {
    const face: [number, number, number, number] = [0, 0, 100, 100];
    const half: [number, number, number, number] = [0, 0, 50, 40];
    expect(iou(face, half)).toBeLessThan(0.3);
    expect(overlapOfSmaller(face, half)).toBe(1);
  });

  it('finds centres and points inside', () => {
    expect(centre([10, 20, 30, 40])).toEqual([25, 40]);
    expect(containsPoint([10, 20, 30, 40], 40, 60)).toBe(true);
    expect(containsPoint([10, 20, 30, 40], 41, 60)).toBe(false);
  });

  it('maps boxes between scales and crops', () => {
    expect(unscale([10, 20, 30, 40], 0.5)).toEqual([20, 40, 60, 80]);
    expect(offset([1, 2, 3, 4], 100, 200)).toEqual([101, 202, 3, 4]);
  });

  it('clamps outward to whole pixels inside the picture', () => {
    expect(clampBox([-5.5, 2.2, 20, 10.1], 10, 10)).toEqual([0, 2, 10, 8]);
    expect(clampBox([1.5, 1.5, 2, 2], 100, 100)).toEqual([1, 1, 3, 3]);
    expect(clampBox([200, 200, 5, 5], 100, 100)).toEqual([100, 100, 0, 0]);
  });

  it('grows by margins for hair, ears and chin, then clamps', () => {
    const m = { left: 0.25, right: 0.25, top: 0.5, bottom: 0.25 };
    expect(growBox([100, 100, 40, 40], m, 1000, 1000)).toEqual([90, 80, 60, 70]);
    expect(growBox([0, 0, 40, 40], m, 50, 50)).toEqual([0, 0, 50, 50]);
  });

  it('grows a detector face box to the whole head: hair top 0.6 heights above, a quarter width beside', () => {
    // A 100 px detector box at (300, 300): the hair top lies up to y = 240, the ears and hair
    // out to x = 275 and 425, the chin to y = 420.
    const head = growBox([300, 300, 100, 100], HEAD_MARGINS, 1000, 1000);
    expect(head[1]).toBeLessThanOrEqual(240);
    expect(head[0]).toBeLessThanOrEqual(275);
    expect(head[0] + head[2]).toBeGreaterThanOrEqual(425);
    expect(head[1] + head[3]).toBeGreaterThanOrEqual(420);
    // Not a box for the whole body: a neighbour two widths away is not covered.
    expect(head[0] + head[2]).toBeLessThan(500);
  });
});

describe('box edges (what NMS and the scorer rely on)', () => {
  it('boxes apart on both axes share nothing, so neither can hide the other as a duplicate', () => {
    // Both overlaps are negative here: their product must not count as shared area.
    expect(intersection([0, 0, 10, 10], [20, 20, 10, 10])).toBe(0);
    expect(iou([0, 0, 10, 10], [20, 20, 10, 10])).toBe(0);
    // Apart on one axis only.
    expect(intersection([0, 0, 10, 10], [20, 0, 10, 10])).toBe(0);
    expect(intersection([0, 0, 10, 10], [0, 20, 10, 10])).toBe(0);
  });

  it('a point is inside a box up to its edges, and not beyond any side', () => {
    const b: [number, number, number, number] = [10, 20, 30, 40];
    for (const [x, y] of [[10, 20], [40, 60], [25, 40]] as const) expect(containsPoint(b, x, y), `${x},${y}`).toBe(true);
    for (const [x, y] of [[9, 30], [41, 30], [25, 19], [25, 61]] as const) expect(containsPoint(b, x, y), `${x},${y}`).toBe(false);
  });
});

describe('turnMargins', () => {
  const m = { left: 0.25, right: 0.25, top: 0.6, bottom: 0.2 };
  it('puts the head-top margin where the top of the head is in the photo', () => {
    // Found upright in a drawing turned 90° clockwise: the head's top is at the photo's left.
    expect(turnMargins(m, 90)).toEqual({ left: 0.6, right: 0.2, top: 0.25, bottom: 0.25 });
    expect(turnMargins(m, 180)).toEqual({ left: 0.25, right: 0.25, top: 0.2, bottom: 0.6 });
    expect(turnMargins(m, 270)).toEqual({ left: 0.2, right: 0.6, top: 0.25, bottom: 0.25 });
    expect(turnMargins(m, undefined)).toBe(m);
    const lopsided = { left: 0.1, right: 0.3, top: 0.6, bottom: 0.2 };
    expect(turnMargins(lopsided, 90)).toEqual({ left: 0.6, right: 0.2, top: 0.3, bottom: 0.1 });
    expect(turnMargins(lopsided, 180)).toEqual({ left: 0.3, right: 0.1, top: 0.2, bottom: 0.6 });
    expect(turnMargins(lopsided, 270)).toEqual({ left: 0.2, right: 0.6, top: 0.1, bottom: 0.3 });
  });
});
