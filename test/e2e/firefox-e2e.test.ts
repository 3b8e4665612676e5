import exifr from 'exifr';
import jpeg from 'jpeg-js';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, type Received } from '../support/e2e';
import { withExif } from '../support/exif-builder';
import { GECKO_ID } from '../../scripts/build-firefox';
import { canWriteFirefoxPolicy, closeFirefoxChecked, FIREFOX_POLICY_FILE, ffChoose, ffOpenDialog, ffReceived, ffWaitForReceived, startFirefoxSuite, type FirefoxSuite } from '../support/firefox';
import { placeDifference } from '../support/place-difference';

/**
 * Issue 16: the Firefox build (derived from `dist/` as `npm run build:firefox` does) in Debian's real Firefox (WebDriver BiDi, no
 * downloaded browser), on the upload paths and the dialog the Chromium suite covers, at a
 * desktop and a phone size. Files are chosen through the page's real input: a real click
 * and the file chooser where BiDi can answer it, BiDi `input.setFiles` on the element
 * otherwise. Drops and pastes are dispatched as the Chromium suite does: no driver can drag
 * a file in from the desktop or put an image on the clipboard.
 *
 * One browser for the whole file, one tab per scenario, photos made in code: the file has
 * to stay fast (issue 16 asks for under a minute).
 */
let suite: FirefoxSuite;
let tmp: string;
let gps: Uint8Array;
let gpsPath: string;
let gpsPath2: string;

const FACE_PHOTO = join(resolve(import.meta.dirname, '../../../shared/fixtures'), 'faces/skimage_astronaut.png');
const hasFacePhoto = existsSync(FACE_PHOTO);
if (!hasFacePhoto) console.log(`Firefox face test skipped: ${FACE_PHOTO} is not there (../shared/fixtures is absent)`);

/**
 * The managed-policy test runs a copy of the add-on under its own id, so the policy (set
 * for that id only) can reach no other add-on and no other Firefox on the machine.
 */
const POLICY_ID = `{${crypto.randomUUID()}}`;
const POLICY = { alwaysReview: true, allowUploadAsIs: false, sites: ['https://portal.example-clinic.org/*'] };
const canPolicy = canWriteFirefoxPolicy();
if (!canPolicy) console.log(`Firefox managed-policy test skipped: ${FIREFOX_POLICY_FILE} exists or cannot be written`);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, touch: true };

/** A 320×240 JPEG with a pattern, encoded in Node (jpeg-js): no browser encoder involved. */
function patternJpeg(w = 320, h = 240): Uint8Array {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      data[i] = 200 - (x % 50);
      data[i + 1] = 150 + (y % 40);
      data[i + 2] = (x * y) % 120;
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ data, width: w, height: h }, 90).data);
}

function writeTemp(name: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmp, 'f-')), name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  suite = await startFirefoxSuite(canPolicy ? { policies: { '3rdparty': { Extensions: { [POLICY_ID]: POLICY } } } } : {});
  tmp = mkdtempSync(join(tmpdir(), 'upload-guard-ff-e2e-'));
  gps = withExif(patternJpeg(), { lat: 35.6586, lon: 139.7454, make: 'TestPhone', model: 'X1' });
  gpsPath = writeTemp('rash.jpg', gps);
  gpsPath2 = writeTemp('rash-2.jpg', withExif(patternJpeg(), { lat: -33.8568, lon: 151.2153 }));
});

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  // Promise 1, for every test of this file: no request of the extension's own, none to a foreign host.
  if (suite) await closeFirefoxChecked(suite);
});

const isOriginal = (got: Received | undefined): boolean => got !== undefined && bytesOf(got).equals(Buffer.from(gps));

async function expectProtected(bytes: Buffer): Promise<void> {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(bytes.length).toBeGreaterThan(1000);
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
}

