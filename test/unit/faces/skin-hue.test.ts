import { describe, expect, it } from 'vitest';
import { colourfulness, faceMiddle, HUE_CHECK_BELOW, keepsFace, MIN_COLOUR, MIN_WARM_SHARE, warmShare } from '../../../src/analysis/faces/skin-hue';

/** RGBA pixels: `count` of each colour, in order. */
function pixels(...runs: Array<[number, [number, number, number]]>): Uint8ClampedArray {
  const out: number[] = [];
  for (const [count, [r, g, b]] of runs) for (let i = 0; i < count; i++) out.push(r, g, b, 255);
  return new Uint8ClampedArray(out);
}

const lightSkin: [number, number, number] = [224, 172, 150];
const darkSkin: [number, number, number] = [92, 58, 44];
const dimSkin: [number, number, number] = [30, 21, 19];
const leaf: [number, number, number] = [60, 120, 40];
const sky: [number, number, number] = [120, 160, 220];
const grey: [number, number, number] = [128, 128, 128];

describe('warmShare', () => {
  it('counts skin of every tone and in a dim room as warm', () => {
    expect(warmShare(pixels([4, lightSkin], [4, darkSkin], [4, dimSkin]))).toBe(1);
  });

  it('counts leaves, sky and grey as not warm', () => {
    expect(warmShare(pixels([1, leaf], [1, sky], [1, grey]))).toBe(0);
  });

  it('is the share of warm pixels', () => {
    expect(warmShare(pixels([1, lightSkin], [3, leaf]))).toBe(0.25);
    expect(warmShare(new Uint8ClampedArray(0))).toBe(0);
  });

  it('needs red above green, and green at least 0.9 of blue', () => {
    expect(warmShare(pixels([1, [100, 100, 90]]))).toBe(0);
    expect(warmShare(pixels([1, [120, 90, 100]]))).toBe(1);
    expect(warmShare(pixels([1, [120, 89, 100]]))).toBe(0);
  });
});

describe('colourfulness', () => {
  it('is 0 for a grey picture and grows with hue', () => {
    expect(colourfulness(pixels([10, grey], [10, [20, 20, 20]]))).toBe(0);
    expect(colourfulness(pixels([1, [100, 90, 95]], [1, grey]))).toBe(7.5);
    expect(colourfulness(new Uint8ClampedArray(0))).toBe(0);
  });
});

describe('faceMiddle', () => {
  it('takes a fifth off each side', () => {
    expect(faceMiddle([100, 50, 50, 100])).toEqual([110, 70, 30, 60]);
  });
});

describe('keepsFace', () => {
  const weak = HUE_CHECK_BELOW - 0.01;
  const colour = (): number => MIN_COLOUR;
  const box: [number, number, number, number] = [0, 0, 50, 50];

  it('drops a weak detection in a colour photo where nothing is warm', () => {
    expect(keepsFace(weak, box, colour, () => pixels([10, leaf]))).toBe(false);
  });

  it('keeps a weak detection whose middle is warm enough', () => {
    const share = Math.ceil(MIN_WARM_SHARE * 10);
    expect(keepsFace(weak, box, colour, () => pixels([share, darkSkin], [10 - share, grey]))).toBe(true);
    expect(keepsFace(weak, box, colour, () => pixels([share - 1, darkSkin], [11 - share, grey]))).toBe(false);
  });

  it('keeps strong detections without reading any pixel, and detections in grey photos without reading the box', () => {
    const never = (): never => {
      throw new Error('looked');
    };
    expect(keepsFace(HUE_CHECK_BELOW, box, never, never)).toBe(true);
    expect(keepsFace(weak, box, () => MIN_COLOUR - 0.1, never)).toBe(true);
  });

  it('reads the middle of the box', () => {
    const asked: number[][] = [];
    keepsFace(weak, [100, 50, 50, 100], colour, (b) => {
      asked.push(b);
      return pixels([1, lightSkin]);
    });
    expect(asked).toEqual([[110, 70, 30, 60]]);
  });
});
