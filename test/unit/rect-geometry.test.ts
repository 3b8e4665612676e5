import { describe, expect, it } from 'vitest';
import { boxFromPoints, boxWithinCrop, centredBox, clampBox, dragHandle, moveBox, placePercent, resizeBox, toImagePoint } from '../../src/imaging/rect-geometry';

const size = { width: 100, height: 80 };

describe('rect geometry', () => {
  it('spans a box from two points in any order, clamped to the image', () => {
    expect(boxFromPoints(50, 40, 10, 5, size)).toEqual([10, 5, 40, 35]);
    expect(boxFromPoints(-20, -5, 300, 10, size)).toEqual([0, 0, 100, 10]);
  });
  it('keeps moved boxes inside the image', () => {
    expect(moveBox([90, 70, 20, 20], 5, 5, size)).toEqual([80, 60, 20, 20]);
    expect(moveBox([0, 0, 20, 20], -5, -5, size)).toEqual([0, 0, 20, 20]);
    expect(clampBox([-10, -10, 500, 500], size)).toEqual([0, 0, 100, 80]);
  });
  it('resizes within limits', () => {
    expect(resizeBox([10, 10, 20, 20], -100, 5, size)).toEqual([10, 10, 8, 25]);
    expect(resizeBox([10, 10, 20, 20], 500, 0, size)).toEqual([10, 10, 90, 20]);
  });
  it('drags crop handles without inverting the box', () => {
    expect(dragHandle([10, 10, 50, 50], 'se', 10, 10, size)).toEqual([10, 10, 60, 60]);
    expect(dragHandle([10, 10, 50, 50], 'nw', 100, 100, size)).toEqual([44, 44, 16, 16]);
    expect(dragHandle([10, 10, 50, 50], 'w', -50, 0, size)).toEqual([0, 10, 60, 50]);
  });
  it('maps boxes into a crop and drops those outside it', () => {
    expect(boxWithinCrop([20, 20, 30, 30], [10, 10, 20, 20])).toEqual([10, 10, 10, 10]);
    expect(boxWithinCrop([0, 0, 5, 5], [10, 10, 20, 20])).toBeUndefined();
  });
  it('centres a default box', () => {
    expect(centredBox(size)).toEqual([38, 30, 25, 20]);
  });
  it('places a box in % of the picture, inside it', () => {
    expect(placePercent([25, 20, 50, 40], size)).toEqual([25, 25, 50, 50]);
    expect(placePercent([90, 70, 50, 50], size)).toEqual([50, 37.5, 50, 62.5]);
  });
  it('maps a pointer over the shown picture to pixels of the image', () => {
    const shown = { left: 10, top: 20, width: 200, height: 160 };
    expect(toImagePoint(10, 20, shown, size)).toEqual([0, 0]);
    expect(toImagePoint(110, 100, shown, size)).toEqual([50, 40]);
    expect(toImagePoint(210, 180, shown, size)).toEqual([100, 80]);
  });
});

describe('rect geometry edges', () => {
  it('a keyboard resize stops at the bottom and right of the image', () => {
    expect(resizeBox([10, 60, 20, 10], 500, 500, size)).toEqual([10, 60, 90, 20]);
  });

  it('dragging the right or bottom edge past the other side leaves the smallest box', () => {
    expect(dragHandle([10, 10, 40, 40], 'e', -100, 0, size)).toEqual([10, 10, 16, 40]);
    expect(dragHandle([10, 10, 40, 40], 's', 0, -100, size)).toEqual([10, 10, 40, 16]);
  });

  it('a box outside the crop, or only touching it, has no part in it', () => {
    const crop: [number, number, number, number] = [20, 20, 40, 40];
    expect(boxWithinCrop([0, 0, 10, 10], crop)).toBeUndefined();
    expect(boxWithinCrop([0, 30, 20, 10], crop)).toBeUndefined();
    expect(boxWithinCrop([30, 0, 10, 20], crop)).toBeUndefined();
    expect(boxWithinCrop([70, 30, 10, 10], crop)).toBeUndefined();
    expect(boxWithinCrop([30, 70, 10, 10], crop)).toBeUndefined();
  });
});
