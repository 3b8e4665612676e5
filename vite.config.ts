import { crx } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { VENDOR_FILES } from './scripts/vendor-files.ts';

const root = import.meta.dirname;

/** Content scripts built as self-contained IIFEs: the capture (isolated world), the page-world hooks, the embedded-mode flag. */
const CONTENT_BUNDLES = [
  ['src/content/main.ts', 'content.js'],
  ['src/content/page-hooks.ts', 'page-hooks.js'],
  // First file of the registration for origins protected only inside a protected page.
  ['src/content/embedded-mode.ts', 'embedded-mode.js'],
] as const;

/**
 * The intercepting content script must be registered before the page's first script runs.
 * crxjs loads content scripts through an async module loader, which is too late at
 * `document_start` (DESIGN.md), so it is built here as one self-contained IIFE and added to
 * the manifest that crxjs emits.
 */
function iifeContentScript(): Plugin & { renderCrxManifest(m: chrome.runtime.ManifestV3): chrome.runtime.ManifestV3 } {
  return {
    name: 'upload-guard:iife-content-script',
    enforce: 'post',
    apply: 'build',
    async generateBundle() {
      for (const [entry, fileName] of CONTENT_BUNDLES) {
        const result = await build({
          configFile: false,
          logLevel: 'warn',
          build: {
            write: false,
            minify: true,
            emptyOutDir: false,
            lib: { entry: resolve(root, entry), formats: ['iife'], name: 'uploadGuardContent' },
            rolldownOptions: { output: { entryFileNames: fileName } },
          },
        });
        const outputs = Array.isArray(result) ? result : [result];
        const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
        if (!chunk || chunk.type !== 'chunk') throw new Error(`${entry} built no chunk`);
        this.emitFile({ type: 'asset', fileName, source: chunk.code });
      }
    },
    // crxjs calls this hook on every plugin with the manifest it is about to write.
    renderCrxManifest(built: chrome.runtime.ManifestV3) {
      // Every frame of a protected page, also about:, data:, blob: and sandboxed ones
      // (matched by the origin that made them); the page-world hooks beside the capture.
      const everyFrame = { matches: manifest.host_permissions, run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true } as const;
      built.content_scripts = [
        { ...everyFrame, js: ['content.js'] },
        { ...everyFrame, js: ['page-hooks.js'], world: 'MAIN' },
      ] as chrome.runtime.ManifestV3['content_scripts'];
      return built;
    },
  };
}

/** Engines' WASM, workers, models and traineddata, copied from npm packages: nothing is fetched at run time. */
function vendorFiles(): Plugin {
  return {
    name: 'upload-guard:vendor-files',
    apply: 'build',
    generateBundle() {
      for (const { from, to, transform } of VENDOR_FILES) {
        const bytes = new Uint8Array(readFileSync(resolve(root, from)));
        this.emitFile({ type: 'asset', fileName: to, source: transform ? transform(bytes) : bytes });
      }
    },
  };
}

export default defineConfig({
  plugins: [crx({ manifest }), iifeContentScript(), vendorFiles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    rolldownOptions: {
      input: {
        review: resolve(root, 'src/review/review.html'),
        scan: resolve(root, 'src/scan/scan.html'),
        // Opened by the background on first install; not in the manifest, so listed here.
        welcome: resolve(root, 'src/welcome/welcome.html'),
      },
    },
  },
  worker: { format: 'es' },
});
