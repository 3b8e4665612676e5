/**
 * The text check's order of work with fake crops and a fake recogniser: where the boxes of
 * each reading land on the picture, and which readings are made.
 */
import { describe, expect, it } from 'vitest';
import { levelledFrame } from '../../../src/engines/ocr/levelled-frame';
import { lineBox, padLineBox, readIdText, regionsOnPicture, type ReadMode, type TextPorts } from '../../../src/engines/ocr/read-text';
import type { Gray, Rect } from '../../../src/engines/ocr/text-regions';

/** A grey picture with dark strokes where print is, so that the region finder sees text. */
function printed(width: number, height: number, rows: Rect[]): Gray {
  const data = new Uint8Array(width * height).fill(255);
  for (const r of rows) {
    for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) if ((x + y) % 3 === 0) data[y * width + x] = 0;
  }
  return { data, width, height };
}

/** A printed line, in picture pixels. */
interface Printed {
  text: string;
  box: Rect;
}

/**
 * Crops sample the picture; the recogniser reports the lines that fall in the last crop,
 * in that crop's pixels (offset by the region, times the scale), as tesseract does.
 */
function fakePorts(picture: Gray, read: (mode: ReadMode) => Printed[]): TextPorts & { modes: ReadMode[] } {
  const modes: ReadMode[] = [];
  let last: { src: Rect; scale: number } = { src: { x: 0, y: 0, w: picture.width, h: picture.height }, scale: 1 };
  return {
    width: picture.width,
    height: picture.height,
    modes,
    crop: (src, scale) => {
      last = { src, scale };
      const w = Math.max(1, Math.round(src.w * scale));
      const h = Math.max(1, Math.round(src.h * scale));
      const data = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = picture.data[Math.floor(src.y + y / scale) * picture.width + Math.floor(src.x + x / scale)] ?? 255;
      return { data, width: w, height: h };
    },
    cropLevelled: () => {
      throw new Error('no levelled reading expected');
    },
    recognize: (_gray, mode) => {
      modes.push(mode);
      const { src, scale } = last;
      const within = read(mode).filter((l) => l.box.x >= src.x && l.box.y >= src.y && l.box.x + l.box.w <= src.x + src.w && l.box.y + l.box.h <= src.y + src.h);
      return Promise.resolve(within.map((l) => ({
        text: l.text,
        bbox: { x0: (l.box.x - src.x) * scale, y0: (l.box.y - src.y) * scale, x1: (l.box.x + l.box.w - src.x) * scale, y1: (l.box.y + l.box.h - src.y) * scale },
        confidence: 90,
      })));
    },
  };
}

const raw = (text: string, x: number, y: number, w: number, h: number): Printed => ({ text, box: { x, y, w, h } });

describe('boxes of an enlarged small picture', () => {
  it('land on the picture where the line is, not where the enlarged crop had it', async () => {
    // 400×250 card: read at 3× (the small-picture rule), so the recogniser's pixels are 3× the picture's.
    const picture = printed(400, 250, [{ x: 20, y: 180, w: 360, h: 14 }, { x: 20, y: 200, w: 360, h: 14 }]);
    const mrz1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
    const mrz2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
    const ports = fakePorts(picture, () => [raw(mrz1, 20, 180, 360, 14), raw(mrz2, 20, 200, 360, 14)]);
    const found = await readIdText(ports, 1);
    const mrz = found.filter((f) => f.field === 'mrz');
    expect(mrz).toHaveLength(2);
    // Padded by a third of the line height above and below: rows 180 and 200, not 540 and 600.
    expect(mrz[0]?.box).toEqual(padLineBox([20, 180, 360, 14], 400, 250));
    expect(mrz[1]?.box?.[1]).toBeLessThan(200);
    expect(mrz[1]?.box?.[1]).toBeGreaterThan(190);
  });

  it('reads an ID document a second time, sparse, and boxes what only that reading found', async () => {
    const picture = printed(400, 250, [{ x: 20, y: 40, w: 120, h: 30 }, { x: 20, y: 200, w: 360, h: 14 }]);
    const mrz = 'VIUSATRAVELER<<HAPPYPERSON<<<LLLLLLLLKLLKLLLLKL';
    const ports = fakePorts(picture, (mode) => mode.sparse
      ? [raw('Surname', 20, 40, 60, 10), raw('TRAVELER', 20, 54, 80, 14), raw(mrz, 20, 200, 360, 14)]
      : [raw(mrz, 20, 200, 360, 14)]);
    const found = await readIdText(ports, 1);
    // Every region read once automatic, then once sparse.
    const sparse = ports.modes.filter((m) => m.sparse).length;
    expect(sparse).toBeGreaterThan(0);
    expect(sparse).toBe(ports.modes.length - sparse);
    expect(found.filter((f) => f.field === 'mrz')).toHaveLength(1);
    const name = found.filter((f) => f.field === 'name');
    expect(name.length).toBeGreaterThan(0);
    for (const f of name) expect(f.box?.[1]).toBeGreaterThanOrEqual(54 - 14 / 3 - 1);
  });

  it('reads once when nothing ID-like is found', async () => {
    const picture = printed(400, 250, [{ x: 20, y: 40, w: 300, h: 14 }]);
    const ports = fakePorts(picture, () => [raw('Apply twice a day', 20, 40, 300, 14)]);
    expect(await readIdText(ports, 1)).toEqual([]);
    expect(ports.modes).toHaveLength(1);
  });
});

