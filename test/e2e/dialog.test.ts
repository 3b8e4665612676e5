import exifr from 'exifr';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedRootTexts } from '../support/closed-root';
import { cardChange, drawUnreadableCard } from '../support/drawn-card';
import { withExif } from '../support/exif-builder';
import { until } from '../support/extension-ui';
import { hasFontFor } from '../support/system-fonts';
import { bytesOf, choose, findingsReach, jpegFrom, makeJpeg, openDialog, received, startSuite, waitForReceived, writeTemp, type Suite } from '../support/e2e';

/**
 * The review dialog as a person meets it: findings in plain words, keyboard only, axe, and
 * the README screenshots (written to docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const FACE_PHOTO = join(FIXTURES, 'faces/skimage_astronaut.png');
const hasFixtures = existsSync(FACE_PHOTO);
if (!hasFixtures) console.log(`dialog tests with a real face skipped: ${FACE_PHOTO} is not there (../shared/fixtures is absent)`);
const hasJapaneseFont = hasFontFor('ja');
if (!hasJapaneseFont) console.log('Japanese label test skipped: no Japanese font (fc-list :lang=ja is empty; .ci/run installs fonts-droid-fallback)');

const SHOTS = process.env.UPDATE_SCREENSHOTS ? resolve('docs/screenshots') : undefined;

let suite: Suite;
let gpsPath: string;
let faceGpsPath: string | undefined;

async function open(path: string, width = 1100, height = 800): Promise<Page> {
  const page = await suite.browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(suite.server.url('/plain.html'));
  await page.setInputFiles('#file', path);
  return page;
}

async function runAxe(frame: Frame): Promise<{ id: string; impact: string; nodes: number }[]> {
  const require = createRequire(import.meta.url);
  // Evaluated through DevTools, so the extension page's CSP does not stand in the way.
  await frame.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

beforeAll(async () => {
  suite = await startSuite();
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  gpsPath = writeTemp(suite, 'rash.jpg', withExif(await makeJpeg(page, 800, 600), { lat: 48.8584, lon: 2.2945, make: 'Phone', model: 'P9' }));
  if (hasFixtures) {
    // The astronaut portrait (public domain, NASA) turned into a phone-like JPEG with GPS.
    faceGpsPath = await jpegFrom(suite, FACE_PHOTO, (jpeg) => withExif(jpeg, { lat: 35.6586, lon: 139.7454, make: 'Phone', model: 'P9' }), 'child-rash.jpg');
  }
  await page.close();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
});

/**
 * In a browser that has just started, Chromium answers the first `storage.managed` read after
 * 1-2 s (src/review/live-policy.ts). Stood in for, in the extension's frames, by a managed
 * read that waits until the test calls `__releasePolicy()`.
 */
function holdPolicy(): void {
  if (location.protocol !== 'chrome-extension:') return;
  type Get = (...args: unknown[]) => unknown;
  const managed = (globalThis as unknown as { chrome: { storage: { managed: { get: Get } } } }).chrome.storage.managed;
  const get = managed.get.bind(managed) as (...args: unknown[]) => Promise<unknown>;
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  (window as unknown as { __releasePolicy: () => void }).__releasePolicy = release;
  const held: Get = (...args) => {
    const callback = typeof args.at(-1) === 'function' ? (args.pop() as (value: unknown) => void) : undefined;
    const answer = released.then(() => get(...args));
    if (!callback) return answer;
    void answer.then(callback, () => callback(undefined));
    return undefined;
  };
  Object.defineProperty(managed, 'get', { configurable: true, value: held });
}

