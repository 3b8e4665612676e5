import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findBrowser } from './find-browser';

/** Chromium with no GPU and no software GL either: no WebGL context in any page or worker. */
export const NO_WEBGL_ARGS: readonly string[] = ['--disable-gpu', '--use-gl=disabled', '--disable-software-rasterizer'];

export interface LaunchOptions {
  /** The built, unpacked extension (default `dist/`). */
  extensionDir?: string;
  /** Extra Chromium flags (host mapping, proxy, ...). */
  args?: readonly string[];
  /** UI language, e.g. `ja`. */
  locale?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** The ID Chromium gives an unpacked extension: the first 128 bits of SHA-256 of its absolute path, as letters a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Real Chromium (never a downloaded one) with the built extension loaded, in new headless
 * mode and a fresh profile (DESIGN.md "Tests"). Background networking is off so that every
 * request seen comes from a page or the extension.
 */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = resolve(options.extensionDir ?? 'dist');
  const profile = mkdtempSync(join(tmpdir(), 'upload-guard-profile-'));
  const args = [
    '--headless=new',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-gpu',
    '--disable-quic',
    '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication',
    ...(options.locale ? [`--lang=${options.locale}`] : []),
    ...(options.args ?? []),
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser(),
    headless: false, // `--headless=new` above: the mode that runs extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    args,
    viewport: { width: 1100, height: 800 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  // Chromium names an unpacked extension after its folder's path, so this is ours, not the
  // first service worker that happens to start (a page's or a component extension's).
  const extensionId = unpackedExtensionId(extensionDir);
  const ours = (w: { url(): string }): boolean => w.url().startsWith(`chrome-extension://${extensionId}/`);
  if (!context.serviceWorkers().some(ours)) await context.waitForEvent('serviceworker', { predicate: ours, timeout: 20_000 });
  return {
    context,
    extensionId,
    async close() {
      // Seen once (cross-origin-frame.test.ts, 2026-12-03): the file's afterAll ran out of its
      // 120 s after all its tests had passed. The browser gets 30 s to close, then is killed.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const closed = await Promise.race([
        context.close().then(() => true),
        new Promise<false>((r) => (timer = setTimeout(() => r(false), CLOSE_MS))),
      ]);
      clearTimeout(timer);
      if (!closed) console.log(`Chromium did not close within ${CLOSE_MS / 1000} s; killed ${killProfileProcesses(profile)} of its processes`);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const CLOSE_MS = 30_000;

/** Kills every process started with this profile (Linux `/proc`); returns how many. */
function killProfileProcesses(profile: string): number {
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return killed;
}