describe('print that runs down the picture', () => {
  it('is read a quarter turn round, and its boxes land on the upright picture', async () => {
    // A passport's two MRZ lines photographed sideways: two tall strips of print.
    const picture = printed(250, 400, [{ x: 180, y: 20, w: 14, h: 360 }, { x: 200, y: 20, w: 14, h: 360 }]);
    const mrz1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
    const mrz2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
    const turns: number[] = [];
    let levelled: { width: number; height: number } | undefined;
    const plain = fakePorts(picture, () => []);
    const ports: TextPorts = {
      ...plain,
      cropLevelled: (src, scale, angle) => {
        turns.push(angle);
        const frame = levelledFrame(src, scale, angle);
        levelled = frame;
        return { gray: { data: new Uint8Array(frame.width * frame.height).fill(255), width: frame.width, height: frame.height }, toBitmap: frame.toBitmap };
      },
      recognize: (gray, mode) => {
        // Only the turned crop (wider than tall) reads as the MRZ.
        if (!levelled || gray.width !== levelled.width || gray.width < gray.height) return plain.recognize(gray, mode);
        const w = gray.width;
        const h = gray.height;
        return Promise.resolve([
          { text: mrz1, bbox: { x0: 0, y0: h * 0.35, x1: w, y1: h * 0.45 }, confidence: 90 },
          { text: mrz2, bbox: { x0: 0, y0: h * 0.55, x1: w, y1: h * 0.65 }, confidence: 90 },
        ]);
      },
    };
    const found = await readIdText(ports, 1);
    expect(turns[0]).toBe(-90);
    const mrz = found.filter((f) => f.field === 'mrz');
    expect(mrz).toHaveLength(2);
    for (const f of mrz) {
      const [x, , w, h] = f.box!;
      expect(h).toBeGreaterThan(w * 5); // a column, not a row
      expect(x).toBeGreaterThan(150);
      expect(x + w).toBeLessThanOrEqual(250);
    }
  });

  it('is not turned when nothing in the picture runs down it', async () => {
    const picture = printed(400, 250, [{ x: 20, y: 40, w: 300, h: 14 }, { x: 20, y: 60, w: 300, h: 14 }]);
    const ports = fakePorts(picture, () => []);
    expect(await readIdText(ports, 1)).toEqual([]); // cropLevelled would throw
  });
});

describe('geometry', () => {
  it('a levelled crop maps its points back onto the tilted print', () => {
    const src: Rect = { x: 100, y: 50, w: 400, h: 300 };
    const frame = levelledFrame(src, 2, 10);
    // The crop's centre is the region's centre.
    const [cx, cy] = frame.toBitmap(frame.width / 2, frame.height / 2);
    expect(cx).toBeCloseTo(300, 6);
    expect(cy).toBeCloseTo(200, 6);
    // A level line in the crop goes down to the right on the picture by the tilt.
    const a = frame.toBitmap(100, 300);
    const b = frame.toBitmap(700, 300);
    expect(Math.atan2(b[1] - a[1], b[0] - a[0]) * (180 / Math.PI)).toBeCloseTo(10, 6);
    // Lengths shrink by the scale.
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(300, 6);
  });

  it('the box of a levelled line surrounds the tilted line', () => {
    const frame = levelledFrame({ x: 0, y: 0, w: 1000, h: 600 }, 1, 20);
    const box = lineBox({ x0: 200, y0: 300, x1: 800, y1: 330 }, frame.toBitmap, 1);
    for (const [x, y] of [[200, 300], [800, 330]] as const) {
      const [px, py] = frame.toBitmap(x, y);
      expect(px).toBeGreaterThanOrEqual(box[0] - 1);
      expect(py).toBeGreaterThanOrEqual(box[1] - 1);
      expect(px).toBeLessThanOrEqual(box[0] + box[2] + 1);
      expect(py).toBeLessThanOrEqual(box[1] + box[3] + 1);
    }
  });

  it('regions found on the finder copy scale back by that copy’s own size and stay inside', () => {
    expect(regionsOnPicture([{ x: 600, y: 400, w: 40, h: 80 }], { width: 640, height: 480 }, 1333, 1000)).toEqual([{ x: 1249, y: 833, w: 84, h: 167 }]);
  });

  it('pads a line box and keeps it inside the picture', () => {
    expect(padLineBox([5, 5, 100, 30], 200, 100)).toEqual([0, 0, 135, 45]);
    // A line read a quarter turn round stands upright: its ends are top and bottom.
    expect(padLineBox([90, 20, 30, 100], 200, 300)).toEqual([80, 0, 50, 150]);
  });
});
