import exifr from 'exifr';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsJpeg } from '../support/bad-files';
import { closedRootButton } from '../support/closed-root';
import { bytesOf, closeSuiteChecked, openDialog, openPage, photoWithGps, received, startSuite, waitForReceived, writeTemp, type Suite } from '../support/e2e';

/**
 * Issue 14 item 5 and issue 13: the page cannot draw over, fade or outrank the review, a
 * click on a covered review does not count, and where the site's headers stop the review
 * the person is told at once and still chooses.
 */
let suite: Suite;
let gps: Uint8Array;
let gpsPath: string;

beforeAll(async () => {
  suite = await startSuite();
  ({ bytes: gps, path: gpsPath } = await photoWithGps(suite, gpsJpeg));
});

afterAll(() => closeSuiteChecked(suite));

const open = (path: string): Promise<Page> => openPage(suite, path);

const trick = (page: Page, how: string): Promise<unknown> =>
  page.evaluate((h) => (window as unknown as { __trick(h: string): unknown }).__trick(h), how);

async function centreOf(frame: Frame, name: string): Promise<{ x: number; y: number }> {
  const box = await frame.getByRole('button', { name, exact: true }).boundingBox();
  if (!box) throw new Error(`button "${name}" has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * What the page has on top at a point, counting what it painted with `pointer-events: none`
 * as a person's eye would (stacking does not depend on pointer-events).
 */
const topmostAt = (page: Page, at: { x: number; y: number }): Promise<string> =>
  page.evaluate(({ x, y }) => {
    const cover = (window as unknown as { __coverEl: HTMLElement | null }).__coverEl;
    const before = cover?.style.pointerEvents ?? '';
    if (cover) cover.style.setProperty('pointer-events', 'auto', 'important');
    const hit = document.elementFromPoint(x, y);
    if (cover) cover.style.setProperty('pointer-events', before);
    return hit ? hit.localName + (hit.id ? `#${hit.id}` : '') : 'nothing';
  }, at);

/** What IntersectionObserver v2 says of a button, measured afresh in the review frame. */
const seenByIo2 = (frame: Frame, name: string): Promise<boolean | undefined> =>
  frame.evaluate(async (label) => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === label);
    if (!button) return undefined;
    return new Promise<boolean | undefined>((resolve) => {
      const io = new IntersectionObserver(
        ([entry]) => {
          io.disconnect();
          resolve((entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible);
        },
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      io.observe(button);
    });
  }, name);

async function expectNoGps(bytes: Buffer): Promise<void> {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
}

const isOriginal = (bytes: Buffer): boolean => bytes.equals(Buffer.from(gps));

describe('the review sits above everything the page can draw', () => {
  for (const how of ['overlay', 'sibling', 'opacity', 'filter', 'dialog', 'popover', 'shadow-popover', 'fullscreen'] as const) {
    for (const when of ['before', 'while'] as const) {
      // The overlay trick waits for the review to appear by itself; the closed-root popover
      // is the case only the frame's own visibility report can see.
      if ((how === 'overlay' && when === 'while') || (how === 'shadow-popover' && when === 'before')) continue;
      it(`${how} (${when === 'before' ? 'set up before the pick' : 'while the review is shown'}): the real review is topmost and works`, async () => {
        const page = await open('/hostile-cover.html');
        if (when === 'before') await trick(page, how);
        await page.setInputFiles('#file', gpsPath);
        const frame = await openDialog(page);
        if (when === 'while') await trick(page, how);
        await page.waitForTimeout(400);
        const asIs = await centreOf(frame, 'Upload as is');
        expect(await topmostAt(page, asIs)).toBe('upload-guard-review');
        expect(await seenByIo2(frame, 'Upload as is')).toBe(true);
        expect(await page.evaluate(() => document.fullscreenElement?.id ?? null)).toBeNull();
        const safe = await centreOf(frame, 'Upload protected copy');
        await page.mouse.click(safe.x, safe.y);
        const [got] = await waitForReceived(page);
        await expectNoGps(bytesOf(got!));
        await page.close();
      });
    }
  }

  it('a click on a covered review does not count, says why, and counts again once it is seen', async () => {
    const page = await open('/hostile-cover.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    await page.waitForTimeout(300);
    // Nothing of the page can stay above the top layer, so the cover is made where only a
    // test can reach: inside the review frame, over its buttons, letting clicks through.
    await frame.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'test-cover';
      cover.setAttribute('style', 'position: fixed; inset: 0; background: rgba(20, 140, 60, 0.97); pointer-events: none; z-index: 10;');
      document.body.append(cover);
    });
    await page.waitForTimeout(400);
    expect(await seenByIo2(frame, 'Upload as is')).toBe(false);
    const asIs = await centreOf(frame, 'Upload as is');
    await page.mouse.click(asIs.x, asIs.y);
    await page.waitForTimeout(500);
    expect(await received(page)).toEqual([]);
    expect(await frame.locator('[role=dialog] [role=status]').textContent()).toMatch(/covered or faded/);
    await frame.evaluate(() => document.getElementById('test-cover')?.remove());
    await page.waitForTimeout(400);
    await page.mouse.click(asIs.x, asIs.y);
    const [got] = await waitForReceived(page);
    expect(isOriginal(bytesOf(got!))).toBe(true);
    await page.close();
  });
  it('a page view transition (a shifted picture above the top layer): the click does not count until it ends', async () => {
    const page = await open('/hostile-cover.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    await trick(page, 'viewtransition');
    await page.waitForTimeout(400);
    const asIs = await centreOf(frame, 'Upload as is');
    await page.mouse.click(asIs.x, asIs.y);
    await page.waitForTimeout(2_500);
    expect(await received(page)).toEqual([]);
    expect(await frame.locator('[role=dialog] [role=status]').textContent()).toMatch(/covered or faded/);
    await page.evaluate(() => (window as unknown as { __endTransition(): void }).__endTransition());
    await page.waitForTimeout(400);
    await page.mouse.click(asIs.x, asIs.y);
    const [got] = await waitForReceived(page);
    expect(isOriginal(bytesOf(got!))).toBe(true);
    await page.close();
  });
});

