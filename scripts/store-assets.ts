/**
 * Store listing images, made from the README's real dialog screenshots (taken by the e2e
 * suite in headless Chromium, `docs/screenshots/`): screenshots at 1280×800 and 640×400 (the
 * sizes both stores take) and the Chrome Web Store's 440×280 promo tile, written to
 * `artifacts/store/`. Rendered by the system Chromium (never downloaded); where there is none
 * it says so and makes nothing. Part of `npm run build` (scripts/package.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findBrowser } from './lib/find-browser';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'artifacts/store');

/** Which screenshots, with the caption above each: what a person sees, in the listing's words. */
export const STORE_SHOTS = [
  { source: 'dialog-findings.png', name: 'review', caption: 'Before the site sees your photo: what was found, on your device' },
  { source: 'dialog-after.png', name: 'protected-copy', caption: 'Send a protected copy: faces covered, location removed' },
  { source: 'dialog-phone.png', name: 'phone', caption: 'On a small screen too' },
] as const;

export const STORE_SIZES = [
  [1280, 800],
  [640, 400],
] as const;

const dataUrl = (path: string): string => `data:image/png;base64,${readFileSync(path).toString('base64')}`;

function shotPage(image: string, caption: string, w: number, h: number): string {
  const k = w / 1280;
  return `<!doctype html><html><body style="margin:0;width:${w}px;height:${h}px;background:#0f5b4a;display:flex;flex-direction:column;align-items:center;justify-content:center;font:600 ${Math.round(30 * k)}px system-ui,sans-serif;color:#fff">
<div style="margin-bottom:${Math.round(18 * k)}px;text-align:center">${caption}</div>
<img src="${image}" style="max-width:${Math.round(w * 0.86)}px;max-height:${Math.round(h * 0.8)}px;border-radius:${Math.round(10 * k)}px;box-shadow:0 ${Math.round(8 * k)}px ${Math.round(30 * k)}px rgba(0,0,0,.35)">
</body></html>`;
}

function promoPage(icon: string): string {
  return `<!doctype html><html><body style="margin:0;width:440px;height:280px;background:#0f5b4a;display:flex;align-items:center;justify-content:center;gap:22px;font-family:system-ui,sans-serif;color:#fff">
<img src="${icon}" style="width:96px;height:96px">
<div><div style="font:700 34px system-ui,sans-serif">Upload Guard</div>
<div style="font:400 17px/1.35 system-ui,sans-serif;max-width:230px;margin-top:8px">Faces, location and ID details checked on your device before a consultation site gets your photo</div></div>
</body></html>`;
}

export async function makeStoreAssets(): Promise<string[]> {
  let executablePath: string;
  try {
    executablePath = findBrowser();
  } catch (error) {
    console.log(`store images not made: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  const shots = join(ROOT, 'docs/screenshots');
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ['--headless=new'] });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const [w, h] of STORE_SIZES) {
      for (const shot of STORE_SHOTS) {
        const source = join(shots, shot.source);
        if (!existsSync(source)) throw new Error(`${source} is missing (UPDATE_SCREENSHOTS=1 in the e2e suite makes it)`);
        await page.setViewportSize({ width: w, height: h });
        await page.setContent(shotPage(dataUrl(source), shot.caption, w, h), { waitUntil: 'load' });
        const path = join(OUT, `screenshot-${shot.name}-${w}x${h}.png`);
        await page.screenshot({ path });
        written.push(path);
      }
    }
    await page.setViewportSize({ width: 440, height: 280 });
    await page.setContent(promoPage(dataUrl(join(ROOT, 'public/icons/icon-128.png'))), { waitUntil: 'load' });
    const promo = join(OUT, 'promo-440x280.png');
    await page.screenshot({ path: promo });
    written.push(promo);
  } finally {
    await browser.close();
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  makeStoreAssets()
    .then((files) => console.log(`store images: ${files.length} in artifacts/store`))
    .catch((error: unknown) => {
      console.error(`store images could not be made: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
