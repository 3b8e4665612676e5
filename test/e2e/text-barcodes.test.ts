import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { readAllPasses, readerUnavailable } from '../../scripts/lib/tesseract-cli';
import { startSuite, writeTemp, type Suite } from '../support/e2e';
import { withExif } from '../support/exif-builder';
import { cardChange, CARD_SCENE, drawUnreadableCard } from '../support/drawn-card';
import { buildPixelTiff, DNG_VERSION_TAG, samplesFromRgba } from '../support/tiff-builder';
// What window.uploadGuardScan answers (the scan page itself, not the printed line).
import type { ScanLine as Line } from '../../src/scan/scan';

/**
 * OCR and barcode reading from the built extension, offline, on pictures made here: a
 * hospital-wristband-like label (drawn text) and a QR code holding a patient record. The
 * scan page runs the same worker and engines as the review frame; the suite's proxy records
 * that nothing was fetched.
 */
let suite: Suite;
let scanPage: Page;

async function scanFile(path: string, withCopy = false, checks?: string[]): Promise<Line> {
  await scanPage.setInputFiles('#files', path);
  return scanPage.evaluate(([copy, only]) => window.uploadGuardScan(0, copy, only as never), [withCopy, checks] as const);
}

/** Why the independent reader (Debian's tesseract CLI) cannot run here; `.ci/run` installs it. */
const noReader = readerUnavailable(['eng']);
if (noReader) console.log(`payment-card copy check skipped: ${noReader}`);

/** Draws a label with the given lines, optionally with a PNG (a barcode) beside it, as a JPEG. */
async function drawLabel(page: Page, lines: string[], barcodePng?: Buffer): Promise<Uint8Array> {
  const b64 = await page.evaluate(
    async ({ lines, barcode }) => {
      const canvas = new OffscreenCanvas(1400, 700);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#d9b8a0'; // skin-like background around the label
      ctx.fillRect(0, 0, 1400, 700);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(80, 120, 1240, 460);
      ctx.fillStyle = '#111111';
      ctx.font = '48px sans-serif';
      lines.forEach((line, i) => ctx.fillText(line, 120, 210 + i * 80));
      if (barcode) {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(barcode), (c) => c.charCodeAt(0))]));
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(bitmap, 1000, 180, 280, 280);
      }
      const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { lines, barcode: barcodePng?.toString('base64') },
  );
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = join(dirname(require.resolve('zxing-wasm/writer')), '../../writer/zxing_writer.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer }, fireImmediately: true });
  suite = await startSuite();
  scanPage = await suite.browser.context.newPage();
  await scanPage.goto(`chrome-extension://${suite.browser.extensionId}/src/scan/scan.html`);
  await scanPage.waitForFunction(() => window.uploadGuardReady === true, undefined, { polling: 50 });
});

afterAll(async () => {
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
});