describe("while the clinic's policy is still being read", () => {
  const releasePolicy = (frame: Frame): Promise<void> => frame.evaluate(() => (window as unknown as { __releasePolicy: () => void }).__releasePolicy());

  it('the checks run and show at once, with no "Upload as is" until the policy allows it', async () => {
    const page = await suite.browser.context.newPage();
    await page.addInitScript(holdPolicy);
    await page.goto(suite.server.url('/plain.html'));
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    expect(await frame.locator('[data-finding="location"]').count()).toBeGreaterThan(0);
    const asIs = frame.getByRole('button', { name: 'Upload as is', exact: true });
    expect(await asIs.isVisible()).toBe(false);
    await releasePolicy(frame);
    await asIs.waitFor({ state: 'visible' });
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).equals(readFileSync(gpsPath))).toBe(true);
    await page.close();
  });

  it('a clean photo waits for the policy before it goes on by itself', async () => {
    const page = await suite.browser.context.newPage();
    await page.addInitScript(holdPolicy);
    await page.goto(suite.server.url('/plain.html'));
    const clean = writeTemp(suite, 'foot.jpg', await makeJpeg(page, 640, 480));
    await page.setInputFiles('#file', clean);
    // Shown after a while with nothing found, every check answered: still nothing sent.
    const frame = await openDialog(page);
    expect(await frame.locator('[data-finding]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await received(page)).toEqual([]);
    await releasePolicy(frame);
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).equals(readFileSync(clean))).toBe(true);
    await page.close();
  });
});