/**
 * The host gives a frame that never connects READY_TIMEOUT_MS (1.2 s) before it shows the
 * note; the note then appears at once (1.3 s measured alone). The bound below says "told,
 * not left waiting", not how fast: on two cores shared with other browsers a 2 s bound is a
 * timing test of the machine.
 */
const TOLD_MS = 8_000;

describe('the review cannot start: the person is told at once', () => {
  for (const path of ['/coop-coep.html', '/csp-sandbox.html']) {
    it(`${path}: a notice, not a wait; "Upload as is" delivers the original, "Cancel" nothing, every pick`, async () => {
      const page = await open(path);
      const t0 = Date.now();
      await page.setInputFiles('#file', gpsPath);
      await page.waitForSelector('upload-guard-blocked', { state: 'attached', timeout: TOLD_MS });
      const toldAfter = Date.now() - t0;
      console.log(`${path}: told after ${toldAfter} ms`);
      expect(toldAfter).toBeLessThan(TOLD_MS);
      expect(await received(page)).toEqual([]);
      const asIs = await closedRootButton(page, 'upload-guard-blocked', 'Upload as is');
      await page.mouse.click(asIs.x, asIs.y);
      const [got] = await waitForReceived(page);
      expect(isOriginal(bytesOf(got!))).toBe(true);
      await page.waitForSelector('upload-guard-blocked', { state: 'detached', timeout: TOLD_MS });
      // A later pick on the same page is not passed either: it gets the same notice.
      const t1 = Date.now();
      // Another path: Chromium fires no `change` for the very same file again.
      await page.setInputFiles('#file', writeTemp(suite, 'rash.jpg', gps));
      await page.waitForSelector('upload-guard-blocked', { state: 'attached', timeout: TOLD_MS });
      console.log(`${path}: second pick told after ${Date.now() - t1} ms`);
      const cancel = await closedRootButton(page, 'upload-guard-blocked', 'Cancel');
      await page.mouse.click(cancel.x, cancel.y);
      await page.waitForSelector('upload-guard-blocked', { state: 'detached', timeout: TOLD_MS });
      await page.waitForTimeout(500);
      expect(await received(page)).toHaveLength(1);
      await page.close();
    });
  }
  it('the site inside a sandboxed frame: the note is shown there, and its choices work', async () => {
    const page = await open('/sandboxed-frame.html');
    const site = page.frames().find((f) => f.url().endsWith('/plain.html'));
    if (!site) throw new Error('no site frame');
    await site.waitForFunction(() => (window as unknown as { __received?: unknown }).__received !== undefined, undefined, { polling: 50 });
    const t0 = Date.now();
    await site.setInputFiles('#file', writeTemp(suite, 'rash.jpg', gps));
    await site.waitForSelector('upload-guard-blocked', { state: 'attached', timeout: TOLD_MS });
    console.log(`sandboxed frame: told after ${Date.now() - t0} ms`);
    expect(await received(site)).toEqual([]);
    const asIs = await closedRootButton(page, 'upload-guard-blocked', 'Upload as is', site);
    await page.mouse.click(asIs.x, asIs.y);
    const [got] = await waitForReceived(site);
    expect(isOriginal(bytesOf(got!))).toBe(true);
    await page.close();
  });
  it('the note cannot be covered either: a click on it under a page layer does not count', async () => {
    const page = await open('/coop-coep.html');
    await page.setInputFiles('#file', gpsPath);
    await page.waitForSelector('upload-guard-blocked', { state: 'attached', timeout: TOLD_MS });
    const asIs = await closedRootButton(page, 'upload-guard-blocked', 'Upload as is');
    // A relabelling layer in the page's own closed root, in the top layer, letting clicks through.
    await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.id = 'holder';
      const layer = document.createElement('div');
      layer.setAttribute('popover', 'manual');
      layer.setAttribute('style', 'position: fixed; inset: 0; margin: 0; border: 0; width: 100vw; height: 100vh; pointer-events: none; background: rgba(20, 140, 60, 0.97);');
      holder.attachShadow({ mode: 'closed' }).append(layer);
      document.body.append(holder);
      layer.showPopover();
    });
    await page.waitForTimeout(300);
    await page.mouse.click(asIs.x, asIs.y);
    await page.waitForTimeout(2_500);
    expect(await received(page)).toEqual([]);
    expect(await page.$('upload-guard-blocked')).not.toBeNull();
    await page.evaluate(() => document.getElementById('holder')?.remove());
    await page.waitForTimeout(300);
    await page.mouse.click(asIs.x, asIs.y);
    const [got] = await waitForReceived(page);
    expect(isOriginal(bytesOf(got!))).toBe(true);
    await page.close();
  });
});
