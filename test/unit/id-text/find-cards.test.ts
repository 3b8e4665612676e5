/**
 * Cards found by their outline, on grey pictures drawn here: a card held at a slant with
 * print on it, and the outlines that are not cards (a barcode, a screenshot's panel, a
 * page, a small label).
 */
import { describe, expect, it } from 'vitest';
import { boundsOf, CARD_DEFAULTS, cardsWithPrint, findCards, quadArea } from '../../../src/engines/ocr/find-cards';
import { readIdText, type RawLine, type TextPorts } from '../../../src/engines/ocr/read-text';
import { findTextRegions, type Gray, type Rect } from '../../../src/engines/ocr/text-regions';

/** A deterministic noise source, so the background is textured but the same every run. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Drawn {
  /** Centre, size and slant of the rectangle. */
  cx: number;
  cy: number;
  w: number;
  h: number;
  deg: number;
  /** Grey of the face and of the print. */
  fill: number;
  ink: number;
  /** Where print lies, as shares of the rectangle [x, y, w, h]; print is 3 px strokes every 6 px. */
  print: [number, number, number, number][];
  /** Slant of the sides against the top and bottom, in degrees (0: a rectangle). */
  shear?: number;
  /** A symbol's modules (4 px squares, as a QR code's) over the whole face but a 2 px rim, instead of print. */
  bars?: boolean;
  /** The face fades into the background's grey towards its right side, but for its top 30 %: that side is mostly no edge. */
  fade?: boolean;
}

/** The grey at one point of the rectangle's face, or undefined off it. */
function faceAt(r: Drawn, x: number, y: number): number | undefined {
  // Into the rectangle's own frame (u across, v down), from its top left corner.
  const cos = Math.cos((r.deg * Math.PI) / 180);
  const sin = Math.sin((r.deg * Math.PI) / 180);
  const dx = x - r.cx;
  const dy = y - r.cy;
  const v = -dx * sin + dy * cos + r.h / 2;
  const u = dx * cos + dy * sin + r.w / 2 - (v - r.h / 2) * Math.tan(((r.shear ?? 0) * Math.PI) / 180);
  if (u < 0 || v < 0 || u >= r.w || v >= r.h) return undefined;
  const inPrint = r.print.some(([px, py, pw, ph]) => u >= px * r.w && u < (px + pw) * r.w && v >= py * r.h && v < (py + ph) * r.h);
  const rim = u < 2 || v < 2 || u >= r.w - 2 || v >= r.h - 2;
  const module = (Math.floor(u / 4) + Math.floor(v / 4)) % 2 === 0;
  const inked = r.bars ? !rim && module : inPrint && Math.floor(u / 3) % 2 === 0 && Math.floor(v / 4) % 2 === 0;
  if (inked) return r.ink;
  // Below its top 30 %, the right side's last tenth fades into the background.
  return r.fade && v > 0.3 * r.h ? r.fill + ((90 - r.fill) * Math.max(0, u / r.w - 0.9)) / 0.1 : r.fill;
}

/**
 * A `width`×`height` grey picture: a mottled background with the rectangle drawn on it,
 * each pixel the mean of 4×4 samples, as a lens and a downscale smooth a photo's edges (a
 * hard staircase would give a slanted edge the directions of its steps).
 */
function picture(width: number, height: number, r: Drawn, seed = 1): Gray {
  const rnd = noise(seed);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const back = 90 + 30 * Math.sin(x / 37) * Math.cos(y / 23);
      let sum = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) sum += faceAt(r, x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) ?? back;
      data[y * width + x] = Math.round(sum / 16 + rnd() * 8);
    }
  }
  return { data, width, height };
}

/** A bank card's print: a logo, the number, a date and the holder's name, all inside its margin. */
const CARD_PRINT: [number, number, number, number][] = [
  [0.08, 0.1, 0.3, 0.1],
  [0.08, 0.5, 0.8, 0.12],
  [0.4, 0.66, 0.2, 0.08],
  [0.08, 0.8, 0.4, 0.08],
];
const card = (deg: number): Drawn => ({ cx: 320, cy: 200, w: 300, h: 189, deg, fill: 200, ink: 40, print: CARD_PRINT });

function cardsOn(img: Gray) {
  return cardsWithPrint(findCards(img), findTextRegions(img), img);
}