/** While the dialog is open the page's code has seen no file and its input is empty. */
async function expectHeld(target: Page | Frame, input = '#file'): Promise<void> {
  expect(await ffReceived(target)).toEqual([]);
  expect(await target.evaluate(() => (window as unknown as { __events: string[] }).__events.filter((e) => /:[1-9]/.test(e)))).toEqual([]);
  expect(await target.$eval(input, (i) => (i as HTMLInputElement).files?.length ?? 0)).toBe(0);
}

/** A real click on the page's input and the file chooser Firefox opens, answered over BiDi. */
async function pick(page: Page, selector: string | ElementHandle, paths: string[], touch = false): Promise<void> {
  const input = typeof selector === 'string' ? await page.waitForSelector(selector) : selector;
  const box = await input!.boundingBox();
  if (!box) throw new Error('the input has no box');
  const [x, y] = [box.x + 5, box.y + box.height / 2];
  if (!touch) {
    const chooser = page.waitForFileChooser({ timeout: 10_000 });
    await page.mouse.click(x, y);
    await (await chooser).accept(paths);
    return;
  }
  // A tap on a file input now and then opens no chooser in headless Firefox (seen once in
  // a dozen, the first tap of a fresh page); a second tap is made only when the first
  // opened none, so no second pick is ever made.
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForFileChooser({ timeout: 3_000 });
    await page.touchscreen.tap(x, y);
    const opened = await chooser.catch(() => undefined);
    if (opened) return opened.accept(paths);
    if (attempt === 3) throw new Error('three taps on the input opened no file chooser');
    console.log(`tap ${attempt} on the file input opened no chooser, tapping again`);
  }
}

const button = (frame: Frame, name: string) => frame.$(`::-p-aria([name="${name}"][role="button"])`);

const findings = (frame: Frame): Promise<string[]> => frame.$$eval('[data-finding]', (els) => els.map((e) => e.getAttribute('data-finding') ?? ''));

/** The dialog's overlay is hidden again (a decision was made). */
const overlayGone = (target: Page | Frame): Promise<unknown> =>
  target.waitForFunction(() => Array.from(document.querySelectorAll('upload-guard-review')).every((h) => (h.getAttribute('style') ?? '').includes('opacity: 0')), { timeout: 5_000, polling: 50 });

/** Drops or pastes a File made from `b64` on `selector`, as the Chromium suite does. */
async function dispatchFile(page: Page, kind: 'drop' | 'paste', selector: string, name: string): Promise<void> {
  await page.evaluate(
    (kind, selector, name, b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: 'image/jpeg' }));
      const target = document.querySelector(selector)!;
      const init = { bubbles: true, cancelable: true, composed: true };
      if (kind === 'drop') {
        target.dispatchEvent(new DragEvent('drop', { ...init, dataTransfer: dt }));
        return;
      }
      // Firefox's ClipboardEvent constructor ignores `clipboardData`: the file goes into the
      // DataTransfer it made (as the extension's own re-delivery does, src/content/replay.ts).
      const paste = new ClipboardEvent('paste', init);
      paste.clipboardData!.items.add(dt.files[0]!);
      target.dispatchEvent(paste);
    },
    kind,
    selector,
    name,
    Buffer.from(gps).toString('base64'),
  );
}

