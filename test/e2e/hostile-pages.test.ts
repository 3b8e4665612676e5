import exifr from 'exifr';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsJpeg } from '../support/bad-files';
import { bytesOf, choose, closeSuiteChecked, makeJpeg, received, reviewFrame, startSuite, waitForReceived, writeTemp, type Suite } from '../support/e2e';

/**
 * Issue 9, hostile pages: a page that forges messages, removes the overlay, listens first,
 * forbids everything with its CSP, or tries to read the held file. The original never reaches
 * the page without consent, and the extension makes no request of its own.
 */
let suite: Suite;
let gps: Uint8Array;
let gpsPath: string;

beforeAll(async () => {
  suite = await startSuite();
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  gps = gpsJpeg(await makeJpeg(page, 320, 240));
  gpsPath = writeTemp(suite, 'rash.jpg', gps);
  b64 = Buffer.from(gps).toString('base64');
  await page.close();
});

afterAll(() => closeSuiteChecked(suite));

async function open(path: string): Promise<Page> {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url(path));
  return page;
}

async function dialogFor(page: Page, name = 'rash.jpg'): Promise<Frame> {
  const frame = await reviewFrame(page);
  await frame.locator(`section.photo[aria-label*="${name}"]`).first().waitFor({ state: 'attached', timeout: 15_000 });
  await frame.getByRole('dialog').waitFor({ state: 'visible', timeout: 15_000 });
  await frame.waitForSelector('[role=dialog][aria-busy="false"]', { timeout: 30_000 });
  return frame;
}

let b64 = '';
/** Whether a base64 blob the page recorded is the original photo. */
const isOriginal = (data: string): boolean => data === b64;

async function expectNoGps(bytes: Buffer): Promise<void> {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
}

const overlayShown = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const host = document.querySelector('upload-guard-review');
    if (!host || !host.isConnected) return false;
    const style = getComputedStyle(host);
    return style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0';
  });