describe('review dialog', () => {
  it('lists findings in plain words, most serious first, and passes axe', async () => {
    const page = await open(gpsPath);
    const frame = await openDialog(page);
    const location = frame.locator('[data-finding="location"]');
    await expect(location.textContent()).resolves.toMatch(/Where the photo was taken/);
    await expect(location.textContent()).resolves.toMatch(/to about \d+ m/);
    await expect(frame.locator('[data-finding="metadata"]').first().textContent()).resolves.toMatch(/Phone or camera model|Date and time/);
    const kinds = await frame.locator('[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
    expect(kinds[0]).toBe('location');
    const serious = (await runAxe(frame)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    await choose(page, frame, 'Cancel');
    await page.close();
  });

  it('works from the keyboard: Tab stays inside, Esc cancels', async () => {
    const page = await open(gpsPath);
    const frame = await openDialog(page);
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Upload protected copy');
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(await frame.evaluate(() => document.querySelector('[role=dialog]')!.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('upload-guard-review')).every((h) => (h.getAttribute('style') ?? '').includes('opacity: 0')), undefined, { polling: 50 });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __received: unknown[] }).__received)).toEqual([]);
    // Focus is back where it was (on the page), and the page is usable again.
    await page.close();
  });

  it('Enter on the primary button sends the protected copy, and the page then says so', async () => {
    const page = await open(gpsPath);
    await openDialog(page);
    await page.keyboard.press('Enter');
    const [got] = await waitForReceived(page);
    expect(await exifr.gps(bytesOf(got!)).catch(() => undefined)).toBeUndefined();
    // And a short word that it went well, on the page, where the dialog was.
    await until('the confirmation', () => closedRootTexts(page, 'upload-guard-notice'), (t) => t.length > 0, 3_000);
    expect(await closedRootTexts(page, 'upload-guard-notice')).toEqual(['Upload Guard sent a protected copy.']);
    await page.close();
  });

  it('edits from the keyboard and the mouse: a marked area moves, grows and goes; Esc leaves crop mode; the copy is cropped', async () => {
    const page = await open(gpsPath);
    const frame = await openDialog(page);
    // Edits on a finished review: a check answering mid-drag redraws the picture under the pointer.
    await frame.locator('[role=dialog][aria-busy="false"]').waitFor({ timeout: 30_000 });
    const place = (selector: string): Promise<number[]> =>
      frame.locator(selector).first().evaluate((b: HTMLElement) => ['left', 'top', 'width', 'height'].map((k) => Math.round(parseFloat(b.style.getPropertyValue(k)) * 100) / 100));
    // Keyboard: "Mark an area to hide" puts a box in the middle and focuses it.
    await frame.getByRole('button', { name: 'Mark an area to hide' }).focus();
    await page.keyboard.press('Enter');
    await until('the marked box has focus', () => frame.evaluate(() => document.activeElement?.getAttribute('data-key')), (k) => k === 'marked-0', 3_000);
    expect(await place('[data-key="marked-0"]')).toEqual([37.5, 37.5, 25, 25]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    // 800 × 600: two nudges of 4 px right (1 % of the width), 4 px taller (0.67 % of the height); focus stays on the box.
    expect(await place('[data-key="marked-0"]')).toEqual([38.5, 37.5, 25, 25.67]);
    expect(await frame.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('marked-0');
    await expect(frame.getByRole('button', { name: 'Remove area 1' }).count()).resolves.toBe(1);
    await page.keyboard.press('Delete');
    await expect(frame.locator('.kind-marked').count()).resolves.toBe(0);
    // Crop: the frame starts as the whole picture; Esc leaves crop mode and keeps the review open.
    await choose(page, frame, 'Crop');
    await frame.locator('[data-key="crop-frame"]').waitFor();
    expect(await place('[data-key="crop-frame"]')).toEqual([0, 0, 100, 100]);
    await page.keyboard.press('Escape');
    await frame.locator('[data-key="crop-frame"]').waitFor({ state: 'detached' });
    await expect(frame.getByRole('dialog').isVisible()).resolves.toBe(true);
    // Again, and the south-east corner dragged to the middle with the mouse, then made 4 px narrower from the keyboard.
    await choose(page, frame, 'Crop');
    const grip = await frame.locator('.handle.h-se').boundingBox();
    const stage = await frame.locator('.stage').boundingBox();
    if (!grip || !stage) throw new Error('no crop handle');
    // The grip sits half outside the picture, which clips it: take the quarter that shows.
    await page.mouse.move(grip.x + grip.width / 4, grip.y + grip.height / 4);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2, { steps: 5 });
    await page.mouse.up();
    const dragged = await place('[data-key="crop-frame"]');
    expect(dragged[2]).toBeGreaterThan(45);
    expect(dragged[2]).toBeLessThan(55);
    await frame.locator('[data-key="crop-frame"]').focus();
    await page.keyboard.press('Shift+ArrowLeft');
    const narrowed = await place('[data-key="crop-frame"]');
    expect(narrowed[2]).toBeCloseTo(dragged[2]! - 0.5, 1);
    await choose(page, frame, 'Done cropping');
    await frame.locator('.crop-frame.applied').waitFor();
    await expect(frame.getByRole('button', { name: 'Undo crop' }).count()).resolves.toBe(1);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    const size = await page.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
      return [bitmap.width, bitmap.height];
    }, bytesOf(got!).toString('base64'));
    expect(size).toEqual([Math.round((narrowed[2]! / 100) * 800), Math.round((narrowed[3]! / 100) * 600)]);
    await page.close();
  });

  it('the style chosen on the options page is the one ticked in the dialog (the copies are made with it)', async () => {
    const options = await suite.browser.context.newPage();
    await options.goto(`chrome-extension://${suite.browser.extensionId}/src/options/options.html`);
    await options.locator('body[data-ready="true"]').waitFor();
    await options.evaluate(() => chrome.storage.local.set({ redactionStyle: 'fill' }));
    try {
      const page = await open(gpsPath);
      const frame = await openDialog(page);
      expect(await frame.getByLabel('Solid grey').isChecked()).toBe(true);
      expect(await frame.getByLabel('Pixelated and blurred').isChecked()).toBe(false);
      await choose(page, frame, 'Cancel');
      await page.close();
    } finally {
      await options.evaluate(() => chrome.storage.local.remove('redactionStyle'));
      await options.close();
    }
  });

  it('several photos: the strip shows each, each is reviewed and decided on its own ("Leave it out", "As it is")', async () => {
    const page = await suite.browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(suite.server.url('/multiple.html'));
    const names = ['one.jpg', 'two.jpg', 'three.jpg'];
    const base = await makeJpeg(page, 400, 300);
    const originals = names.map((_, i) => withExif(base, { lat: 10 + i, lon: 20 + i }));
    await page.setInputFiles('#file', names.map((n, i) => writeTemp(suite, n, originals[i]!)));
    const frame = await openDialog(page);
    await expect(frame.locator('#ug-intro').textContent()).resolves.toMatch(/These photos/);
    const strip = await frame.locator('.strip').boundingBox();
    expect(strip?.height ?? 0).toBeGreaterThan(30);
    const tab = (n: number) => frame.getByRole('tab', { name: new RegExp(`^${n + 1}\\. ${names[n]}`) });
    const clickOn = async (target: ReturnType<typeof frame.locator>): Promise<void> => {
      const box = await target.boundingBox();
      if (!box) throw new Error('not visible');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    for (const n of [1, 2]) {
      await clickOn(tab(n));
      const panel = frame.locator(`section[aria-label*="${names[n]}"]`);
      await panel.waitFor({ state: 'visible' });
      await clickOn(panel.getByLabel(n === 1 ? 'Leave it out' : 'As it is'));
    }
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.files.map((f) => f.name)).toEqual(['one.jpg', 'three.jpg']);
    expect(await exifr.gps(bytesOf(got!, 0)).catch(() => undefined)).toBeUndefined();
    expect(bytesOf(got!, 1).equals(Buffer.from(originals[2]!))).toBe(true);
    await page.close();
  });

  it.skipIf(!hasJapaneseFont)('the text languages chosen on the options page reach the text check: a Japanese label is read once Japanese is on', async () => {
    const options = await suite.browser.context.newPage();
    await options.goto(`chrome-extension://${suite.browser.extensionId}/src/options/options.html`);
    await options.locator('body[data-ready="true"]').waitFor();
    const japanese = options.getByLabel('Japanese');
    // English is always read; in an English browser Japanese is a choice, off until chosen.
    expect(await options.getByLabel('English').isDisabled()).toBe(true);
    expect(await japanese.isChecked()).toBe(false);
    await japanese.check();
    await options.waitForFunction(async () => (await chrome.storage.local.get<{ textLanguages?: string[] }>('textLanguages')).textLanguages?.includes('jpn'), undefined, { polling: 50 });

    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html'));
    const label = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(1200, 560);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#d9b8a0';
      ctx.fillRect(0, 0, 1200, 560);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(60, 80, 1080, 400);
      ctx.fillStyle = '#111111';
      ctx.font = '56px sans-serif';
      ['氏名 山田 花子', '生年月日 1987年4月12日', '患者番号 4471902'].forEach((line, i) => ctx.fillText(line, 110, 180 + i * 110));
      const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const labelPath = writeTemp(suite, 'label-ja.jpg', new Uint8Array(Buffer.from(label, 'base64')));
    await page.setInputFiles('#file', labelPath);
    // The first Japanese page starts its engine with the jpn model: beside other browsers that
    // took longer than the 10 s a check is given, until an engine's start got a limit of its own.
    const frame = await openDialog(page);
    const titles = await frame.locator('[data-finding="id-text"] strong').allTextContents();
    const textCheck = await frame.locator('[data-check="text"]').textContent();
    console.log('Japanese label, 日本語 on:', JSON.stringify(titles), `(${textCheck ?? 'no text check line'})`);
    expect(titles).toContain('A name');
    await choose(page, frame, 'Cancel');
    await page.close();
    await japanese.uncheck();
    await options.close();
  });

  it('names a card whose print cannot be read, and the page receives it covered', async () => {
    const maker = await suite.browser.context.newPage();
    await maker.goto(suite.server.url('/plain.html'));
    const b64 = await drawUnreadableCard(maker);
    await maker.close();
    const page = await open(writeTemp(suite, 'insurance-card.jpg', new Uint8Array(Buffer.from(b64, 'base64'))));
    const frame = await openDialog(page);
    const card = frame.locator('[data-finding="id-text"]');
    await card.first().waitFor();
    expect(await card.locator('strong').allTextContents()).toEqual(['A card (ID, insurance or bank card)']);
    expect(await card.textContent()).toContain('could not be read here');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dialog-card.png') });
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    const change = await cardChange(page, b64, bytesOf(got!).toString('base64'));
    expect(change.card).toBeGreaterThan(30);
    expect(change.table).toBeLessThan(8);
    await page.close();
  });

  it.skipIf(!hasFixtures)('shows the face and the location, and the before/after view matches what is sent', async () => {
    const page = await open(faceGpsPath!);
    const frame = await openDialog(page);
    expect(await frame.locator('[data-finding="face"]').count()).toBeGreaterThan(0);
    expect(await frame.locator('[data-finding="location"]').count()).toBe(1);
    // Where the face box is drawn, in % of the picture (the dialog's own placement).
    const facePlace = await frame.locator('.box.kind-face').first().evaluate((b: HTMLElement) =>
      ['left', 'top', 'width', 'height'].map((k) => parseFloat(b.style.getPropertyValue(k))),
    );
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dialog-findings.png') });
    await frame.getByRole('button', { name: 'Show protected copy' }).click();
    await frame.locator('canvas[aria-label^="The protected copy"]').waitFor();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dialog-after.png') });
    const serious = (await runAxe(frame)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    const sent = bytesOf(got!);
    expect(await exifr.gps(sent).catch(() => undefined)).toBeUndefined();
    // The face area of what was sent no longer looks like the original; outside it, only re-encoding differs.
    const diff = await page.evaluate(
      async ({ before, after, place }) => {
        const pixels = async (b64: string): Promise<ImageData> => {
          const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
        };
        const a = await pixels(before);
        const b = await pixels(after);
        const [x, y, w, h] = place.map((v, i) => Math.round((v / 100) * (i % 2 === 0 ? a.width : a.height)));
        let inside = 0, nIn = 0, outside = 0, nOut = 0;
        for (let py = 0; py < a.height; py++) {
          for (let px = 0; px < a.width; px++) {
            const i = (py * a.width + px) * 4;
            const d = (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!)) / 3;
            const inBox = px >= x! + 2 && px < x! + w! - 2 && py >= y! + 2 && py < y! + h! - 2;
            const nearBox = px >= x! - 4 && px < x! + w! + 4 && py >= y! - 4 && py < y! + h! + 4;
            if (inBox) { inside += d; nIn++; } else if (!nearBox) { outside += d; nOut++; }
          }
        }
        return { size: [b.width, b.height], inside: inside / nIn, outside: outside / nOut };
      },
      { before: readFileSync(faceGpsPath!).toString('base64'), after: sent.toString('base64'), place: facePlace },
    );
    expect(diff.size).toEqual([512, 512]);
    expect(diff.inside).toBeGreaterThan(20);
    expect(diff.outside).toBeLessThan(4);
    await page.close();
  });

  it.skipIf(!hasFixtures)('on a phone (390×844) every finding and the check status can be read, none under the decision bar; 360 px does not scroll sideways', async () => {
    const page = await open(faceGpsPath!, 390, 844);
    const frame = await openDialog(page);
    const reach = await findingsReach(frame);
    if (SHOTS) {
      await page.screenshot({ path: join(SHOTS, 'dialog-phone.png') });
      await frame.locator('[role=dialog]').evaluate((d) => (d.scrollTop = d.scrollHeight));
      await page.screenshot({ path: join(SHOTS, 'dialog-phone-end.png') });
      await frame.locator('[role=dialog]').evaluate((d) => (d.scrollTop = 0));
    }
    console.log('390x844 en:', JSON.stringify(reach));
    expect(reach.filter((r) => r.kind === 'face').length).toBeGreaterThan(0);
    expect(reach.filter((r) => r.kind === 'location').length).toBe(1);
    expect(reach.filter((r) => !r.topReadable || r.hit !== 'itself')).toEqual([]);
    // The picture comes first and is in view as the dialog opens.
    const picture = await frame.locator('canvas[role=img]').boundingBox();
    expect(picture && picture.y >= 0 && picture.y + picture.height / 2 < 844).toBe(true);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await frame.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // From the keyboard too: Enter on the focused primary button, below the fold as the dialog opens, sends the copy.
    await frame.locator('[role=dialog]').evaluate((d) => (d.scrollTop = 0));
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Upload protected copy');
    await page.keyboard.press('Enter');
    const [got] = await waitForReceived(page);
    expect(await exifr.gps(bytesOf(got!)).catch(() => undefined)).toBeUndefined();
    await page.close();
  });
});