for (const size of [DESKTOP, PHONE]) {
  const touch = 'touch' in size;
  describe(`Firefox at ${size.width}×${size.height}${touch ? ' with touch' : ''}`, () => {
    const open = (path: string): Promise<Page> => suite.open(path, size);

    it('plain input: shows the location, holds the photo, "Upload as is" gives the original bytes', async () => {
      const page = await open('/plain.html');
      await pick(page, '#file', [gpsPath], touch);
      const frame = await ffOpenDialog(page);
      expect(await findings(frame)).toContain('location');
      await expectHeld(page);
      // No `use_dynamic_url` in Firefox (scripts/build-firefox.ts drops it): the frame's host
      // is the random UUID Firefox gave this install, not the add-on id, so a page that sees
      // the URL learns nothing that names the add-on across installs.
      const host = new URL(await frame.evaluate(() => location.href)).host;
      expect(host).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(GECKO_ID).not.toContain(host);
      await ffChoose(page, frame, 'Upload as is', touch);
      const [got] = await ffWaitForReceived(page);
      expect(got?.files.map((f) => f.name)).toEqual(['rash.jpg']);
      expect(isOriginal(got)).toBe(true);
      await page.close();
    });

    it('plain input: "Upload protected copy" gives a JPEG without GPS', async () => {
      const page = await open('/plain.html');
      await pick(page, '#file', [gpsPath], touch);
      const frame = await ffOpenDialog(page);
      if (touch) {
        // Phone size (the premise: the page really is that size): the three choices are
        // inside the viewport, side by side or stacked. (Firefox 153's BiDi has no touch
        // override, so the page does not say it is a touch device; the taps are real touch
        // pointer events all the same, which ffChoose checks.)
        expect(await page.evaluate(() => [innerWidth, innerHeight])).toEqual([size.width, size.height]);
        for (const name of ['Upload protected copy', 'Upload as is', 'Cancel']) {
          const button = await frame.waitForSelector(`::-p-aria([name="${name}"][role="button"])`);
          await button!.scrollIntoView();
          const box = await button!.boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= size.width && box.height >= 24).toBe(true);
        }
      }
      await ffChoose(page, frame, 'Upload protected copy', touch);
      const [got] = await ffWaitForReceived(page);
      await expectProtected(bytesOf(got!));
      await page.close();
    });

    it('plain input: "Cancel" gives the page nothing and leaves the input empty', async () => {
      const page = await open('/plain.html');
      await pick(page, '#file', [gpsPath], touch);
      const frame = await ffOpenDialog(page);
      await ffChoose(page, frame, 'Cancel', touch);
      await overlayGone(page);
      await new Promise((r) => setTimeout(r, 300));
      await expectHeld(page);
      await page.close();
    });

    if (touch) return;

    it('multiple: both photos in one dialog, both protected', async () => {
      const page = await open('/multiple.html');
      await pick(page, '#file', [gpsPath, gpsPath2]);
      const frame = await ffOpenDialog(page);
      expect((await findings(frame)).filter((k) => k === 'location')).toHaveLength(2);
      await expectHeld(page);
      await ffChoose(page, frame, 'Upload protected copy');
      const [got] = await ffWaitForReceived(page);
      expect(got?.files.map((f) => f.name)).toEqual(['rash.jpg', 'rash-2.jpg']);
      await expectProtected(bytesOf(got!, 0));
      await expectProtected(bytesOf(got!, 1));
      await page.close();
    });

    it('form POST: the server receives only the protected copy', async () => {
      const page = await open('/form.html');
      await pick(page, '#file', [gpsPath]);
      const frame = await ffOpenDialog(page);
      await ffChoose(page, frame, 'Upload protected copy');
      await page.waitForFunction(() => (document.getElementById('file') as HTMLInputElement).files?.length === 1, { polling: 50 });
      const before = suite.server.uploads.length;
      await Promise.all([page.waitForNavigation(), page.click('#send')]);
      const upload = suite.server.uploads[before]!;
      const boundary = /boundary=(.+)$/.exec(upload.contentType)?.[1];
      const part = upload.body.toString('latin1').split(`--${boundary}`).find((p) => p.includes('name="photo"'))!;
      expect(part).toContain('filename="rash.jpg"');
      await expectProtected(Buffer.from(part.slice(part.indexOf('\r\n\r\n') + 4, part.length - 2), 'latin1'));
      await page.close();
    });

    it('drop: held, then "Upload as is" re-delivers the original on the drop target', async () => {
      const page = await open('/drop.html');
      await dispatchFile(page, 'drop', '#zone', 'dropped.jpg');
      const frame = await ffOpenDialog(page);
      expect(await ffReceived(page)).toEqual([]);
      await ffChoose(page, frame, 'Upload as is');
      const [got] = await ffWaitForReceived(page);
      expect(got?.via).toBe('drop');
      expect(isOriginal(got)).toBe(true);
      await page.close();
    });

    it('paste: held, then the protected copy reaches the paste handler', async () => {
      const page = await open('/paste.html');
      await dispatchFile(page, 'paste', '#box', 'image.jpg');
      const frame = await ffOpenDialog(page);
      expect(await ffReceived(page)).toEqual([]);
      await ffChoose(page, frame, 'Upload protected copy');
      const [got] = await ffWaitForReceived(page);
      expect(got?.via).toBe('paste');
      await expectProtected(bytesOf(got!));
      await page.close();
    });

    it('iframe: the input of a frame is held and reviewed in that frame', async () => {
      const page = await open('/iframe.html');
      const inner = await (await page.waitForSelector('#inner'))?.contentFrame();
      if (!inner) throw new Error('no inner frame');
      await inner.waitForFunction(() => document.readyState === 'complete', { polling: 50 });
      // BiDi answers file choosers of the top-level page only: the frame's input gets the
      // file through `input.setFiles` on the element itself (a real pick, not page script).
      await (await inner.waitForSelector('#file') as ElementHandle<HTMLInputElement>).uploadFile(gpsPath);
      const frame = await ffOpenDialog(page, inner);
      await expectHeld(inner);
      await ffChoose(page, frame, 'Upload as is');
      const [got] = await ffWaitForReceived(inner);
      expect(isOriginal(got)).toBe(true);
      await page.close();
    });

    it.skipIf(!hasFacePhoto)('faces: found without WebGL (the CPU way in) and covered in the protected copy', async () => {
      // Each check gets 10 s, engine start-up included. On this 2-core machine shared with
      // other browsers a cold review frame has run out of it ("Faces: could not run — it did
      // not answer in time", the product telling the truth), so the frame is warmed first
      // with another photo on the same page (the frame and its worker are kept for later
      // picks, as for a person who picks twice). Should the check still time out, and only
      // then, the photo is picked once more; a check that ran and found no face fails at once.
      const page = await open('/plain.html');
      await pick(page, '#file', [gpsPath]);
      let frame = await ffOpenDialog(page);
      await ffChoose(page, frame, 'Cancel');
      for (let attempt = 1; ; attempt++) {
        await overlayGone(page);
        await pick(page, '#file', [FACE_PHOTO]);
        frame = await ffOpenDialog(page);
        const status = await frame.$eval('[role=dialog]', (d) => (d.textContent ?? '').replace(/\s+/g, ' '));
        const found = await findings(frame);
        if (found.includes('face') || attempt === 2 || !status.includes('Faces: could not run — it did not answer in time')) {
          expect(found, status).toContain('face');
          break;
        }
        console.log(`faces check timed out under load (attempt ${attempt}), picking once more`);
        await ffChoose(page, frame, 'Cancel');
      }
      const place = await frame.$eval('.box.kind-face', (b) =>
        ['left', 'top', 'width', 'height'].map((k) => parseFloat((b as HTMLElement).style.getPropertyValue(k))),
      );
      await ffChoose(page, frame, 'Upload protected copy');
      const [got] = await ffWaitForReceived(page);
      const diff = await page.evaluate(placeDifference, { before: readFileSync(FACE_PHOTO).toString('base64'), after: bytesOf(got!).toString('base64'), place });
      expect(diff.size).toEqual([512, 512]);
      expect(diff.inside).toBeGreaterThan(20);
      await page.close();
    });

    it('the no-network proof can see: a request to a foreign host is recorded by the proxy', async () => {
      // Without this, an empty list at the end could mean that the recorder saw nothing at all.
      const page = await open('/plain.html');
      const before = suite.server.foreignRequests.length;
      await page.evaluate(() => fetch('https://tracker.example.net/pixel').catch(() => undefined));
      expect(suite.server.foreignRequests.slice(before)).toEqual(['https tracker.example.net:443']);
      suite.server.foreignRequests.splice(before);
      await page.close();
    });
  });
}

