import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from '../../scripts/lib/launch-extension';
import { startTestServer, type TestServer } from './test-server';
import { expect } from 'vitest';

export interface Received {
  via: string;
  files: { name: string; type: string; size: number; b64: string }[];
}

export interface Suite {
  server: TestServer;
  browser: ExtensionBrowser;
  /** Requests that pages or frames of the extension made to anything but the extension itself. */
  extensionRequests: string[];
  tmp: string;
  close(): Promise<void>;
}

/** Starts the local HTTPS site, the recording proxy and Chromium with the built extension. */
export async function startSuite(options: { locale?: string; args?: string[] } = {}): Promise<Suite> {
  if (!existsSync('dist/manifest.json')) throw new Error('dist/ is missing: the e2e suite runs on the built extension (npm run build).');
  const server = await startTestServer();
  const browser = await launchExtension({
    ...(process.env.UG_EXT_DIR ? { extensionDir: process.env.UG_EXT_DIR } : {}),
    args: [server.proxyArg, '--ignore-certificate-errors', ...(options.args ?? [])],
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const extensionRequests = recordExtensionRequests(browser);
  const tmp = mkdtempSync(join(tmpdir(), 'upload-guard-e2e-'));
  return {
    server,
    browser,
    extensionRequests,
    tmp,
    async close() {
      await browser.close();
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Requests that pages, frames or the service worker of the extension made to anything but
 * the extension's own files (the proxy catches the rest, whoever made it).
 */
export function recordExtensionRequests(browser: ExtensionBrowser): string[] {
  const seen: string[] = [];
  const origin = `chrome-extension://${browser.extensionId}`;
  browser.context.on('request', (request) => {
    let from: string;
    try {
      from = request.frame().url();
    } catch {
      from = request.serviceWorker()?.url() ?? '';
    }
    const to = request.url();
    if (from.startsWith('chrome-extension:') && !to.startsWith(origin) && !to.startsWith('blob:') && !to.startsWith('data:')) seen.push(`${from} -> ${to}`);
  });
  return seen;
}

export function writeTemp(suite: Suite, name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(suite.tmp, 'f-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * A real JPEG made by Chromium's own encoder, `w`×`h`: skin-like tones with soft reddish
 * blotches, as a photo of a rash is. (Hard-edged small rectangles were taken for print by
 * the text finder, so every test page loaded OCR for a photo with no text in it.)
 */
export async function makeJpeg(page: Page, w = 640, h = 480, type = 'image/jpeg'): Promise<Uint8Array> {
  const b64 = await page.evaluate(
    async ({ w, h, type }) => {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, w, h);
      g.addColorStop(0, '#e8c0a8');
      g.addColorStop(1, '#b07050');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      for (let i = 0; i < 12; i++) {
        const [x, y, r] = [((i * 97) % 89) / 89 * w, ((i * 53) % 61) / 61 * h, (0.04 + (i % 4) * 0.02) * Math.min(w, h)];
        const blotch = ctx.createRadialGradient(x, y, 0, x, y, r);
        blotch.addColorStop(0, 'rgba(160, 64, 64, 0.8)');
        blotch.addColorStop(1, 'rgba(160, 64, 64, 0)');
        ctx.fillStyle = blotch;
        ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
      }
      const blob = await canvas.convertToBlob({ type, quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { w, h, type },
  );
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/**
 * The review frame of a page (it lives in a closed shadow root, but Playwright sees every
 * frame); with `inside`, the one mounted in that frame's document (each frame that holds a
 * photo mounts its own).
 */
export async function reviewFrame(page: Page, timeout = 15_000, inside?: Frame): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/src/review/review.html') && (!inside || f.parentFrame() === inside));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the review frame did not appear');
    await page.waitForTimeout(50);
  }
}

/** Waits for the dialog to be visible and every check done. */
export async function openDialog(page: Page, inside?: Frame): Promise<Frame> {
  // Chromium stops painting frames of background tabs; Playwright's click waits for paints.
  await page.bringToFront();
  const frame = await reviewFrame(page, 15_000, inside);
  await frame.getByRole('dialog').waitFor({ state: 'visible', timeout: 15_000 });
  await frame.waitForSelector('[role=dialog][aria-busy="false"]', { timeout: 30_000 });
  // The overlay is shown (not just present): the frame asked for it and the host obeyed.
  const host = frame.parentFrame();
  if (host) {
    await host.waitForFunction(
      () => Array.from(document.querySelectorAll('upload-guard-review')).some((h) => !(h.getAttribute('style') ?? '').includes('opacity: 0')),
      undefined,
      { timeout: 5_000, polling: 50 },
    );
  }
  return frame;
}

export const received = (page: Page | Frame): Promise<Received[]> => page.evaluate(() => (window as unknown as { __received: Received[] }).__received);
export const pageEvents = (page: Page | Frame): Promise<string[]> => page.evaluate(() => (window as unknown as { __events: string[] }).__events);

export async function waitForReceived(page: Page | Frame, count = 1): Promise<Received[]> {
  await page.waitForFunction((n) => (window as unknown as { __received: unknown[] }).__received.length >= n, count, { timeout: 20_000, polling: 50 });
  return received(page);
}

export const bytesOf = (r: Received, i = 0): Buffer => Buffer.from(r.files[i]?.b64 ?? '', 'base64');

/**
 * Clicks a dialog button with the real mouse, as a person does, until the review takes it.
 * Playwright's own `click()` can wait forever when the click removes the clicked element's
 * frame (as a decision does), so the mouse is moved and pressed at the button's place.
 * Two things can make a real press not count, and a person would then press again:
 * - Chromium now and then drops a click on an out-of-process frame that has only just become
 *   hit-testable (no pointer event reached the frame): pressed again only when the frame saw
 *   none, so a decision is never made twice;
 * - the review refuses a decision press when it cannot confirm it was visible (no fresh
 *   visibility report within 2 s, which happens on a loaded machine): it says so and marks the
 *   button `data-refused`; pressed again then.
 */
export async function choose(page: Page, frame: Frame, name: string): Promise<void> {
  const button = frame.getByRole('button', { name, exact: true });
  await button.waitFor({ state: 'visible' });
  type Watched = Window & { __ugPresses?: number };
  for (let attempt = 0; attempt < 3; attempt++) {
    await frame.evaluate(() => {
      const w = window as Watched;
      if (w.__ugPresses === undefined) document.addEventListener('pointerdown', () => (w.__ugPresses = (w.__ugPresses ?? 0) + 1), true);
      w.__ugPresses = 0;
    });
    const refusedBefore = Number((await button.getAttribute('data-refused')) ?? 0);
    // The person looks at this tab. In headless Chromium a review frame that was created
    // while hidden can stay rendered at about one frame a second until its page is brought
    // to the front again (measured: rAF 1.5 s, scrolling 2 s, per press).
    await page.bringToFront();
    // Two rendered frames in the review first: a frame that has only just been shown may not
    // be hit-testable yet, and the browser then gives the press to the page below.
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // On a phone the decision bar comes after the findings: a person scrolls down to it.
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error(`button "${name}" has no box`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const reached = await frame
      .waitForFunction(() => ((window as Watched).__ugPresses ?? 0) > 0, undefined, { timeout: 2_000, polling: 25 })
      .then(() => true, () => false);
    if (!reached) continue;
    // A guarded decision is judged within ~2 s; other buttons are never marked.
    await frame.waitForFunction(() => !document.querySelector('[data-checking]'), undefined, { timeout: 5_000, polling: 25 }).catch(() => undefined);
    const refused = Number((await button.getAttribute('data-refused', { timeout: 1_000 }).catch(() => null)) ?? 0) > refusedBefore;
    if (!refused) return;
    console.log(`choose("${name}"): the review refused the press (visibility not confirmed); pressing again`);
  }
  throw new Error(`no press on "${name}" was taken by the review frame`);
}

/**
 * Mean absolute difference (0-255) between two encoded images inside `box` ([x, y, w, h] in
 * pixels of the first), decoded by Chromium itself: how much a region of what the page
 * received still looks like the original.
 */
export async function regionDifference(page: Page, before: Uint8Array, after: Uint8Array, box: readonly number[]): Promise<number> {
  return page.evaluate(
    async ({ before, after, box }) => {
      const region = async (b64: string): Promise<Uint8ClampedArray> => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(box[0]!, box[1]!, box[2]!, box[3]!).data;
      };
      const a = await region(before);
      const b = await region(after);
      let sum = 0;
      for (let i = 0; i < a.length; i += 4) sum += (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!)) / 3;
      return sum / (a.length / 4);
    },
    { before: Buffer.from(before).toString('base64'), after: Buffer.from(after).toString('base64'), box: [...box].map(Math.round) },
  );
}

/** A JPEG of coarse random colour cells (seeded): any redaction of it shows in the pixels. */
export async function makeTexturedJpeg(page: Page, w: number, h: number, seed = 7): Promise<Uint8Array> {
  const b64 = await page.evaluate(
    async ({ w, h, seed }) => {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d')!;
      let s = seed;
      const next = (): number => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) & 255;
      const cell = Math.max(8, Math.round(Math.min(w, h) / 120));
      for (let y = 0; y < h; y += cell) {
        for (let x = 0; x < w; x += cell) {
          ctx.fillStyle = `rgb(${next()},${next()},${next()})`;
          ctx.fillRect(x, y, cell, cell);
        }
      }
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
      let out = '';
      for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(out);
    },
    { w, h, seed },
  );
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** Promise 1 for a whole file: no request of the extension's own, none to a foreign host; then the browser closes. */
export async function closeSuiteChecked(suite: Suite): Promise<void> {
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
}

/** A page of the test site in a new tab, brought to the front (background tabs do not paint). */
export async function openPage(suite: Suite, path: string): Promise<Page> {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url(path));
  await page.bringToFront();
  return page;
}

/** A 320×240 JPEG from Chromium's encoder with `withGps` applied, and the file it is chosen from. */
export async function photoWithGps(suite: Suite, withGps: (jpeg: Uint8Array) => Uint8Array, name = 'rash.jpg'): Promise<{ bytes: Uint8Array; path: string }> {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  const bytes = withGps(await makeJpeg(page, 320, 240));
  await page.close();
  return { bytes, path: writeTemp(suite, name, bytes) };
}

export interface FindingReach {
  kind: string;
  /** Px of the finding readable (in the dialog's view, not under the footer) before any scrolling. */
  visibleAtOpen: number;
  /** After it is scrolled into view: its top is below the dialog's top and above the footer. */
  topReadable: boolean;
  /** What `elementFromPoint` finds a few px inside its top-left corner then (the finding itself, or what covers it). */
  hit: string;
}

/**
 * For every `[data-finding]` (and the check status list), how much of it a person can read
 * on a small screen: first as the dialog opens, then after scrolling it into view, where
 * nothing (the pinned footer, say) may lie over its top. Leaves the dialog scrolled back to the top.
 */
export async function findingsReach(frame: Frame): Promise<FindingReach[]> {
  return frame.evaluate(() => {
    const dialog = document.querySelector<HTMLElement>('[role=dialog]')!;
    const footer = dialog.querySelector('footer')!;
    const targets = [...dialog.querySelectorAll<HTMLElement>('section.photo:not([hidden]) [data-finding], section.photo:not([hidden]) .checks')];
    // What bounds the readable part: the dialog's box, and the footer's top where the footer lies inside it.
    const view = (): { top: number; bottom: number } => {
      const d = dialog.getBoundingClientRect();
      const f = footer.getBoundingClientRect();
      const bottom = Math.min(d.bottom, window.innerHeight);
      return { top: Math.max(d.top, 0), bottom: f.top < bottom && f.bottom > d.top ? f.top : bottom };
    };
    dialog.scrollTop = 0;
    const atOpen = targets.map((el) => {
      const r = el.getBoundingClientRect();
      const v = view();
      return Math.max(0, Math.min(r.bottom, v.bottom) - Math.max(r.top, v.top));
    });
    const out = targets.map((el, i) => {
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      const v = view();
      const at = document.elementFromPoint(r.left + 4, r.top + 4);
      const name = (n: Element | null): string => (n ? `${n.tagName.toLowerCase()}${n.className ? '.' + String(n.className).split(' ')[0] : ''}` : 'nothing');
      return {
        kind: el.dataset.finding ?? 'checks',
        visibleAtOpen: Math.round(atOpen[i] ?? 0),
        topReadable: r.top >= v.top - 0.5 && r.top + 16 <= v.bottom + 0.5,
        hit: at && el.contains(at) ? 'itself' : name(at),
      };
    });
    dialog.scrollTop = 0;
    return out;
  });
}

/** A picture file (e.g. a PNG fixture) re-encoded by Chromium as a phone-like JPEG, with `withGps` applied. */
export async function jpegFrom(suite: Suite, path: string, withGps: (jpeg: Uint8Array) => Uint8Array, name: string): Promise<string> {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  const jpeg = await page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let s = '';
    for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
    return btoa(s);
  }, readFileSync(path).toString('base64'));
  await page.close();
  return writeTemp(suite, name, withGps(new Uint8Array(Buffer.from(jpeg, 'base64'))));
}
