/**
 * Issue 13: an upload form in a cross-origin frame (a chat, video-visit or form vendor) of a
 * protected page. The page on the protected host (`www.doctors-me.com/embed-vendor.html`)
 * embeds `unprotected.example.org/vendor-upload.html`, whose own code records what it gets.
 *
 * - Before: the popup says the page embeds the vendor and offers to check photos there.
 * - The popup's button asks for that one origin (the prompt is stood in for as in
 *   sites.test.ts), stores it in `embeddedSites`, the background registers the scripts for
 *   it, and the open page is protected at once.
 * - In the vendor frame of a protected page every pick is reviewed, the vendor's code sees
 *   nothing meanwhile, and each decision delivers what it says.
 * - The vendor page on its own, or inside a page that is not protected, is not reviewed.
 * - The options page lists the origin; "Remove" gives its access back.
 * - With "Protect uploads on every site", the frame is protected as well (and so is the
 *   vendor page on its own, now a protected site by itself).
 */
import exifr from 'exifr';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from '../../scripts/lib/launch-extension';
import { withExif } from '../support/exif-builder';
import { allowOnExtensionsPage, openPopup, press, serviceWorker, until } from '../support/extension-ui';
import { bytesOf, makeJpeg, openDialog, pageEvents, received, recordExtensionRequests, waitForReceived } from '../support/e2e';
import { OTHER_HOST, startTestServer, type TestServer } from '../support/test-server';

const VENDOR = `https://${OTHER_HOST}/*`;

interface Harness {
  server: TestServer;
  browser: ExtensionBrowser;
  cdp: CDPSession;
  gps: string;
  gpsBytes: Uint8Array;
  extensionRequests: string[];
}

let h: Harness;
let dir: string;
let tmp: string;

beforeAll(async () => {
  if (!existsSync('dist/manifest.json')) throw new Error('dist/ is missing: the e2e suite runs on the built extension (npm run build).');
  // A private copy of dist/, so a rebuild by someone else mid-run cannot change what is tested.
  dir = join(mkdtempSync(join(tmpdir(), 'upload-guard-xframe-')), 'ext');
  cpSync('dist', dir, { recursive: true });
  const server = await startTestServer();
  const browser = await launchExtension({
    extensionDir: dir,
    args: [server.proxyArg, '--ignore-certificate-errors', '--enable-unsafe-extension-debugging'],
  });
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const extensionRequests = recordExtensionRequests(browser);
  // The welcome tab of a first install: out of the way, so the popup opens on the page under test.
  const welcome = await until('the welcome tab', async () => browser.context.pages().find((p) => p.url().includes('/welcome.html')), (p) => p !== undefined).catch(() => undefined);
  await welcome?.close();
  const page = await browser.context.newPage();
  await page.goto(server.url('/plain.html'));
  const gpsBytes = withExif(await makeJpeg(page, 320, 240), { lat: 35.6586, lon: 139.7454, make: 'TestPhone', model: 'X1' });
  await page.close();
  tmp = mkdtempSync(join(tmpdir(), 'upload-guard-xframe-files-'));
  const gps = join(tmp, 'rash.jpg');
  writeFileSync(gps, gpsBytes);
  h = { server, browser, cdp, gps, gpsBytes, extensionRequests };
});

afterAll(async () => {
  if (h) {
    expect(h.extensionRequests).toEqual([]);
    // odml.pa.googleapis.com: Chromium's own on-device-model service, which chrome://extensions may wake (sites.test.ts).
    expect(h.server.foreignRequests.filter((r) => !r.startsWith('https odml.pa.googleapis.com'))).toEqual([]);
    await h.browser.close();
    await h.server.close();
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
});

/** The protected page (or `host`'s copy of it) with the vendor frame loaded. */
async function openEmbedding(host?: string): Promise<{ page: Page; vendor: Frame }> {
  const page = await h.browser.context.newPage();
  await page.goto(h.server.url('/embed-vendor.html', host));
  await page.bringToFront();
  const vendor = await until('the vendor frame', async () => page.frames().find((f) => f.url() === h.server.url('/vendor-upload.html', OTHER_HOST)), (f) => f !== undefined);
  await vendor!.waitForLoadState();
  await vendor!.waitForFunction(() => Array.isArray((window as unknown as { __received?: unknown }).__received), undefined, { polling: 50 });
  return { page, vendor: vendor! };
}

const registered = async (): Promise<Record<string, string[]>> =>
  serviceWorker(h.browser).evaluate(async () => Object.fromEntries((await chrome.scripting.getRegisteredContentScripts()).map((s) => [s.id, s.matches ?? []])));

const hasPermission = (origin: string): Promise<boolean> => serviceWorker(h.browser).evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);