describe('hostile pages', () => {
  it('(a) forged ug:connect, review and decision messages at every frame are ignored', async () => {
    const page = await open('/hostile-messages.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await dialogFor(page);
    await page.waitForFunction(() => (window as unknown as { __forged: number }).__forged > 20, undefined, { polling: 50 });
    await page.waitForTimeout(500);
    expect(await received(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __leaks: string[] }).__leaks)).toEqual([]);
    // The dialog still shows the real photo, not the forged "fake.jpg", and still works.
    expect(await frame.locator('section.photo[aria-label*="fake.jpg"]').count()).toBe(0);
    // The frame is out of the page's reach: not in window.frames, in a closed shadow root.
    expect(await page.evaluate(() => (window as unknown as { __framesSeen: number }).__framesSeen)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('upload-guard-review')?.shadowRoot ?? null)).toBeNull();
    // Even a connect with the right nonce, from the right source, after the real one is ignored
    // (first connection wins), and a forged review on that port gets no answer.
    const answered = await frame.evaluate(async () => {
      const channel = new MessageChannel();
      let got = 0;
      channel.port1.onmessage = () => got++;
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'ug:connect', nonce: location.hash.slice(1) }, source: window.parent, ports: [channel.port2] }));
      channel.port1.postMessage({ type: 'review', files: [new File(['x'], 'fake.jpg', { type: 'image/jpeg' })] });
      await new Promise((r) => setTimeout(r, 400));
      return got;
    });
    expect(answered).toBe(0);
    expect(await frame.locator('section.photo[aria-label*="fake.jpg"]').count()).toBe(0);
    expect(await overlayShown(page)).toBe(true);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.files).toHaveLength(1);
    await expectNoGps(bytesOf(got!));
    await page.close();
  });

  for (const how of ['remove', 'hide', 'sheet', 'innerHTML'] as const) {
    it(`(b) the page ${how === 'innerHTML' ? 'rewrites documentElement.innerHTML' : how === 'sheet' ? 'hides the overlay with a style sheet' : `tries to ${how} the overlay`}: the file stays held and the dialog comes back`, async () => {
      const page = await open('/hostile-overlay.html');
      await page.setInputFiles('#file', gpsPath);
      await dialogFor(page);
      await page.evaluate((h) => (window as unknown as { __attack(h: string): void }).__attack(h), how);
      await page.waitForTimeout(700);
      expect(await received(page)).toEqual([]);
      await page.waitForFunction(() => document.querySelector('upload-guard-review')?.isConnected === true, undefined, { timeout: 5_000, polling: 50 });
      expect(await overlayShown(page)).toBe(true);
      // The dialog is there again (a removed frame reloads and is handed the files again).
      const frame = await dialogFor(page);
      if (how === 'innerHTML') {
        // The input is gone with the old body: "Upload as is" has nowhere to deliver, and nothing leaks.
        await choose(page, frame, 'Cancel');
      } else {
        await choose(page, frame, 'Upload as is');
        const [got] = await waitForReceived(page);
        expect(bytesOf(got!).equals(Buffer.from(gps))).toBe(true);
      }
      await page.waitForTimeout(300);
      if (how === 'innerHTML') expect(await received(page)).toEqual([]);
      await page.close();
    });
  }

  it('(c) capture listeners registered first in <head>, on window and document, see nothing until the decision', async () => {
    const page = await open('/hostile-capture.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await dialogFor(page);
    // A drop while the first photo is held: also held (queued), also unseen.
    await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'dropped.jpg', { type: 'image/jpeg' }));
      document.getElementById('zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, b64);
    await page.waitForTimeout(500);
    type Seen = { where: string; name: string; b64: string };
    const seen = (): Promise<Seen[]> => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);
    expect(await seen()).toEqual([]);
    await choose(page, frame, 'Upload protected copy');
    await waitForReceived(page);
    const afterFirst = await seen();
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(afterFirst.some((s) => isOriginal(s.b64))).toBe(false);
    // The held drop comes next; cancel it: the page never sees it.
    const second = await dialogFor(page, 'dropped.jpg');
    await choose(page, second, 'Cancel');
    await page.waitForTimeout(500);
    expect((await seen()).some((s) => s.name === 'dropped.jpg')).toBe(false);
    await page.close();
  });

  it("(d) a page with CSP default-src 'none' still gets the full review", async () => {
    const page = await open('/strict-csp.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await dialogFor(page);
    expect(await frame.locator('[data-finding="location"]').count()).toBeGreaterThan(0);
    expect(await received(page)).toEqual([]);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    await expectNoGps(bytesOf(got!));
    await page.close();
  });

  it('(e) main-world traps on input.files, DataTransfer and FormData get nothing before the decision', async () => {
    const page = await open('/hostile-read.html');
    type Grabbed = { how: string; name: string; b64: string };
    const grabbed = (): Promise<Grabbed[]> => page.evaluate(() => (window as unknown as { __grabbed: Grabbed[] }).__grabbed);
    await page.setInputFiles('#file', gpsPath);
    const frame = await dialogFor(page);
    await page.waitForTimeout(600); // the page polls every 20 ms meanwhile
    // An empty input makes FormData hold an empty, nameless File: that is all the page gets.
    const before = await grabbed();
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((g) => g.b64 !== '' || g.name !== '')).toEqual([]);
    expect(await received(page)).toEqual([]);
    await choose(page, frame, 'Upload protected copy');
    await waitForReceived(page);
    await page.waitForTimeout(200);
    const after = (await grabbed()).filter((g) => g.b64 !== '');
    expect(after.length).toBeGreaterThan(0);
    // Only the protected copy ever reached the page, through any of its traps.
    expect(after.some((g) => isOriginal(g.b64))).toBe(false);
    for (const g of after) await expectNoGps(Buffer.from(g.b64, 'base64'));
    await page.close();
  });
});
