import exifr from 'exifr';
import { existsSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenColourUnderAlpha } from '../../src/analysis/metadata/png-hidden-colour';
import { isReadable, type Identifier } from '../../scripts/lib/identifiers';
import { readAllPasses, readerUnavailable } from '../../scripts/lib/tesseract-cli';
import { withExif } from '../support/exif-builder';
import { buildPixelTiff, DNG_VERSION_TAG } from '../support/tiff-builder';
import { erasedMiddlePng } from '../support/rgba-png';
import { bytesOf, choose, makeTexturedJpeg, openDialog, regionDifference, reviewFrame, startSuite, waitForReceived, writeTemp, type Suite } from '../support/e2e';

/**
 * Issue 14: "Upload protected copy" always sends a protected copy. Judged on the bytes the
 * page receives: a region that was to be hidden must no longer look like the original.
 */
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const FACE_PHOTO = join(FIXTURES, 'faces/skimage_astronaut.png');
/** The astronaut's face as labelled in ../shared/fixtures/labels.json (512×512 picture). */
const FACE_BOX = [172, 62, 92, 102];
const hasFixtures = existsSync(FACE_PHOTO);
if (!hasFixtures) console.log(`early-press test skipped: ${FACE_PHOTO} is not there (../shared/fixtures is absent)`);

/** The face photo is enlarged this much, so the face check takes long after the first warning. */
const SCALE = 6;
const GPS = { lat: 35.6586, lon: 139.7454, make: 'Phone', model: 'P9' };

let suite: Suite;

/** Why the independent reader (Debian's tesseract CLI) cannot run here; `.ci/run` installs it. */
const noReader = readerUnavailable(['eng']);
if (noReader) console.log(`transparent-label test skipped: ${noReader}`);

/** A PNG as it shows on a white page: every pixel blended over white. */
function onWhite(png: Uint8Array): Buffer {
  const img = PNG.sync.read(Buffer.from(png));
  for (let i = 0; i < img.data.length; i += 4) {
    const a = img.data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) img.data[i + c] = Math.round(img.data[i + c]! * a + 255 * (1 - a));
    img.data[i + 3] = 255;
  }
  return PNG.sync.write(img);
}

/** What the independent reader reads of a picture shown on white. */
async function readOnWhite(png: Uint8Array, name: string): Promise<string[]> {
  const path = writeTemp(suite, name, new Uint8Array(onWhite(png)));
  return (await readAllPasses(path, ['eng'])) ?? [];
}

