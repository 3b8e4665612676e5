/**
 * The Firefox side of the e2e suite: Debian's `firefox-esr` (never a downloaded one) driven
 * by puppeteer-core over WebDriver BiDi, with the built `dist-firefox/` installed as a
 * temporary add-on through BiDi `webExtension.install`. Every request of the browser goes
 * through the same recording proxy as Chromium's (test/support/test-server.ts).
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { buildFirefox } from '../../scripts/build-firefox';
import type { Received } from './e2e';
import { startTestServer, type TestServer } from './test-server';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** `FIREFOX_PATH` wins; otherwise Debian's places. Never downloads one. */
export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error('No Firefox found. Install it (Debian: `apt-get install -y firefox-esr`) or set FIREFOX_PATH.');
}

export interface FirefoxSuite {
  server: TestServer;
  /** The unpacked add-on that was installed. */
  extensionDir: string;
  browser: Browser;
  extensionId: string;
  /** Requests that a frame of the extension made to anything but the extension itself. */
  extensionRequests(): Promise<string[]>;
  /** A new tab with the request recorder attached, at `path` of the test site. */
  open(path: string, viewport?: { width: number; height: number; touch?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Firefox on Linux reads enterprise policies (the `3rdparty` section is what
 * `storage.managed` answers) from this file, once, at start-up. A preference pointing
 * elsewhere (`browser.policies.alternatePath`) is ignored by release builds (tried).
 */
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';

/**
 * Whether a policy can be put in place for the start-up: only where no policy file exists
 * (never overwrite the machine's own) and the folder can be made and written.
 */
export function canWriteFirefoxPolicy(): boolean {
  if (existsSync(FIREFOX_POLICY_FILE)) return false;
  try {
    accessSync(existsSync('/etc/firefox') ? '/etc/firefox' : '/etc', constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `policies` to the policy file for the browser's start-up only, and takes the file
 * (and the folders it made) away as soon as the browser has read it, so no other Firefox on
 * the machine keeps seeing it.
 */
async function withStartupPolicy<T>(policies: object | undefined, start: () => Promise<T>): Promise<T> {
  if (!policies) return start();
  const made = ['/etc/firefox', '/etc/firefox/policies'].filter((d) => !existsSync(d));
  mkdirSync('/etc/firefox/policies', { recursive: true });
  writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify({ policies }), { flag: 'wx' });
  try {
    return await start();
  } finally {
    rmSync(FIREFOX_POLICY_FILE, { force: true });
    for (const dir of made.reverse()) rmSync(dir, { recursive: true, force: true });
  }
}

export interface FirefoxOptions {
  extensionDir?: string;
  /** Enterprise policies (`policies.json`'s `policies`) in force for this browser; see `canWriteFirefoxPolicy`. */
  policies?: object;
}

/**
 * Without `extensionDir`, the Firefox build is derived from the built `dist/` exactly as
 * `npm run build:firefox` does (scripts/build-firefox.ts), into a private folder: `npm test`
 * needs no extra step, and neither a stale `dist-firefox/` nor a parallel rebuild can be
 * what is tested.
 */
export async function startFirefoxSuite(options: FirefoxOptions = {}): Promise<FirefoxSuite> {
  const root = mkdtempSync(join(tmpdir(), 'upload-guard-ff-'));
  const profile = join(root, 'profile');
  mkdirSync(profile);
  let extensionDir = options.extensionDir;
  if (!extensionDir) {
    if (!existsSync('dist/manifest.json')) throw new Error('dist/ is missing: the e2e suite runs on the built extension (npm run build).');
    extensionDir = join(root, 'extension');
    buildFirefox('dist', extensionDir);
  }
  if (!existsSync(`${extensionDir}/manifest.json`)) throw new Error(`${extensionDir}/ is missing.`);
  const server = await startTestServer();
  const browser = await withStartupPolicy(options.policies, () => puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: findFirefox(),
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    // Release builds honour `services.settings.server` (set by puppeteer) only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      // Everything through the recorder, which maps the test hosts to the local server.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      // Firefox's own remote settings (blocklists and the like) poll Mozilla at start: not the
      // extension's requests, but the proxy cannot tell, so they are pointed nowhere.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'network.dns.disablePrefetch': true,
      'network.http.speculative-parallel-limit': 0,
    },
  }));
  const extensionId = await browser.installExtension(resolve(extensionDir));
  const pending: Promise<string | undefined>[] = [];
  return {
    server,
    extensionDir,
    browser,
    extensionId,
    async extensionRequests() {
      return (await Promise.all(pending)).filter((r): r is string => r !== undefined);
    },
    async open(path, viewport) {
      const page = await browser.newPage();
      page.on('request', (request) => {
        const to = request.url();
        if (/^(moz-extension|blob|data):/.test(to)) return;
        const frame = request.frame();
        if (!frame) return;
        // Firefox reports no navigation of a moz-extension frame over BiDi (puppeteer keeps
        // its URL at about:blank), so where a request came from is asked of the frame itself.
        pending.push(
          (extensionFrames.has(frame) ? Promise.resolve('moz-extension:') : frame.evaluate(() => location.href))
            .catch(() => frame.url())
            .then((from) => (from.startsWith('moz-extension:') ? `${from} -> ${to}` : undefined)),
        );
      });
      if (viewport) await page.setViewport({ width: viewport.width, height: viewport.height, hasTouch: viewport.touch ?? false });
      await page.goto(server.url(path));
      await page.bringToFront();
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Promise 1 for the whole file: no request of the extension's own, none to a foreign host. */
export async function closeFirefoxChecked(suite: FirefoxSuite): Promise<void> {
  const own = await suite.extensionRequests();
  // Closed first, so that a failed check leaves no browser or profile behind.
  await suite.close();
  expect(own).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
}

/** Frames found to be the extension's review frame (their puppeteer URL says about:blank). */
const extensionFrames = new WeakSet<Frame>();

/** The review frame mounted in `inside` (default: the page's main frame). */
export async function ffReviewFrame(page: Page, timeout = 15_000, inside?: Frame): Promise<Frame> {
  const parent = inside ?? page.mainFrame();
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of parent.childFrames()) {
      const href = await f.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension:') && href.includes('/src/review/review.html')) {
        extensionFrames.add(f);
        return f;
      }
    }
    if (Date.now() > deadline) throw new Error('the review frame did not appear');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits for the dialog to be shown (its host no longer transparent) and every check done.
 * The host first: a frame is reused for later picks on the page, and its host is shown
 * only once the new review has replaced the last one, so the dialog waited for next is
 * this pick's.
 */
export async function ffOpenDialog(page: Page, inside?: Frame): Promise<Frame> {
  const frame = await ffReviewFrame(page, 15_000, inside);
  await (inside ?? page.mainFrame()).waitForFunction(
    () => Array.from(document.querySelectorAll('upload-guard-review')).some((h) => !(h.getAttribute('style') ?? '').includes('opacity: 0')),
    { timeout: 15_000, polling: 50 },
  );
  await frame.waitForSelector('[role=dialog]', { visible: true, timeout: 15_000 });
  await frame.waitForSelector('[role=dialog][aria-busy="false"]', { timeout: 30_000 });
  return frame;
}

/**
 * Presses a dialog button (found by its accessible name) with the real mouse, or a finger
 * when `touch`: a BiDi pointer action at the button's place on the page, so the press is
 * trusted and goes through whatever covers the page, like a person's.
 */
export async function ffChoose(page: Page, frame: Frame, name: string, touch = false): Promise<void> {
  const button = await frame.waitForSelector(`::-p-aria([name="${name}"][role="button"])`, { visible: true });
  if (!button) throw new Error(`no button "${name}"`);
  await button.scrollIntoView();
  const box = await button.boundingBox();
  if (!box) throw new Error(`button "${name}" has no box`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (!touch) {
    await page.mouse.click(x, y);
    return;
  }
  // The press must reach the dialog as a finger's, not as a mouse click in disguise.
  await frame.evaluate(() => {
    const w = window as Window & { __ugPointer?: string };
    delete w.__ugPointer;
    document.addEventListener('pointerdown', (e) => (w.__ugPointer = e.pointerType), { capture: true, once: true });
  });
  await page.touchscreen.tap(x, y);
  const kind = await frame.evaluate(() => (window as Window & { __ugPointer?: string }).__ugPointer).catch(() => 'frame gone');
  if (kind !== 'touch') throw new Error(`the tap on "${name}" reached the dialog as ${kind ?? 'nothing'}`);
}

export const ffReceived = (target: Page | Frame): Promise<Received[]> => target.evaluate(() => (window as unknown as { __received: Received[] }).__received);

export async function ffWaitForReceived(target: Page | Frame, count = 1): Promise<Received[]> {
  await target.waitForFunction((n: number) => (window as unknown as { __received: unknown[] }).__received.length >= n, { timeout: 20_000, polling: 50 }, count);
  return ffReceived(target);
}
