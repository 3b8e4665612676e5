/**
 * Packs `dist/` into `artifacts/upload-guard-chrome.zip` for the Chrome Web Store and, with
 * `--firefox`, `dist-firefox/` (derived from `dist/` first) into
 * `artifacts/upload-guard-firefox.zip` for Firefox Add-ons; checks the size limit the
 * project promises (≤ 20 MB each).
 */
import { zipSync } from 'fflate';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildFirefox } from './build-firefox';

const MAX_ZIP_BYTES = 20 * 1024 * 1024;

export function collect(dir: string, root = dir, out: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, root, out);
    else out[relative(root, path).split('\\').join('/')] = readFileSync(path);
  }
  return out;
}

export function packDir(dir: string, zipPath: string): number {
  const zip = zipSync(collect(dir), { level: 9 });
  writeFileSync(zipPath, zip);
  if (zip.length > MAX_ZIP_BYTES) throw new Error(`${zipPath} is ${zip.length} bytes, over the 20 MB limit`);
  return zip.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('artifacts', { recursive: true });
  const targets: [string, string][] = [['dist', 'artifacts/upload-guard-chrome.zip']];
  if (process.argv.includes('--firefox')) {
    buildFirefox('dist', 'dist-firefox');
    targets.push(['dist-firefox', 'artifacts/upload-guard-firefox.zip']);
  }
  for (const [dir, zip] of targets) {
    const bytes = packDir(dir, zip);
    console.log(`${zip}: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  }
}
