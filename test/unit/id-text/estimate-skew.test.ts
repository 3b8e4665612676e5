import { describe, expect, it } from 'vitest';
import { estimateSkew } from '../../../src/engines/ocr/estimate-skew';

/** Dashed "text lines" drawn at `deg` degrees on a white page. */
function page(deg: number): { data: Uint8Array; width: number; height: number } {
  const width = 400;
  const height = 300;
  const data = new Uint8Array(width * height).fill(255);
  const t = (deg * Math.PI) / 180;
  for (let line = 0; line < 6; line++) {
    for (let x = 20; x < 380; x++) {
      if (x % 7 > 3) continue; // gaps between "letters"
      for (let thick = 0; thick < 5; thick++) {
        const y = Math.round(60 + line * 35 + thick + (x - 200) * Math.tan(t));
        if (y >= 0 && y < height) data[y * width + x] = 0;
      }
    }
  }
  return { data, width, height };
}

describe('estimateSkew', () => {
  it('finds the tilt of printed lines', () => {
    expect(estimateSkew(page(0)).angle).toBe(0);
    expect(Math.abs(estimateSkew(page(12)).angle - 12)).toBeLessThanOrEqual(2);
    expect(Math.abs(estimateSkew(page(-16)).angle + 16)).toBeLessThanOrEqual(2);
  });
  it('says nothing about a blank picture', () => {
    const blank = { data: new Uint8Array(100 * 100).fill(200), width: 100, height: 100 };
    expect(estimateSkew(blank)).toEqual({ angle: 0, gain: 1 });
  });
});
