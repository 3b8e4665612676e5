/**
 * Packs `dist/` into `artifacts/upload-guard-chrome.zip` for the Chrome Web Store and, with
 * `--firefox`, `dist-firefox/` (derived from `dist/` first) into
 * `artifacts/upload-guard-firefox.zip` for Firefox Add-ons; checks the size limit the
 * project promises (≤ 20 MB each). With `--firefox` it also writes
 * `artifacts/upload-guard-firefox-source.zip`, the source archive addons.mozilla.org asks for
 * when code is minified or compiled: every file git tracks (so the lock file and the
 * committed models too) and BUILD.md, which says how to rebuild the add-on zip and its
 * SHA-256. The zips are reproducible: entries sorted, one fixed date, so the same sources
 * and lock file give the same bytes on any machine.
 */
import { makeStoreAssets } from './store-assets';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildFirefox } from './build-firefox';

const MAX_ZIP_BYTES = 20 * 1024 * 1024;
/** AMO accepts source archives up to 200 MB. */
const MAX_SOURCE_BYTES = 200 * 1024 * 1024;
/**
 * The date every entry gets. Zip stores local date fields, so it is made from local fields
 * (at each call, in the time zone then in force): the bytes are then the same in every time
 * zone. (Zip cannot say a date before 1980.)
 */
const fixedDate = (): Date => new Date(1980, 0, 1, 12, 0, 0);

export function collect(dir: string, root = dir, out: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, root, out);
    else out[relative(root, path).split('\\').join('/')] = readFileSync(path);
  }
  return out;
}

/** A zip of `files` whose bytes depend on nothing but their names and contents. */
export function reproducibleZip(files: Record<string, Uint8Array>): Uint8Array {
  const mtime = fixedDate();
  const sorted: Zippable = {};
  for (const name of Object.keys(files).sort()) sorted[name] = [files[name]!, { mtime }];
  return zipSync(sorted, { level: 9, mtime });
}

export function packDir(dir: string, zipPath: string): number {
  const zip = reproducibleZip(collect(dir));
  writeFileSync(zipPath, zip);
  if (zip.length > MAX_ZIP_BYTES) throw new Error(`${zipPath} is ${zip.length} bytes, over the 20 MB limit`);
  return zip.length;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** BUILD.md of the source archive: how a reviewer rebuilds the add-on zip and checks it. */
export function buildInstructions(addonSha256: string, node = process.version): string {
  const npm = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
  return `# Building Upload Guard for Firefox from this source

Made with Node.js ${node} and npm ${npm} on Linux (x86-64); use the same versions to get
the same bytes (the version of every package is fixed by \`package-lock.json\`; another
Node.js or npm has not been tried).

\`\`\`sh
npm ci
npm run package
sha256sum artifacts/upload-guard-firefox.zip
\`\`\`

\`npm ci\` installs exactly what \`package-lock.json\` lists (no browser is downloaded);
\`npm run package\` runs \`vite build\` (TypeScript and the bundles into \`dist/\`, the
vendored WASM engines, models and language data copied in by \`vite.config.ts\` and
\`scripts/vendor-files.ts\`), derives \`dist-firefox/\` (\`scripts/build-firefox.ts\`) and
zips it (\`scripts/package.ts\`, entries sorted, one fixed date).

Expected SHA-256 of \`artifacts/upload-guard-firefox.zip\`:

    ${addonSha256}

Minified or compiled files in the add-on and where they come from:
- \`assets/*.js\`, \`content.js\`, \`page-hooks.js\`, \`service-worker-loader.js\`: our
  TypeScript in \`src/\`, bundled by vite;
- \`vendor/\`: unchanged files of npm packages (tesseract.js, tesseract.js-core,
  @mediapipe/tasks-vision, zxing-wasm, libheif-js), listed in \`scripts/vendor-files.ts\`;
- \`models/\`: the face models of @mediapipe/face_detection with added metadata
  (\`scripts/models/\` says how), and language data of @tesseract.js-data.

Notes on each \`web-ext lint\` warning: docs/firefox.md.
`;
}

/** The AMO source archive: the tracked files of the repository and BUILD.md. */
export function writeSourceArchive(zipPath: string, addonZip: Uint8Array): number {
  const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  const files: Record<string, Uint8Array> = {};
  for (const path of tracked) if (statSync(path, { throwIfNoEntry: false })?.isFile()) files[path] = readFileSync(path);
  files['BUILD.md'] = new TextEncoder().encode(buildInstructions(sha256(addonZip)));
  const zip = reproducibleZip(files);
  writeFileSync(zipPath, zip);
  if (zip.length > MAX_SOURCE_BYTES) throw new Error(`${zipPath} is ${zip.length} bytes, over AMO's 200 MB limit`);
  return zip.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('artifacts', { recursive: true });
  // The listing's images, from the README's real screenshots (none where there is no Chromium).
  const images = makeStoreAssets();
  const targets: [string, string][] = [['dist', 'artifacts/upload-guard-chrome.zip']];
  if (process.argv.includes('--firefox')) {
    buildFirefox('dist', 'dist-firefox');
    targets.push(['dist-firefox', 'artifacts/upload-guard-firefox.zip']);
  }
  for (const [dir, zip] of targets) {
    const bytes = packDir(dir, zip);
    console.log(`${zip}: ${(bytes / 1e6).toFixed(2)} MB`);
  }
  const inGit = ((): boolean => {
    try {
      return execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'true';
    } catch {
      return false;
    }
  })();
  // Rebuilt from a source archive (no git there), the add-on zip is what is wanted.
  if (process.argv.includes('--firefox') && !inGit) console.log('not a git checkout: no source archive written');
  if (process.argv.includes('--firefox') && inGit) {
    const source = 'artifacts/upload-guard-firefox-source.zip';
    const bytes = writeSourceArchive(source, readFileSync('artifacts/upload-guard-firefox.zip'));
    console.log(`${source}: ${(bytes / 1e6).toFixed(1)} MB (sources for addons.mozilla.org)`);
  }
  const made = await images;
  if (made.length > 0) console.log(`artifacts/store: ${made.length} listing images (1280×800, 640×400, promo 440×280)`);
}