describe('where Firefox differs from Chromium', () => {
  const open = (path: string): Promise<Page> => suite.open(path, DESKTOP);

  it('closed shadow root: the input behind it is found through the openOrClosedShadowRoot property', async () => {
    const page = await open('/closed-shadow.html');
    const input = await page.evaluateHandle(() => (window as unknown as { __closedInput(): HTMLInputElement }).__closedInput());
    // A real click, as a person picks: Firefox's file-input `input` event is not composed,
    // so behind a closed root only the press (src/content/capture-uploads.ts, onIntent)
    // lets the capture reach the input. BiDi `input.setFiles` alone, which no person can
    // do, is not held there (docs/firefox.md).
    await pick(page, input, [gpsPath]);
    const frame = await ffOpenDialog(page);
    expect(await ffReceived(page)).toEqual([]);
    expect(await input.evaluate((i) => i.files?.length ?? 0)).toBe(0);
    await ffChoose(page, frame, 'Upload as is');
    const [got] = await ffWaitForReceived(page);
    expect(got?.via).toBe('closed-change');
    expect(isOriginal(got)).toBe(true);

    // A drop onto a zone behind the same closed root: found there by the pointer's place,
    // re-delivered there with page-owned items.
    await overlayGone(page);
    await page.evaluate((b64) => {
      const zone = (window as unknown as { __closedZone(): HTMLElement }).__closedZone();
      const r = zone.getBoundingClientRect();
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.jpg', { type: 'image/jpeg' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true, clientX: r.x + 20, clientY: r.y + 20 }));
    }, Buffer.from(gps).toString('base64'));
    const dropFrame = await ffOpenDialog(page);
    expect(await ffReceived(page)).toHaveLength(1);
    await ffChoose(page, dropFrame, 'Upload as is');
    const [, dropped] = await ffWaitForReceived(page, 2);
    expect(dropped?.via).toBe('closed-drop');
    expect(isOriginal(dropped)).toBe(true);
    await page.close();
  });

  it('no File System Access: no showOpenFilePicker is made up, and the input a fallback opens unattached is held', async () => {
    // Sites feature-detect the picker (browser-fs-access, react-dropzone) and fall back to
    // `createElement('input').click()`, an input never attached: the page-world hook attaches it.
    const page = await open('/detached.html');
    expect(await page.evaluate(() => typeof (window as { showOpenFilePicker?: unknown }).showOpenFilePicker)).toBe('undefined');
    await pick(page, '#click', [gpsPath]);
    const frame = await ffOpenDialog(page);
    expect(await ffReceived(page)).toEqual([]);
    await ffChoose(page, frame, 'Upload as is');
    const [got] = await ffWaitForReceived(page);
    expect(got?.via).toBe('detached-click');
    expect(isOriginal(got)).toBe(true);
    await page.close();
  });

  // Last in the file: it swaps the add-on for a copy under POLICY_ID.
  it.skipIf(!canPolicy)('managed storage from policies.json 3rdparty: a clean photo is reviewed and "Upload as is" is not offered', async () => {
    const dir = join(tmp, 'policy-copy');
    cpSync(suite.extensionDir, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
    manifest.browser_specific_settings.gecko.id = POLICY_ID;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await suite.browser.uninstallExtension(suite.extensionId);
    expect(await suite.browser.installExtension(dir)).toBe(POLICY_ID);
    const page = await open('/plain.html');
    await pick(page, '#file', [writeTemp('clean.jpg', patternJpeg())]);
    const frame = await ffOpenDialog(page);
    expect(await frame.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.storage.managed.get())).toEqual(POLICY);
    expect(await button(frame, 'Upload as is')).toBeNull();
    expect(await button(frame, 'Upload protected copy')).not.toBeNull();
    await ffChoose(page, frame, 'Upload protected copy');
    const [got] = await ffWaitForReceived(page);
    await expectProtected(bytesOf(got!));
    await page.close();
  });
});