/**
 * The file goes straight to the page's code and no review frame is mounted anywhere, though
 * the scripts of the embedded registration are there (its page-world hooks show in the
 * page's own `click`): the "no" is the gate's, not a missing script.
 */
async function expectStraightThrough(page: Page, target: Page | Frame): Promise<void> {
  expect(await target.evaluate(() => HTMLInputElement.prototype.click.toString().includes('[native code]'))).toBe(false);
  await target.setInputFiles('#file', h.gps);
  const [got] = await waitForReceived(target);
  expect(bytesOf(got!).equals(Buffer.from(h.gpsBytes))).toBe(true);
  // Long enough for a review frame to have been mounted had the pick been held.
  await page.waitForTimeout(500);
  expect(page.frames().some((f) => f.url().includes('review.html'))).toBe(false);
}

/**
 * A pick in the vendor frame opens the review there; the vendor's code has seen nothing.
 * `late`: the script was started in a page already open (from the popup), after the page's
 * own capture listener on `window`, which therefore hears the held `change` (of an input
 * already emptied) before us; its handlers on the input still hear nothing.
 */
async function pickAndReview(page: Page, vendor: Frame, late = false): Promise<Frame> {
  await vendor.setInputFiles('#file', h.gps);
  const dialog = await openDialog(page, vendor);
  expect(await dialog.locator('[data-finding="location"]').count()).toBeGreaterThan(0);
  expect(await received(vendor)).toEqual([]);
  expect(await pageEvents(vendor)).toEqual(late ? ['page-capture-change:0'] : []);
  expect(await vendor.evaluate(() => (document.getElementById('file') as HTMLInputElement).files?.length ?? 0)).toBe(0);
  return dialog;
}

const overlayHidden = (vendor: Frame): Promise<unknown> =>
  vendor.waitForFunction(() => Array.from(document.querySelectorAll('upload-guard-review')).every((e) => (e.getAttribute('style') ?? '').includes('opacity: 0')), undefined, { polling: 50 });