describe('findCards', () => {
  it('finds a card held at a slant, its box round the whole card', () => {
    const img = picture(640, 400, card(-7));
    const found = cardsOn(img);
    expect(found).toHaveLength(1);
    const [x, y, w, h] = boundsOf(found[0]!.corners);
    // The slanted card's own bounds: 300×189 turned 7° spans ~321×224 round (320, 200).
    expect(Math.abs(x + w / 2 - 320)).toBeLessThan(6);
    expect(Math.abs(y + h / 2 - 200)).toBeLessThan(6);
    expect(Math.abs(w - 321)).toBeLessThan(10);
    expect(Math.abs(h - 224)).toBeLessThan(10);
    expect(found[0]!.score).toBeGreaterThan(0.7);
  });

  it('finds it darker than its surroundings too, and slanted the other way', () => {
    const img = picture(640, 400, { ...card(9), fill: 30, ink: 220 }, 3);
    expect(cardsOn(img)).toHaveLength(1);
  });

  it('does not take a level, upright panel for a card (a screenshot)', () => {
    expect(findCards(picture(640, 400, card(0)))).toEqual([]);
  });

  // Each picture that is not a card is one with the rule under test relaxed (the control).
  it('does not take a symbol for a card: its modules run right inside its edges', () => {
    const img = picture(640, 400, { ...card(-7), bars: true, print: [] });
    expect(findCards(img)).toEqual([]);
    expect(findCards(img, { ...CARD_DEFAULTS, maxClutter: 1 })).toHaveLength(1);
  });

  it('does not take a page for a card (A4 is 1.41, too square)', () => {
    const img = picture(640, 480, { ...card(-7), w: 300, h: 300 / 1.3 });
    expect(findCards(img)).toEqual([]);
    expect(findCards(img, { ...CARD_DEFAULTS, minAspect: 1.2 })).toHaveLength(1);
  });

  it('does not take a long label for a card', () => {
    const img = picture(640, 400, { ...card(-7), w: 360, h: 360 / 2.2 });
    expect(findCards(img)).toEqual([]);
    expect(findCards(img, { ...CARD_DEFAULTS, maxAspect: 2.5 })).toHaveLength(1);
  });

  it('does not close a card with a side that is mostly no edge', () => {
    const img = picture(640, 400, { ...card(-7), fade: true });
    expect(findCards(img)).toEqual([]);
    // Three whole sides and a third of one: a mean over 0.7, so the bar on each side stops it.
    expect(findCards(img, { ...CARD_DEFAULTS, minSide: 0 })).toHaveLength(1);
    expect(findCards(img, { ...CARD_DEFAULTS, minSide: 0, minScore: 0.9 })).toEqual([]);
  });

  it('does not take a slanted parallelogram (a sign seen from below, a road marking) for a card', () => {
    const img = picture(640, 400, { ...card(-7), shear: 30 });
    expect(findCards(img)).toEqual([]);
  });

  it('finds nothing on a picture without a rectangle', () => {
    const img = picture(640, 400, { ...card(0), w: 0, h: 0 });
    expect(findCards(img)).toEqual([]);
  });
});

describe('cardsWithPrint', () => {
  it('drops an outline without print on it (a blank card-shaped panel)', () => {
    const img = picture(640, 400, { ...card(-7), print: [] });
    expect(findCards(img)).toHaveLength(1);
    expect(cardsOn(img)).toEqual([]);
  });

  it('counts only the print on the card: print on the table beside a blank card-shaped panel is not its print', () => {
    const img = picture(640, 400, { ...card(-7), cx: 380, print: [] });
    // Handwriting-like strokes on the table at the left, away from the panel.
    for (let y = 120; y < 280; y++) for (let x = 20; x < 180; x++) if (Math.floor(x / 3) % 2 === 0 && Math.floor(y / 4) % 3 === 0) img.data[y * 640 + x] = 20;
    const print = findTextRegions(img);
    expect(print.length).toBeGreaterThanOrEqual(2);
    const outlines = findCards(img);
    expect(outlines).toHaveLength(1);
    expect(cardsWithPrint(outlines, print, img)).toEqual([]);
    expect(cardsWithPrint(outlines, print, img, { ...CARD_DEFAULTS, minPrint: 0 })).toHaveLength(1);
  });

  it('drops a card too small in the frame to be what was photographed', () => {
    const img = picture(640, 480, { ...card(-7), cy: 240, w: 150, h: 94 });
    expect(findCards(img)).toEqual([]); // its short side is under a fifth of the picture's
    const outlines = findCards(img, { ...CARD_SMALL });
    expect(outlines.length).toBeGreaterThan(0);
    expect(quadArea(outlines[0]!.corners)).toBeLessThan(0.08 * 640 * 480);
    expect(cardsWithPrint(outlines, findTextRegions(img), img)).toEqual([]);
  });
});

