import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { startSuite, writeTemp, type Suite } from '../support/e2e';

/**
 * OCR and barcode reading from the built extension, offline, on pictures made here: a
 * hospital-wristband-like label (drawn text) and a QR code holding a patient record. The
 * scan page runs the same worker and engines as the review frame; the suite's proxy records
 * that nothing was fetched.
 */
let suite: Suite;
let scanPage: Page;

interface Line {
  findings: { kind: string; field?: string; format?: string; box?: number[]; text?: string }[];
  error: string | null;
}

async function scanFile(path: string): Promise<Line> {
  await scanPage.setInputFiles('#files', path);
  return scanPage.evaluate(() => window.uploadGuardScan(0, false));
}

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
  await scanPage.goto(`chrome-extension://${suite.browser.extensionId}/src/review/scan.html`);
  await scanPage.waitForFunction(() => window.uploadGuardReady === true);
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
    expect(x! + w!).toBeLessThan(1330);
    expect(y! + h!).toBeLessThan(510);
  });

  it('finds nothing ID-like in plain words', async () => {
    const jpeg = await drawLabel(scanPage, ['Keep calm and', 'carry on']);
    const line = await scanFile(writeTemp(suite, 'tshirt.jpg', jpeg));
    expect(line.findings.filter((f) => f.kind === 'id-text' || f.kind === 'barcode')).toEqual([]);
  });
});