describe('a cross-origin frame on a protected page', () => {
  it('before: the popup says the page embeds the vendor and offers to check photos there', async () => {
    expect(await hasPermission(VENDOR)).toBe(false);
    const { page } = await openEmbedding();
    const popup = await openPopup(h.browser, h.cdp, page);
    const text = await popup.text();
    expect(text).toContain('This page embeds unprotected.example.org, where photos are not checked yet.');
    expect(await popup.evaluate<string>(`document.querySelector('#embedded-list li[data-origin="${VENDOR}"] button')?.textContent ?? ''`)).toBe(
      'Check photos in unprotected.example.org too',
    );
    await popup.close();
    await page.close();
  });

  it("the popup's button allows that one origin, for embedded frames only, and protects the open page at once", async () => {
    const { page, vendor } = await openEmbedding();
    await allowOnExtensionsPage(h.browser, VENDOR);
    const popup = await openPopup(h.browser, h.cdp, page);
    await popup.evaluate(`document.querySelector('#embedded-list li[data-origin="${VENDOR}"] button').click(), true`);

    const scripts = await until('the embedded registration', registered, (r) => (r['upload-guard-embedded'] ?? []).includes(VENDOR));
    expect(scripts['upload-guard-embedded-page']).toEqual([VENDOR]);
    // Not a site of its own: the main registration is untouched.
    expect(scripts['upload-guard-sites']).toBeUndefined();
    expect(await hasPermission(VENDOR)).toBe(true);
    expect(await hasPermission('https://*/*')).toBe(false);
    expect(await serviceWorker(h.browser).evaluate(() => chrome.storage.local.get(['embeddedSites', 'userSites']))).toEqual({ embeddedSites: [VENDOR], userSites: [] });
    await until('the popup to say so', () => popup.text(), (t) => t.includes('Photos are also checked in unprotected.example.org, embedded in this page.'));
    await popup.close();

    // The page that was open before the grant: the popup started the check in its vendor frame.
    const dialog = await pickAndReview(page, vendor, true);
    await press(dialog, 'Cancel');
    await overlayHidden(vendor);
    expect(await received(vendor)).toEqual([]);
    await page.close();
  });

  it('a new protected page: the pick is held, and "Upload as is" delivers the original bytes', async () => {
    const { page, vendor } = await openEmbedding();
    const dialog = await pickAndReview(page, vendor);
    await press(dialog, 'Upload as is');
    const [got] = await waitForReceived(vendor);
    expect(bytesOf(got!).equals(Buffer.from(h.gpsBytes))).toBe(true);
    await page.close();
  });

  it('"Upload protected copy" delivers a copy without the location', async () => {
    const { page, vendor } = await openEmbedding();
    const dialog = await pickAndReview(page, vendor);
    await press(dialog, 'Upload protected copy');
    const [got] = await waitForReceived(vendor);
    const sent = bytesOf(got!);
    expect(sent.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(sent.equals(Buffer.from(h.gpsBytes))).toBe(false);
    expect(await exifr.gps(sent).catch(() => undefined)).toBeUndefined();
    await page.close();
  });

  it('"Cancel" delivers nothing', async () => {
    const { page, vendor } = await openEmbedding();
    const dialog = await pickAndReview(page, vendor);
    await press(dialog, 'Cancel');
    await overlayHidden(vendor);
    await page.waitForTimeout(300);
    expect(await received(vendor)).toEqual([]);
    expect(await pageEvents(vendor)).toEqual([]);
    await page.close();
  });

  it('the vendor page opened on its own is not protected: the file goes straight through', async () => {
    const page = await h.browser.context.newPage();
    await page.goto(h.server.url('/vendor-upload.html', OTHER_HOST));
    await expectStraightThrough(page, page);
    await page.close();
  });

  it('the vendor frame inside a page that is not protected is not reviewed either (the background says no)', async () => {
    const { page, vendor } = await openEmbedding(OTHER_HOST);
    await expectStraightThrough(page, vendor);
    await page.close();
  });

  it('the options page lists the origin, and "Remove" takes it out: registration, access, protection', async () => {
    const options = await h.browser.context.newPage();
    await options.goto(`chrome-extension://${h.browser.extensionId}/src/options/options.html`);
    await options.locator('body[data-ready="true"]').waitFor();
    const item = options.locator(`#embedded-sites li[data-site="${VENDOR}"]`);
    await expect(item.innerText()).resolves.toContain('unprotected.example.org');
    await item.getByRole('button', { name: 'Remove' }).click();
    await until('the embedded registration to go', registered, (r) => r['upload-guard-embedded'] === undefined);
    expect(await hasPermission(VENDOR)).toBe(false);
    expect(await serviceWorker(h.browser).evaluate(() => chrome.storage.local.get('embeddedSites'))).toEqual({ embeddedSites: [] });
    expect(await options.locator('#embedded-sites-block').isHidden()).toBe(true);
    await options.close();

    const { page, vendor } = await openEmbedding();
    await vendor.setInputFiles('#file', h.gps);
    const [got] = await waitForReceived(vendor);
    expect(bytesOf(got!).equals(Buffer.from(h.gpsBytes))).toBe(true);
    expect(page.frames().some((f) => f.url().includes('review.html'))).toBe(false);
    await page.close();
  });

  it('with "Protect uploads on every site", the vendor frame is protected too', async () => {
    for (const p of ['https://*/*', 'http://*/*']) await allowOnExtensionsPage(h.browser, p);
    const options = await h.browser.context.newPage();
    await options.goto(`chrome-extension://${h.browser.extensionId}/src/options/options.html`);
    await options.locator('body[data-ready="true"]').waitFor();
    // A click, not check(): the page re-renders the box from what is granted, which can lag the click.
    await options.locator('#protect-all').click();
    await until('the every-site registration', registered, (r) => (r['upload-guard-sites'] ?? []).includes('https://*/*'));
    await options.close();

    const { page, vendor } = await openEmbedding();
    const dialog = await pickAndReview(page, vendor);
    await press(dialog, 'Upload as is');
    const [got] = await waitForReceived(vendor);
    expect(bytesOf(got!).equals(Buffer.from(h.gpsBytes))).toBe(true);
    await page.close();
  });
});
