/**
 * Sites in a real browser: the popup's "Protect uploads on this site", a site the person
 * added, a site set by managed policy, removal and revocation, and the welcome demo.
 *
 * What a headless browser cannot do, and how each test gets round it:
 * - Clicking the toolbar button: the DevTools command `Extensions.triggerAction` (behind
 *   `--enable-unsafe-extension-debugging`) clicks it for real, so the popup opens on that tab
 *   with the `activeTab` grant, exactly as for a person.
 * - The permission prompt cannot be answered. Instead the test first allows the site the way
 *   a person can on chrome://extensions ("Site access", `developerPrivate.addHostPermission`);
 *   `permissions.request` then resolves `true` without a prompt. The popup's own code path
 *   (request, save, registration by the background, injection into the open tab) runs
 *   unchanged; only the prompt's own buttons are not exercised.
 * - Policy: Chromium on Linux reads `/etc/chromium/policies/managed/*.json`. The policy test
 *   writes one there (root in CI) for a copy of the extension with its own ID, so no other
 *   browser on the machine is affected, and removes it afterwards. Without write access it
 *   is skipped and says so.
 *
 * - After an action popup has been open, Chromium may stop painting the tab behind it for a
 *   while, and a real mouse click waits for a paint; dialog buttons are therefore pressed
 *   with a dispatched click here (the upload-path suite clicks them for real).
 *
 * Each browser runs a private copy of `dist/` (the ID of an unpacked extension follows from
 * its path), so a rebuild of `dist/` by someone else mid-run cannot change what is tested.
 */
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, unpackedExtensionId, type ExtensionBrowser } from '../../scripts/lib/launch-extension';
import { withExif } from '../support/exif-builder';
import { bytesOf, makeJpeg, openDialog, received, recordExtensionRequests, reviewFrame, waitForReceived } from '../support/e2e';
import { allowOnExtensionsPage as allowSite, openPopup as openActionPopup, press, serviceWorker as workerOf, until, type Popup } from '../support/extension-ui';
import { OTHER_HOST, startTestServer, type TestServer } from '../support/test-server';

const SITE = `https://${OTHER_HOST}/*`;
const POLICY_DIR = '/etc/chromium/policies/managed';

/** Chromium's ID for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits as a–p. */
const unpackedId = unpackedExtensionId;

function copyDist(): string {
  if (!existsSync('dist/manifest.json')) throw new Error('dist/ is missing: the e2e suite runs on the built extension (npm run build).');
  const dir = join(mkdtempSync(join(tmpdir(), 'upload-guard-sites-')), 'ext');
  cpSync('dist', dir, { recursive: true });
  return dir;
}

interface Harness {
  server: TestServer;
  browser: ExtensionBrowser;
  cdp: CDPSession;
  files: { gps: string; clean: string };
  gpsBytes: Uint8Array;
  /** Requests made by extension pages or the service worker to anything but the extension. */
  extensionRequests: string[];
  close(): Promise<void>;
}

async function startHarness(dir: string): Promise<Harness> {
  const server = await startTestServer();
  const browser = await launchExtension({
    extensionDir: dir,
    args: [server.proxyArg, '--ignore-certificate-errors', '--enable-unsafe-extension-debugging'],
  });
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const extensionRequests = recordExtensionRequests(browser);
  const page = await browser.context.newPage();
  await page.goto(server.url('/plain.html'));
  const clean = await makeJpeg(page, 320, 240);
  await page.close();
  const gpsBytes = withExif(clean, { lat: 35.6586, lon: 139.7454, make: 'TestPhone', model: 'X1' });
  const tmp = mkdtempSync(join(tmpdir(), 'upload-guard-sites-files-'));
  writeFileSync(join(tmp, 'rash.jpg'), gpsBytes);
  writeFileSync(join(tmp, 'clean.jpg'), clean);
  return {
    server,
    browser,
    cdp,
    gpsBytes,
    extensionRequests,
    files: { gps: join(tmp, 'rash.jpg'), clean: join(tmp, 'clean.jpg') },
    async close() {
      await browser.close();
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// The popup, chrome://extensions and press helpers are shared with cross-origin-frame.test.ts.
const serviceWorker = (h: Harness) => workerOf(h.browser);
const allowOnExtensionsPage = (h: Harness, pattern: string, allow = true): Promise<void> => allowSite(h.browser, pattern, allow);
const openPopup = (h: Harness, page: Page): Promise<Popup> => openActionPopup(h.browser, h.cdp, page);

async function registeredMatches(h: Harness): Promise<string[]> {
  return serviceWorker(h).evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));
}

async function hasPermission(h: Harness, origin: string): Promise<boolean> {
  return serviceWorker(h).evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin);
}