/** Ports over `img` whose recogniser reads `lines` (in picture pixels) wherever they fall in a crop. */
function ports(img: Gray, lines: { text: string; box: Rect }[] = []): TextPorts {
  let last: { src: Rect; scale: number } = { src: { x: 0, y: 0, w: img.width, h: img.height }, scale: 1 };
  return {
    width: img.width,
    height: img.height,
    crop: (src, scale) => {
      last = { src, scale };
      const w = Math.max(1, Math.round(src.w * scale));
      const h = Math.max(1, Math.round(src.h * scale));
      const data = new Uint8Array(w * h);
      // The mean of the pixels each crop pixel covers, as a canvas's smooth downscale.
      const step = Math.max(1, Math.round(1 / scale));
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          let sum = 0;
          for (let dy = 0; dy < step; dy++) for (let dx = 0; dx < step; dx++) sum += img.data[Math.min(img.height - 1, Math.floor(src.y + y / scale) + dy) * img.width + Math.min(img.width - 1, Math.floor(src.x + x / scale) + dx)] ?? 0;
          data[y * w + x] = Math.round(sum / (step * step));
        }
      }
      return { data, width: w, height: h };
    },
    cropLevelled: (src, scale) => {
      const gray = ports(img, lines).crop(src, scale);
      return { gray, toBitmap: (x, y) => [src.x + x / scale, src.y + y / scale] };
    },
    recognize: () => {
      const { src, scale } = last;
      const read: RawLine[] = lines
        .filter((l) => l.box.x >= src.x && l.box.y >= src.y && l.box.x + l.box.w <= src.x + src.w && l.box.y + l.box.h <= src.y + src.h)
        .map((l) => ({ text: l.text, confidence: 90, bbox: { x0: (l.box.x - src.x) * scale, y0: (l.box.y - src.y) * scale, x1: (l.box.x + l.box.w - src.x) * scale, y1: (l.box.y + l.box.h - src.y) * scale } }));
      return Promise.resolve(read);
    },
  };
}

describe('the text check and cards', () => {
  // A 1280×800 photo: the finder looks at it at half size, so the card's box is scaled back.
  const photo = picture(1280, 800, { ...card(-7), cx: 640, cy: 400, w: 600, h: 378 });

  it('reports a card whose print reads as nothing, boxed round the whole card on the photo', async () => {
    const found = await readIdText(ports(photo), 1);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'id-text', field: 'card' });
    const [x, y, w, h] = found[0]!.box!;
    // The slanted card spans ~642×447 round (640, 400); the box adds 4 % of its long side.
    expect(x).toBeLessThanOrEqual(640 - 321);
    expect(y).toBeLessThanOrEqual(400 - 224);
    expect(x + w).toBeGreaterThanOrEqual(640 + 321);
    expect(y + h).toBeGreaterThanOrEqual(400 + 224);
    expect(w).toBeLessThan(642 * 1.15);
    expect(h).toBeLessThan(447 * 1.2);
  });

  it('reports the number, not the outline, when the card number is read', async () => {
    const number = { text: '5391 2320 6127 9498', box: { x: 420, y: 400, w: 480, h: 40 } };
    const found = await readIdText(ports(photo, [number]), 1);
    expect(found.some((f) => f.field === 'card-number')).toBe(true);
    expect(found.some((f) => f.field === 'card')).toBe(false);
  });

  it('reports no card on a photo without print', async () => {
    const blank = picture(1280, 800, { ...card(-7), cx: 640, cy: 400, w: 600, h: 378, print: [] });
    expect(await readIdText(ports(blank), 1)).toEqual([]);
  });
});

/** The finder's size bar lowered, so the size rule of cardsWithPrint is what is tested. */
const CARD_SMALL = { minAspect: 1.42, maxAspect: 1.78, minShortShare: 0.1, minSide: 0.35, minScore: 0.7, maxClutter: 0.3, minAreaShare: 0.08, minPrint: 2 };