/** Black print on a fully transparent canvas: readable on a white page, invisible on black. */
async function transparentLabel(page: Page, lines: string[]): Promise<Uint8Array> {
  const b64 = await page.evaluate(async (lines) => {
    const canvas = new OffscreenCanvas(1400, 600);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#000000';
    ctx.font = '52px sans-serif';
    lines.forEach((line, i) => ctx.fillText(line, 120, 160 + i * 110));
    const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let s = '';
    for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
    return btoa(s);
  }, lines);
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

async function open(path: string): Promise<Page> {
  const page = await suite.browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(suite.server.url('/plain.html'));
  await page.bringToFront();
  await page.setInputFiles('#file', path);
  return page;
}

/** Marks an area with the real mouse: "Mark an area to hide", then a drag over [x0, y0, x1, y1] (fractions of the picture). */
async function markArea(tab: Page, frame: Frame, [x0, y0, x1, y1]: number[]): Promise<void> {
  await choose(tab, frame, 'Mark an area to hide');
  await frame.locator('.boxes.mode-mark').waitFor();
  const stage = await frame.locator('.stage').boundingBox();
  if (!stage) throw new Error('no preview stage');
  await tab.mouse.move(stage.x + stage.width * x0!, stage.y + stage.height * y0!);
  await tab.mouse.down();
  await tab.mouse.move(stage.x + stage.width * x1!, stage.y + stage.height * y1!, { steps: 4 });
  await tab.mouse.up();
}

beforeAll(async () => {
  suite = await startSuite();
});

afterAll(async () => {
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
});

describe('protected copy', () => {
  it.skipIf(!hasFixtures)('pressed as soon as the dialog appears, waits for the checks and hides the face', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html'));
    // A 9 MP phone-like JPEG of the portrait, with GPS: the location warning opens the
    // dialog long before the face check is through the tiles.
    const b64 = await page.evaluate(
      async ({ b64, scale }) => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
        const canvas = new OffscreenCanvas(bitmap.width * scale, bitmap.height * scale);
        canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
        let s = '';
        for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
        return btoa(s);
      },
      { b64: readFileSync(FACE_PHOTO).toString('base64'), scale: SCALE },
    );
    await page.close();
    const original = withExif(new Uint8Array(Buffer.from(b64, 'base64')), GPS);
    const path = writeTemp(suite, 'child-rash.jpg', original);

    const tab = await open(path);
    const frame = await reviewFrame(tab);
    await frame.getByRole('dialog').waitFor({ state: 'visible', timeout: 15_000 });
    const busyWhenPressed = await frame.locator('[role=dialog]').getAttribute('aria-busy');
    await tab.keyboard.press('Enter');
    // A second Enter must not land on another button (the choice is already made).
    await tab.keyboard.press('Enter');
    const status = await frame.locator('.status').textContent();
    const [got] = await waitForReceived(tab);
    expect(got?.files).toHaveLength(1);
    const sent = bytesOf(got!);
    expect(await exifr.gps(sent).catch(() => undefined)).toBeUndefined();
    const face = FACE_BOX.map((v) => v * SCALE);
    const inFace = await regionDifference(tab, original, sent, face);
    const elsewhere = await regionDifference(tab, original, sent, [0, 2600, 400, 400]);
    console.log(`early press: aria-busy was ${busyWhenPressed}, status "${status}", face region differs by ${inFace.toFixed(1)}, elsewhere ${elsewhere.toFixed(1)}`);
    expect(busyWhenPressed).toBe('true');
    expect(inFace).toBeGreaterThan(15);
    expect(elsewhere).toBeLessThan(4);
    await tab.close();
  });

  it('sends the last change: an area marked at once after "Show protected copy" is covered too', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html'));
    const [W, H] = [4000, 3000];
    const original = withExif(await makeTexturedJpeg(page, W, H), GPS);
    await page.close();
    const path = writeTemp(suite, 'foot.jpg', original);
    const tab = await open(path);
    const frame = await openDialog(tab);
    // A first area, so "Show protected copy" has pixels to redact (a re-encode of 12 MP takes a while).
    await markArea(tab, frame, [0.1, 0.1, 0.25, 0.25]);
    await choose(tab, frame, 'Show protected copy');
    // At once, before that copy is back: a second area, then the upload.
    // From the keyboard, which is instant: "Mark an area to hide" puts a box in the middle.
    await frame.getByRole('button', { name: 'Mark an area to hide' }).focus();
    await tab.keyboard.press('Enter');
    await frame.getByRole('button', { name: 'Upload protected copy' }).focus();
    await tab.keyboard.press('Enter');
    const [got] = await waitForReceived(tab);
    const sent = bytesOf(got!);
    const first = await regionDifference(tab, original, sent, [W * 0.12, H * 0.12, W * 0.11, H * 0.11]);
    // The keyboard's box: the middle quarter of each side (centredBox).
    const second = await regionDifference(tab, original, sent, [W * 0.4, H * 0.4, W * 0.2, H * 0.2]);
    const elsewhere = await regionDifference(tab, original, sent, [W * 0.85, H * 0.75, W * 0.1, H * 0.1]);
    console.log(`last change: first area differs by ${first.toFixed(1)}, second ${second.toFixed(1)}, elsewhere ${elsewhere.toFixed(1)}`);
    expect(first).toBeGreaterThan(15);
    expect(second).toBeGreaterThan(15);
    expect(elsewhere).toBeLessThan(4);
    await tab.close();
  });

  it('a TIFF scan with a marked area: the dialog says the copy becomes a PNG; the page gets a PNG, covered there and exact elsewhere', async () => {
    const [W, H] = [600, 400];
    // A textured page (every pixel different from its neighbours), so covering shows.
    const rgb = Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 2654435761) >>> 24);
    const tiff = buildPixelTiff([
      { width: W, height: H, samplesPerPixel: 3, samples: rgb, compression: 8, rowsPerStrip: 50, tags: { 0x013b: { type: 2, bytes: new TextEncoder().encode('Jane Sample\0') } } },
    ]);
    const tab = await open(writeTemp(suite, 'scan.tif', tiff));
    const frame = await openDialog(tab);
    await expect(frame.locator('[data-copy-type="png"]').textContent()).resolves.toMatch(/If anything is hidden or cropped, the protected copy is sent as a PNG picture instead of TIFF/);
    await markArea(tab, frame, [0.1, 0.1, 0.4, 0.5]);
    await choose(tab, frame, 'Upload protected copy');
    const [got] = await waitForReceived(tab);
    expect(got?.files[0]).toMatchObject({ name: 'scan.png', type: 'image/png' });
    const sent = PNG.sync.read(bytesOf(got!));
    expect([sent.width, sent.height]).toEqual([W, H]);
    const meanDiff = (x0: number, y0: number, x1: number, y1: number): number => {
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          for (let c = 0; c < 3; c++) sum += Math.abs(sent.data[(y * W + x) * 4 + c]! - rgb[(y * W + x) * 3 + c]!);
          n += 3;
        }
      }
      return sum / n;
    };
    expect(meanDiff(80, 60, 220, 180)).toBeGreaterThan(30); // inside the marked area
    expect(meanDiff(400, 250, 590, 390)).toBe(0); // elsewhere PNG keeps every pixel
  }, 60_000);

  it('a DNG: the dialog says the copy is a JPEG, and the page gets the JPEG made from its preview', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html'));
    const preview = await makeTexturedJpeg(page, 640, 480);
    await page.close();
    const dng = buildPixelTiff([
      {
        width: 64,
        height: 48,
        samplesPerPixel: 3,
        tags: { ...DNG_VERSION_TAG, 254: { type: 4, values: [1] }, 0x010f: { type: 2, bytes: new TextEncoder().encode('ExampleCam\0') } },
        subIfds: [{ width: 640, height: 480, jpeg: preview, tags: { 254: { type: 4, values: [1] } } }],
      },
    ]);
    const tab = await open(writeTemp(suite, 'IMG_0002.DNG', dng));
    const frame = await openDialog(tab);
    await expect(frame.locator('[data-copy-type="jpeg"]').textContent()).resolves.toMatch(/The protected copy is sent as a JPEG picture: a DNG file cannot be cleaned as it is/);
    await choose(tab, frame, 'Upload protected copy');
    const [got] = await waitForReceived(tab);
    expect(got?.files[0]).toMatchObject({ name: 'IMG_0002.jpg', type: 'image/jpeg' });
    const sent = bytesOf(got!);
    expect(Array.from(sent.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
    // The camera's name went with the DNG; the picture is the preview's.
    expect(sent.includes(Buffer.from('ExampleCam'))).toBe(false);
    // Re-encoded once more (JPEG at 0.92 of a fine texture: ~6); a covered area differs by > 15.
    expect(await regionDifference(tab, preview, sent, [0, 0, 640, 480])).toBeLessThan(10);
  }, 60_000);

  it('a PNG with a picture "erased" to transparency: the dialog says so, and the copy keeps no colour there', async () => {
    const original = erasedMiddlePng(400, 300);
    expect((await hiddenColourUnderAlpha(original))?.pixels).toBe(200 * 150);
    const tab = await open(writeTemp(suite, 'erased.png', original));
    const frame = await openDialog(tab);
    await expect(frame.locator('[data-finding="metadata"]').first().textContent()).resolves.toMatch(/hidden picture under transparent areas/i);
    await choose(tab, frame, 'Upload protected copy');
    const [got] = await waitForReceived(tab);
    const sent = bytesOf(got!);
    expect(got?.files[0]?.type).toBe('image/png');
    expect(await hiddenColourUnderAlpha(new Uint8Array(sent))).toEqual({ pixels: 0, total: 400 * 300 });
    // What was visible stays as it was.
    expect(await regionDifference(tab, original, sent, [0, 0, 400, 60])).toBeLessThan(1);
    await tab.close();
  });

  it.skipIf(noReader !== undefined)('a label in black on a transparent PNG: found as it shows on white, and unreadable on white in the copy', async () => {
    const identifiers: Identifier[] = [
      { kind: 'name', text: 'JANE DOE' },
      { kind: 'birth-date', text: '12/03/1984' },
      { kind: 'id-number', text: '884412907' },
    ];
    const page = await suite.browser.context.newPage();
    const original = await transparentLabel(page, ['Patient: JANE DOE', 'DOB: 12/03/1984', 'MRN: 884412907']);
    await page.close();
    // The reader works on this picture: every identifier is readable in the original on white.
    const before = await readOnWhite(original, 'label-before.png');
    expect(identifiers.filter((id) => !isReadable(id, before)).map((id) => id.text)).toEqual([]);

    const tab = await open(writeTemp(suite, 'label.png', original));
    const frame = await openDialog(tab);
    await frame.locator('[data-finding="id-text"]').first().waitFor({ timeout: 30_000 });
    await choose(tab, frame, 'Upload protected copy');
    const [got] = await waitForReceived(tab);
    const sent = new Uint8Array(bytesOf(got!));
    const after = await readOnWhite(sent, 'label-after.png');
    const stillReadable = identifiers.filter((id) => isReadable(id, after)).map((id) => id.text);
    console.log(`transparent label: reader read ${before.length} lines before, ${after.length} after; still readable: [${stillReadable.join(', ')}]`);
    expect(stillReadable).toEqual([]);
    await tab.close();
  });
});