async function openOther(h: Harness, path = '/plain.html'): Promise<Page> {
  const page = await h.browser.context.newPage();
  await page.goto(h.server.url(path, OTHER_HOST));
  return page;
}

/** Without protection the page gets the file at once and no review frame is mounted. */
async function expectUnprotected(h: Harness, page: Page): Promise<void> {
  await page.setInputFiles('#file', h.files.gps);
  const [got] = await waitForReceived(page);
  expect(bytesOf(got!).equals(Buffer.from(h.gpsBytes))).toBe(true);
  expect(page.frames().some((f) => f.url().includes('review.html'))).toBe(false);
}

/**
 * Promise 1 holds here too. `odml.pa.googleapis.com` is Chromium's own on-device-model
 * service, which chrome://extensions (used above as the stand-in for the prompt) may wake;
 * requests from the extension itself are recorded separately and never excused.
 */
function expectNoForeignRequests(h: Harness): void {
  expect(h.extensionRequests).toEqual([]);
  expect(h.server.foreignRequests.filter((r) => !r.startsWith('https odml.pa.googleapis.com'))).toEqual([]);
}

describe('sites the person adds', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = copyDist();
    h = await startHarness(dir);
  });

  afterAll(async () => {
    expectNoForeignRequests(h);
    await h.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('opens the welcome page on first install, and its demo runs the whole review', async () => {
    const welcomeUrl = `chrome-extension://${h.browser.extensionId}/src/welcome/welcome.html`;
    // A tab still loading has only its pendingUrl (seen under load: `[""]`).
    const urls = await until(
      'the welcome tab',
      () => serviceWorker(h).evaluate(async () => (await chrome.tabs.query({})).map((t) => t.url || t.pendingUrl || '')),
      (u) => u.includes(welcomeUrl),
      30_000,
    );
    expect(urls).toContain(welcomeUrl);
    const page = await h.browser.context.newPage();
    await page.goto(welcomeUrl);
    await page.bringToFront();
    await page.setInputFiles('#demo-file', h.files.gps);
    // Not openDialog(): that also checks the content script's shadow host, which the demo has no need of.
    const frame = await reviewFrame(page);
    await frame.getByRole('dialog').waitFor({ state: 'visible', timeout: 15_000 });
    await frame.waitForSelector('[role=dialog][aria-busy="false"]', { timeout: 30_000 });
    expect(await frame.locator('[data-finding="location"]').count()).toBeGreaterThan(0);
    await press(frame, 'Upload protected copy');
    await page.locator('#demo-result[data-decision="protected"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#demo-result-text').innerText()).toContain('rash.jpg');
    await page.close();
  });

  it('popup, options and welcome work at phone width (390 px); nothing managed shows "Managed by your organisation"; no switch where there is no site', async () => {
    const base = `chrome-extension://${h.browser.extensionId}/src`;
    /** The page as a phone shows it: a mobile viewport, where a page without a viewport meta is laid out 980 px wide. */
    const onPhone = async (url: string): Promise<Page & { shot?: (path: string) => Promise<void> }> => {
      const page = await h.browser.context.newPage();
      const cdp = await h.browser.context.newCDPSession(page);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
      await page.goto(url);
      // Playwright's own screenshot resets the emulated screen; DevTools' keeps it.
      const shot = async (path: string): Promise<void> => writeFileSync(path, Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png' })).data, 'base64'));
      return Object.assign(page, { shot });
    };
    const layout = (page: Page) => page.evaluate(() => ({ width: window.innerWidth, scroll: document.documentElement.scrollWidth }));
    const blank = await h.browser.context.newPage();
    await blank.goto('about:blank');
    const blankId = await serviceWorker(h).evaluate(async () => (await chrome.tabs.query({ url: undefined })).find((t) => (t.url ?? t.pendingUrl ?? 'about:blank') === 'about:blank')?.id);

    for (const url of [`${base}/welcome/welcome.html`, `${base}/options/options.html`, `${base}/popup/popup.html?tab=${blankId}`]) {
      const page = await onPhone(url);
      if (!url.includes('welcome')) await page.locator('body[data-ready="true"]').waitFor();
      expect({ url, ...(await layout(page)) }).toEqual({ url, width: 390, scroll: 390 });
      if (url.includes('options')) {
        // Nothing is managed in this browser: no badge anywhere, and the choices can be changed.
        expect(await page.getByText('Managed by your organisation').filter({ visible: true }).count()).toBe(0);
        expect(await page.locator('input[name=review][value=always]').isDisabled()).toBe(false);
      }
      if (process.env.LOOK) await page.shot?.(`/tmp/look-${url.split('/').pop()!.split('.')[0]}.png`);
      await page.close();
    }

    // The real toolbar popup on a page that is not a web site: it says so, and offers no switch.
    const popup = await openPopup(h, blank);
    expect(await popup.text()).toContain('Upload Guard works on web pages');
    expect(await popup.evaluate<boolean>("document.getElementById('toggle').checkVisibility()")).toBe(false);
    await popup.close();
    await blank.close();
  });

  it('an unlisted site is not protected, and has no access by default', async () => {
    expect(await hasPermission(h, SITE)).toBe(false);
    expect(await registeredMatches(h)).toEqual([]);
    const page = await openOther(h);
    await expectUnprotected(h, page);
    await page.close();
  });

  it('the popup toggle adds this site: permission, registration, and the open page is protected at once', async () => {
    // First, as the stand-in for the prompt (a popup closes when another page takes focus).
    await allowOnExtensionsPage(h, SITE);
    expect(await hasPermission(h, SITE)).toBe(false);
    const page = await openOther(h);
    const popup = await openPopup(h, page);
    expect(await popup.text()).toContain(OTHER_HOST);
    expect(await popup.text()).toContain('Photos are not checked on this site.');
    expect(await popup.evaluate<boolean>("document.getElementById('toggle').checked")).toBe(false);

    await popup.evaluate("document.getElementById('toggle').click(), true");

    await until('the registration', () => registeredMatches(h), (m) => m.includes(SITE));
    expect(await hasPermission(h, SITE)).toBe(true);
    expect(await serviceWorker(h).evaluate(() => chrome.storage.local.get('userSites'))).toEqual({ userSites: [SITE] });
    await until('the popup status', () => popup.text(), (t) => t.includes('you added this site'));
    await popup.close();

    // The popup injected the content script into the page that was already open.
    await page.setInputFiles('#file', h.files.gps);
    const frame = await openDialog(page);
    await press(frame, 'Cancel');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('upload-guard-review')).every((e) => (e.getAttribute('style') ?? '').includes('opacity: 0')), undefined, { polling: 50 });
    expect(await received(page)).toEqual([]);
    await page.close();
  });

  it('a user-added site is protected on every new page: the dialog holds the photo, "Upload as is" delivers it', async () => {
    const page = await openOther(h);
    await page.setInputFiles('#file', h.files.gps);
    const frame = await openDialog(page);
    expect(await frame.locator('[data-finding="location"]').count()).toBeGreaterThan(0);
    expect(await received(page)).toEqual([]);

    // The review frame reports counts when the person decides; the background files them under this tab's site.
    await press(frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).equals(Buffer.from(h.gpsBytes))).toBe(true);

    const stats = await until('the counts', () => serviceWorker(h).evaluate(() => chrome.storage.local.get('siteStats')), (s) => Object.keys(s).length > 0);
    const counts = (stats as { siteStats: Record<string, { photos: number; facesHidden: number }> }).siteStats[SITE];
    expect(counts?.photos).toBeGreaterThanOrEqual(1);
    expect(counts?.facesHidden).toBe(0);
    const popup = await openPopup(h, page);
    expect(await popup.text()).toMatch(/Photos checked here: \d+, faces hidden: 0/);
    await popup.close();
    await page.close();
  });

  it('switching the toggle off unregisters the script and gives the permission back', async () => {
    const page = await openOther(h);
    const popup = await openPopup(h, page);
    expect(await popup.evaluate<boolean>("document.getElementById('toggle').checked")).toBe(true);
    await popup.evaluate("document.getElementById('toggle').click(), true");
    await until('the registration to go', () => registeredMatches(h), (m) => m.length === 0);
    expect(await hasPermission(h, SITE)).toBe(false);
    expect(await serviceWorker(h).evaluate(() => chrome.storage.local.get('userSites'))).toEqual({ userSites: [] });
    await popup.close();
    await page.close();

    const fresh = await openOther(h);
    await expectUnprotected(h, fresh);
    await fresh.close();
  });

  it('a permission revoked on chrome://extensions takes the site out, though it stays on the list', async () => {
    await allowOnExtensionsPage(h, SITE);
    const page = await openOther(h);
    let popup = await openPopup(h, page);
    await popup.evaluate("document.getElementById('toggle').click(), true");
    await until('the registration', () => registeredMatches(h), (m) => m.includes(SITE));
    await popup.close();

    await allowOnExtensionsPage(h, SITE, false);
    await until('the registration to go', () => registeredMatches(h), (m) => m.length === 0);
    expect(await hasPermission(h, SITE)).toBe(false);
    expect(await serviceWorker(h).evaluate(() => chrome.storage.local.get('userSites'))).toEqual({ userSites: [SITE] });
    popup = await openPopup(h, page);
    expect(await popup.text()).toContain('has not allowed Upload Guard on it yet');
    await popup.close();
    await page.close();
    const fresh = await openOther(h);
    await expectUnprotected(h, fresh);
    await fresh.close();
  });
});