describe('text and barcodes', () => {
  it('reads a labelled name, birth date and patient number, and boxes them', async () => {
    const jpeg = await drawLabel(scanPage, ['Patient: JANE DOE', 'DOB: 12/03/1984', 'MRN: 884412907']);
    const line = await scanFile(writeTemp(suite, 'wristband.jpg', jpeg));
    const text = line.findings.filter((f) => f.kind === 'id-text');
    expect(text.length).toBeGreaterThanOrEqual(2);
    expect(text.map((f) => f.field)).toEqual(expect.arrayContaining(['birth-date']));
    for (const f of text) {
      expect(f.box?.length).toBe(4);
      // Snippets are short and never the whole recognised text.
      expect((f.text ?? '').length).toBeLessThanOrEqual(40);
    }
  });

  it('reads a QR code and says where it is', async () => {
    const qr = await writeBarcode('PATIENT:DOE^JANE;DOB:1984-03-12;MRN:884412907', { format: 'QRCode', scale: 8 });
    const png = Buffer.from(await qr.image!.arrayBuffer());
    const jpeg = await drawLabel(scanPage, ['Ward 4B'], png);
    const line = await scanFile(writeTemp(suite, 'label-qr.jpg', jpeg));
    const code = line.findings.find((f) => f.kind === 'barcode');
    expect(code?.format).toMatch(/QR/i);
    const [x, y, w, h] = code!.box!;
    // The QR was drawn at 1000,180 (280×280).
    expect(x).toBeGreaterThan(950);
    expect(y).toBeGreaterThan(130);
    expect(x + w).toBeLessThan(1330);
    expect(y + h).toBeLessThan(510);
  });

  // Photos above 16 MP are checked on a smaller copy (a JPEG is decoded straight at n/8 of
  // its size, anything else decoded whole and scaled): what is found must still be reported
  // where it is in the full, upright picture.
  for (const c of [
    // `stored` maps an upright pixel to where the file stores it (a canvas transform).
    { name: 'a 20 MP JPEG', type: 'image/jpeg', orientation: 1, stored: undefined },
    // Orientation 6 shows the stored pixels turned 90° clockwise: store them turned back.
    { name: 'a 20 MP JPEG stored on its side (EXIF orientation 6)', type: 'image/jpeg', orientation: 6, stored: [0, -1, 1, 0, 0, 5000] },
    // Orientation 5 shows them transposed (mirrored and turned).
    { name: 'a 20 MP JPEG stored mirrored and turned (EXIF orientation 5)', type: 'image/jpeg', orientation: 5, stored: [0, 1, 1, 0, 0, 0] },
    { name: 'a 20 MP PNG', type: 'image/png', orientation: 1, stored: undefined },
  ] as const) {
    it(`places a QR code in ${c.name} on the full picture`, async () => {
      const qr = await writeBarcode('PATIENT:DOE^JANE;MRN:884412907', { format: 'QRCode', scale: 8 });
      const bytes = await scanPage.evaluate(
        async ({ qr, type, stored: transform }) => {
          // Upright: 5000×4000, the QR at 3200,600 (1200×1200).
          const upright = new OffscreenCanvas(5000, 4000);
          const u = upright.getContext('2d')!;
          u.fillStyle = '#d9b8a0';
          u.fillRect(0, 0, 5000, 4000);
          u.fillStyle = '#ffffff';
          u.fillRect(3100, 500, 1400, 1400);
          u.imageSmoothingEnabled = false;
          u.drawImage(await createImageBitmap(new Blob([Uint8Array.from(atob(qr), (ch) => ch.charCodeAt(0))])), 3200, 600, 1200, 1200);
          let stored = upright;
          if (transform) {
            stored = new OffscreenCanvas(4000, 5000);
            const s = stored.getContext('2d')!;
            s.setTransform(...(transform as [number, number, number, number, number, number]));
            s.drawImage(upright, 0, 0);
          }
          const out = new Uint8Array(await (await stored.convertToBlob({ type, quality: 0.9 })).arrayBuffer());
          let b = '';
          for (let i = 0; i < out.length; i += 0x8000) b += String.fromCharCode(...out.subarray(i, i + 0x8000));
          return btoa(b);
        },
        { qr: Buffer.from(await qr.image!.arrayBuffer()).toString('base64'), type: c.type, stored: c.stored },
      );
      let file: Uint8Array = new Uint8Array(Buffer.from(bytes, 'base64'));
      if (c.orientation !== 1) file = withExif(file, { orientation: c.orientation });
      const line = await scanFile(writeTemp(suite, `large-${c.orientation}.${c.type === 'image/png' ? 'png' : 'jpg'}`, file));
      expect(line.error).toBeNull();
      expect([line.width, line.height]).toEqual([5000, 4000]);
      const code = line.findings.find((f) => f.kind === 'barcode');
      expect(code?.format).toMatch(/QR/i);
      const [x, y, w, h] = code!.box!;
      // The symbol (without its quiet zone) is centred where the QR was drawn, at full scale:
      // 1200 px drawn, ~910 px of it the symbol (the rest is the quiet zone).
      expect(Math.abs(x + w / 2 - 3800)).toBeLessThan(15);
      expect(Math.abs(y + h / 2 - 1200)).toBeLessThan(15);
      for (const side of [w, h]) {
        expect(side).toBeGreaterThan(880);
        expect(side).toBeLessThan(940);
      }
    }, 60_000);
  }

  it('reports a payment card number and the holder name under it, and the copy covers both', async () => {
    // A published test number (passes Luhn, charges no one), drawn as a card prints it.
    const jpeg = await drawLabel(scanPage, ['EXAMPLE BANK', '4242 4242 4242 4242', 'VALID THRU 12/28', 'JANE SAMPLE']);
    const line = await scanFile(writeTemp(suite, 'card.jpg', jpeg), true);
    const text = line.findings.filter((f) => f.kind === 'id-text');
    expect(text.map((f) => f.field)).toEqual(expect.arrayContaining(['card-number', 'name']));
    const card = text.find((f) => f.field === 'card-number')!;
    // The number's line was drawn at y 210+80 (baseline), 48 px type.
    expect(card.box![1]).toBeGreaterThan(230);
    expect(card.box![1]).toBeLessThan(300);
    expect(card.text).not.toMatch(/4242/);
    if (!line.protected || !('base64' in line.protected)) throw new Error(`no protected copy: ${JSON.stringify(line.protected)}`);
    if (noReader) return;
    const copy = writeTemp(suite, 'card-protected.jpg', new Uint8Array(Buffer.from(line.protected.base64, 'base64')));
    const read = ((await readAllPasses(copy, ['eng'])) ?? []).join(' ');
    // The reader reads the original's number and name (the control), and neither in the copy.
    const original = ((await readAllPasses(writeTemp(suite, 'card-original.jpg', jpeg), ['eng'])) ?? []).join(' ');
    expect(original.replace(/\s/g, '')).toContain('4242424242424242');
    expect(original).toMatch(/SAMPLE/);
    expect(read.replace(/\s/g, '')).not.toMatch(/42424242/);
    expect(read).not.toMatch(/SAMPLE/);
    expect(read).toMatch(/EXAMPLE BANK|VALID/); // the rest of the card is still there
  }, 60_000);

  it('reports a card whose print cannot be read by its outline, and the copy covers the whole card', async () => {
    const b64 = await drawUnreadableCard(scanPage);
    const line = await scanFile(writeTemp(suite, 'unreadable-card.jpg', new Uint8Array(Buffer.from(b64, 'base64'))), true);
    expect(line.error).toBeNull();
    expect(line.notes).toEqual([]);
    const cards = line.findings.filter((f) => f.kind === 'id-text' && f.field === 'card');
    expect(cards).toHaveLength(1);
    // The box holds all of the turned card, and not much more.
    const [x, y, w, h] = cards[0]!.box!;
    const [cx, cy] = CARD_SCENE.centre;
    const [hw, hh] = CARD_SCENE.halfBounds;
    expect(x).toBeLessThanOrEqual(cx - hw);
    expect(y).toBeLessThanOrEqual(cy - hh);
    expect(x + w).toBeGreaterThanOrEqual(cx + hw);
    expect(y + h).toBeGreaterThanOrEqual(cy + hh);
    expect(w * h).toBeLessThan(4 * hw * hh * 1.4);
    if (!line.protected || !('base64' in line.protected)) throw new Error(`no protected copy: ${JSON.stringify(line.protected)}`);
    // The card's number row changed past recognition in the copy, the table as it was.
    const change = await cardChange(scanPage, b64, line.protected.base64);
    expect(change.card).toBeGreaterThan(30);
    expect(change.table).toBeLessThan(8);
  }, 60_000);

  // Document scans arrive as TIFF, camera RAW as DNG: browsers open neither, so both are
  // decoded in the worker (UTIF for a TIFF page, the embedded JPEG preview of a DNG).
  describe('TIFF and DNG pixels', () => {
    const LABEL = ['Patient: JANE DOE', 'DOB: 12/03/1984', 'MRN: 884412907'];
    // Text only: a cold face engine on this busy 2-core machine can miss its own time limit
    // on the first picture, and these pictures hold no face.
    const TEXT_CHECKS = ['metadata', 'text'];

    /** The label's RGBA pixels, stored turned back so that Orientation 6 shows it upright. */
    async function labelPixels(turned: boolean): Promise<{ width: number; height: number; rgba: Uint8Array }> {
      const jpeg = await drawLabel(scanPage, LABEL);
      const { b64, width, height } = await scanPage.evaluate(
        async ({ jpeg, turned }) => {
          const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(jpeg), (c) => c.charCodeAt(0))]));
          const [w, h] = turned ? [bitmap.height, bitmap.width] : [bitmap.width, bitmap.height];
          const canvas = new OffscreenCanvas(w, h);
          const ctx = canvas.getContext('2d')!;
          // Orientation 6 shows stored pixels turned 90° clockwise: store them turned back.
          if (turned) ctx.setTransform(0, -1, 1, 0, 0, h);
          ctx.drawImage(bitmap, 0, 0);
          const data = ctx.getImageData(0, 0, w, h).data;
          let s = '';
          for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
          return { b64: btoa(s), width: w, height: h };
        },
        { jpeg: Buffer.from(jpeg).toString('base64'), turned },
      );
      return { width, height, rgba: new Uint8Array(Buffer.from(b64, 'base64')) };
    }

    /** The copy's bytes, after checking its type; the independent reader then reads it. */
    async function readCopy(line: Line, name: string, magic: number[]): Promise<string> {
      if (!line.protected || !('base64' in line.protected)) throw new Error(`no protected copy: ${JSON.stringify(line.protected)}`);
      const copy = new Uint8Array(Buffer.from(line.protected.base64, 'base64'));
      expect(Array.from(copy.subarray(0, magic.length))).toEqual(magic);
      expect(line.protected.name).toBe(name);
      if (noReader) return '';
      return ((await readAllPasses(writeTemp(suite, name, copy), ['eng'])) ?? []).join(' ');
    }

    it('checks the text in a TIFF scan (Deflate strips, stored on its side), and the copy is a PNG with it covered', async () => {
      const { width, height, rgba } = await labelPixels(true);
      const tiff = buildPixelTiff([
        { width, height, samplesPerPixel: 3, samples: samplesFromRgba(rgba, 3), compression: 8, rowsPerStrip: 64, tags: { 274: { type: 3, values: [6] } } },
      ]);
      const line = await scanFile(writeTemp(suite, 'scan.tif', tiff), true, TEXT_CHECKS);
      expect(line.error).toBeNull();
      expect([line.width, line.height]).toEqual([1400, 700]); // upright
      const text = line.findings.filter((f) => f.kind === 'id-text');
      expect(text.map((f) => f.field)).toEqual(expect.arrayContaining(['birth-date']));
      // Boxes are on the upright picture: the label's lines run from x 120, y 160 to 420.
      for (const f of text) {
        expect(f.box![0]).toBeLessThan(400);
        expect(f.box![1]).toBeGreaterThan(140);
        expect(f.box![1]).toBeLessThan(440);
      }
      const read = await readCopy(line, 'scan.png', [0x89, 0x50, 0x4e, 0x47]);
      // Same pixel size as the upright picture (PNG's IHDR).
      const png = Buffer.from((line.protected as { base64: string }).base64, 'base64');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 700]);
      if (noReader) return;
      expect(read).not.toMatch(/1984|884412907/);
    }, 60_000);

    it('checks the text in a 16-bit tiled PackBits TIFF', async () => {
      const { width, height, rgba } = await labelPixels(false);
      const tiff = buildPixelTiff([{ width, height, samplesPerPixel: 3, bitsPerSample: 16, samples: samplesFromRgba(rgba, 3, 16, false), compression: 32773, tile: 256 }], false);
      const line = await scanFile(writeTemp(suite, 'scan16.tiff', tiff), false, TEXT_CHECKS);
      expect(line.error).toBeNull();
      expect([line.width, line.height]).toEqual([1400, 700]);
      expect(line.findings.filter((f) => f.kind === 'id-text').map((f) => f.field)).toEqual(expect.arrayContaining(['birth-date']));
    }, 60_000);

    it("checks a DNG through its JPEG preview, and the copy is a JPEG with the text covered", async () => {
      const jpeg = await drawLabel(scanPage, LABEL);
      const dng = buildPixelTiff([
        {
          width: 160,
          height: 80,
          samplesPerPixel: 3,
          tags: { ...DNG_VERSION_TAG, 254: { type: 4, values: [1] }, 271: { type: 2, bytes: new TextEncoder().encode('Cam\0') } },
          subIfds: [
            { width: 1400, height: 700, jpeg, tags: { 254: { type: 4, values: [1] } } },
            { width: 2800, height: 1400, samplesPerPixel: 1, bitsPerSample: 16, tags: { 262: { type: 3, values: [32803] } } },
          ],
        },
      ]);
      const line = await scanFile(writeTemp(suite, 'IMG_0001.dng', dng), true, TEXT_CHECKS);
      expect(line.error).toBeNull();
      expect([line.width, line.height]).toEqual([1400, 700]);
      expect(line.findings.filter((f) => f.kind === 'id-text').map((f) => f.field)).toEqual(expect.arrayContaining(['birth-date']));
      const read = await readCopy(line, 'IMG_0001.jpg', [0xff, 0xd8, 0xff]);
      if (noReader) return;
      // The control: the reader does read the number in the picture the DNG holds.
      expect(((await readAllPasses(writeTemp(suite, 'preview.jpg', jpeg), ['eng'])) ?? []).join(' ')).toMatch(/884412907/);
      expect(read).not.toMatch(/1984|884412907/);
    }, 60_000);
  });

  it('refuses, in words, a DNG whose only picture is a thumbnail far smaller than its raw photo', async () => {
    const dng = buildPixelTiff([
      {
        width: 8,
        height: 8,
        samplesPerPixel: 3,
        tags: { ...DNG_VERSION_TAG, 254: { type: 4, values: [1] } },
        subIfds: [{ width: 3516, height: 2328, samplesPerPixel: 1, samples: new Uint8Array(1), rowsPerStrip: 2328, tags: { 262: { type: 3, values: [32803] } } }],
      },
    ]);
    const line = await scanFile(writeTemp(suite, 'IMG_0003.dng', dng), false, ['metadata', 'faces', 'text', 'barcodes']);
    expect(line.error).toMatch(/only a small thumbnail of its 3516 × 2328 pixel photo/);
    expect(line.findings.filter((f) => f.kind !== 'metadata')).toEqual([]);
  }, 60_000);

  describe('barcodes at the resolution they need', () => {
    /** A w×h photo (textured skin-like ground, a white label) with the symbol drawn at x,y, `scale` px per module, as a JPEG. */
    async function photoWith(w: number, h: number, symbol: Buffer | undefined, x: number, y: number, scale: number, blur = 0): Promise<Uint8Array> {
      const b64 = await scanPage.evaluate(
        async ({ w, h, symbol, x, y, scale, blur }) => {
          const canvas = new OffscreenCanvas(w, h);
          const ctx = canvas.getContext('2d')!;
          let s = 11;
          const next = (): number => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) & 31;
          const cell = Math.max(6, Math.round(w / 200));
          for (let cy = 0; cy < h; cy += cell) {
            for (let cx = 0; cx < w; cx += cell) {
              ctx.fillStyle = `rgb(${200 + next()},${160 + next()},${130 + next()})`;
              ctx.fillRect(cx, cy, cell, cell);
            }
          }
          if (symbol) {
            const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(symbol), (c) => c.charCodeAt(0))]));
            const [sw, sh] = [bitmap.width * scale, bitmap.height * scale];
            ctx.fillStyle = '#ffffff';
            ctx.fillRect(x - sw * 0.1, y - sh * 0.2, sw * 1.2, sh * 1.4);
            // A photo of a card is not drawn pixel for pixel: `blur` softens the bars as a lens does.
            ctx.imageSmoothingEnabled = blur > 0;
            if (blur > 0) ctx.filter = `blur(${blur}px)`;
            ctx.drawImage(bitmap, x, y, sw, sh);
            ctx.filter = 'none';
          }
          const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
          let b = '';
          for (let i = 0; i < out.length; i += 0x8000) b += String.fromCharCode(...out.subarray(i, i + 0x8000));
          return btoa(b);
        },
        { w, h, symbol: symbol?.toString('base64'), x, y, scale, blur },
      );
      return new Uint8Array(Buffer.from(b64, 'base64'));
    }

    const symbolPng = async (text: string, format: 'EAN13' | 'PDF417' | 'Code128'): Promise<Buffer> =>
      Buffer.from(await (await writeBarcode(text, { format, scale: 1 })).image!.arrayBuffer());

    it('reads a product code on a 12 MP photo that the 1600 px overview cannot, and boxes it there', async () => {
      // 2 px per module: 0.8 px in the overview.
      const ean = await symbolPng('4006381333931', 'EAN13');
      const jpeg = await photoWith(4000, 3000, ean, 2600, 1900, 2);
      const line = await scanFile(writeTemp(suite, 'product-12mp.jpg', jpeg), false, ['barcodes']);
      console.log(`12 MP with a product code: barcodes ${Math.round((line as unknown as { timings: Record<string, number> }).timings.barcodes ?? 0)} ms`);
      const code = line.findings.find((f) => f.kind === 'barcode');
      expect(code?.format).toMatch(/EAN/i);
      const [x, y, w] = code!.box!;
      expect(x).toBeGreaterThan(2550);
      expect(x + w).toBeLessThan(2600 + 2 * 120);
      expect(y).toBeGreaterThan(1800);
      expect(y).toBeLessThan(2100);
    }, 60_000);

    it('reads a PDF417 on an 800 px photo (read again at twice the size)', async () => {
      const pdf = await symbolPng('DAQ D12345678;DBB 19840312;DCS DOE;DAC JANE', 'PDF417');
      // 1.2 px per module, softened: the overview alone reads nothing here.
      const jpeg = await photoWith(800, 600, pdf, 120, 200, 1.2, 0.5);
      const line = await scanFile(writeTemp(suite, 'pdf417-800.jpg', jpeg), false, ['barcodes']);
      const code = line.findings.find((f) => f.kind === 'barcode');
      expect(code?.format).toMatch(/PDF417/i);
      expect(code!.box![0]).toBeGreaterThan(90);
      expect(code!.box![0]).toBeLessThan(200);
    }, 60_000);

    it('takes no longer than it must on a 12 MP photo without a code', async () => {
      const jpeg = await photoWith(4000, 3000, undefined, 0, 0, 1);
      const line = await scanFile(writeTemp(suite, 'clean-12mp.jpg', jpeg), false, ['barcodes']);
      const ms = (line as unknown as { timings: Record<string, number> }).timings.barcodes ?? 0;
      console.log(`12 MP without a code: barcodes ${Math.round(ms)} ms`);
      expect(line.findings).toEqual([]);
    }, 60_000);
  });

  it('finds nothing ID-like in plain words', async () => {
    const jpeg = await drawLabel(scanPage, ['Keep calm and', 'carry on']);
    const line = await scanFile(writeTemp(suite, 'tshirt.jpg', jpeg));
    expect(line.findings.filter((f) => f.kind === 'id-text' || f.kind === 'barcode')).toEqual([]);
  });
});
