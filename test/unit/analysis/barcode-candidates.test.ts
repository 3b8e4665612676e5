import { describe, expect, it } from 'vitest';
import { barcodeCandidates, SMALL_PICTURE_PATCH } from '../../../src/analysis/barcodes/barcode-candidates';

/** An RGBA picture filled by `grey(x, y)`. */
function picture(w: number, h: number, grey: (x: number, y: number) => number): Uint8Array {
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = Math.max(0, Math.min(255, Math.round(grey(x, y))));
      out.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return out;
}

/** A deterministic pseudo-random value in 0..1 for a pixel (no Math.random in tests). */
const noise = (x: number, y: number): number => (((x * 73856093) ^ (y * 19349663)) >>> 0) % 1000 / 1000;

/** Bars of 1-3 px, black and white, as a product code looks at the overview's scale. */
const bars = (x: number): number => ([1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0][x % 18] ? 20 : 235);

const inside = (box: readonly number[], [x, y, w, h]: [number, number, number, number]): boolean => box[0]! <= x && box[1]! <= y && box[0]! + box[2]! >= x + w && box[1]! + box[3]! >= y + h;

describe('barcodeCandidates', () => {
  it('finds a patch of vertical bars on a skin-like background and boxes it with a margin', () => {
    const inBars = (x: number, y: number): boolean => x >= 300 && x < 396 && y >= 200 && y < 232;
    const rgba = picture(640, 480, (x, y) => (inBars(x, y) ? bars(x) : 180 + 20 * noise(x, y)));
    const found = barcodeCandidates(rgba, 640, 480);
    expect(found).toHaveLength(1);
    expect(inside(found[0]!, [300, 200, 96, 32])).toBe(true);
    // A margin, not the whole picture.
    expect(found[0]![2]).toBeLessThan(260);
  });

  it('finds bars turned 90° and 45°', () => {
    const turned = picture(400, 300, (x, y) => (x >= 100 && x < 140 && y >= 50 && y < 150 ? bars(y) : 128));
    expect(barcodeCandidates(turned, 400, 300)).toHaveLength(1);
    const diagonal = picture(400, 300, (x, y) => (x >= 100 && x < 200 && y >= 100 && y < 200 ? bars(x + y) : 128));
    expect(barcodeCandidates(diagonal, 400, 300).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a flat picture', (): number => 128],
    ['a smooth gradient', (x: number, y: number): number => x / 3 + y / 4],
    ['strong noise (hair, gravel): contrast in every direction', (x: number, y: number): number => 255 * noise(x, y)],
    ['a dark object with straight and slanted edges', (x: number, y: number): number => (x > 100 && x < 220 && y > 60 && y < 60 + (x - 100) ? 10 : 240)],
    ['squares of 6 px (contrast both ways)', (x: number, y: number): number => ((Math.floor(x / 6) + Math.floor(y / 6)) % 2 ? 0 : 255)],
  ])('finds nothing in %s', (_name, grey) => {
    expect(barcodeCandidates(picture(320, 240, grey), 320, 240)).toEqual([]);
  });

  it('returns at most `max` candidates, largest first, and nothing for a tiny picture', () => {
    const many = picture(800, 200, (x, y) => (y >= 40 && y < 80 && x % 100 < 24 + Math.floor(x / 100) * 8 ? bars(x) : 128));
    const found = barcodeCandidates(many, 800, 200, { max: 3 });
    expect(found.length).toBeLessThanOrEqual(3);
    expect(barcodeCandidates(picture(10, 10, () => 0), 10, 10)).toEqual([]);
  });

  describe('a patch worth a second read on a small picture', () => {
    /** A QR-like block: square modules of `m` px, dark or light by a fixed pattern. */
    const modules = (m: number) => (x: number, y: number): number => ((Math.floor(x / m) * 7 + Math.floor(y / m) * 13) % 5 < 2 ? 30 : 225);

    it('finds QR modules, which contrast in every direction, not only bars', () => {
      const qr = modules(3);
      const rgba = picture(468, 440, (x, y) => (x >= 130 && x < 310 && y >= 80 && y < 250 ? qr(x, y) : 200 + 15 * noise(x, y)));
      expect(barcodeCandidates(rgba, 468, 440)).toEqual([]);
      expect(barcodeCandidates(rgba, 468, 440, SMALL_PICTURE_PATCH)).toHaveLength(1);
    });

    it('finds none on a smooth photo with a few small dark marks', () => {
      const at = Array.from({ length: 30 }, (_, i) => [(i * 97) % 640, (i * 53) % 480] as const);
      const marks = (x: number, y: number): boolean => at.some(([mx, my]) => x >= mx && x < mx + 12 && y >= my && y < my + 9);
      const rgba = picture(640, 480, (x, y) => (marks(x, y) ? 90 : 220 - (x + y) / 14 + 6 * noise(x, y)));
      expect(barcodeCandidates(rgba, 640, 480, SMALL_PICTURE_PATCH)).toEqual([]);
    });
  });
});