function canWritePolicy(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
const policyWritable = canWritePolicy();

describe.skipIf(!policyWritable)(`a site set by managed policy (${POLICY_DIR})`, () => {
  let h: Harness;
  let dir: string;
  let policyFile: string;

  beforeAll(async () => {
    dir = copyDist();
    const id = unpackedId(dir);
    policyFile = join(POLICY_DIR, `upload-guard-test-${id}.json`);
    // Extension policy ("3rdparty") for this copy's ID only.
    const policy = { '3rdparty': { extensions: { [id]: { sites: [SITE], alwaysReview: true, allowUploadAsIs: false } } } };
    writeFileSync(policyFile, JSON.stringify(policy));
    h = await startHarness(dir);
    expect(h.browser.extensionId).toBe(id);
  });

  afterAll(async () => {
    rmSync(policyFile, { force: true });
    expectNoForeignRequests(h);
    await h.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('the options page shows what the organisation set, and one click allows its site', async () => {
    expect(await serviceWorker(h).evaluate(() => chrome.storage.managed.get())).toEqual({ sites: [SITE], alwaysReview: true, allowUploadAsIs: false });
    const options = await h.browser.context.newPage();
    await options.goto(`chrome-extension://${h.browser.extensionId}/src/options/options.html`);
    await options.locator('body[data-ready="true"]').waitFor();
    const item = options.locator(`#policy-sites li[data-site="${SITE}"]`);
    await expect(item.innerText()).resolves.toContain('not allowed by the browser yet');
    await expect(options.locator('#policy-sites-block').innerText()).resolves.toContain('Managed by your organisation');
    expect(await options.locator('input[name=review][value=always]').isChecked()).toBe(true);
    expect(await options.locator('input[name=review][value=always]').isDisabled()).toBe(true);
    expect(await options.locator('#as-is-managed').isVisible()).toBe(true);

    await allowOnExtensionsPage(h, SITE);
    await item.getByRole('button', { name: 'Allow' }).click();
    await until('the registration', () => registeredMatches(h), (m) => m.includes(SITE));
    await expect(item.innerText()).resolves.toContain('protected');
    // Policy sites are not copied into the person's own list.
    expect(await serviceWorker(h).evaluate(() => chrome.storage.local.get('userSites'))).toEqual({ userSites: [] });
    await options.close();
  });

  it('on the policy site even a clean photo is reviewed, and "Upload as is" is not offered', async () => {
    const page = await openOther(h);
    const popup = await openPopup(h, page);
    expect(await popup.text()).toContain('set by your organisation');
    expect(await popup.evaluate<boolean>("document.getElementById('toggle').disabled")).toBe(true);
    await popup.close();

    await page.setInputFiles('#file', h.files.clean);
    const frame = await openDialog(page);
    expect(await frame.getByRole('button', { name: 'Upload as is' }).count()).toBe(0);
    await press(frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    await page.waitForFunction(() => Array.from(document.querySelectorAll('upload-guard-review')).every((e) => (e.getAttribute('style') ?? '').includes('opacity: 0')), undefined, { polling: 50 });
    await page.close();
  });
});
