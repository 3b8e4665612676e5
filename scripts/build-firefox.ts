/**
 * Derives the Firefox build (`dist-firefox/`) from the Chrome build in `dist/`: the same
 * files, with the manifest changed where Firefox's MV3 differs.
 * - background: `scripts` (an event page) instead of `service_worker`;
 * - `browser_specific_settings.gecko`: an add-on id and `data_collection_permissions`
 *   `{ required: ["none"] }` (the extension collects and sends nothing);
 * - web-accessible resources: no `use_dynamic_url` (Chrome only);
 * - `options_ui` instead of `options_page`;
 * - `storage.managed_schema` dropped: Firefox reads managed storage from a native manifest
 *   or the `3rdparty` section of policies.json and ignores the key.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export const GECKO_ID = 'upload-guard@upload-guard.invalid';
/** Firefox 142 (desktop and Android): MV3 with `data_collection_permissions` and `optional_host_permissions`. */
export const GECKO_MIN_VERSION = '142.0';

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; type?: string; scripts?: string[] };
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
  options_page?: string;
  storage?: unknown;
};

export function firefoxManifest(chrome: Manifest): Manifest {
  const out: Manifest = structuredClone(chrome);
  const worker = chrome.background?.service_worker;
  if (!worker) throw new Error('dist/manifest.json has no background.service_worker');
  out.background = { scripts: [worker], ...(chrome.background?.type ? { type: chrome.background.type } : {}) };
  out.web_accessible_resources = (chrome.web_accessible_resources ?? []).map((entry) => {
    const copy = { ...entry };
    delete copy.use_dynamic_url;
    return copy;
  });
  if (chrome.options_page) {
    out.options_ui = { page: chrome.options_page, open_in_tab: true };
    delete out.options_page;
  }
  delete out.storage;
  out.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      data_collection_permissions: { required: ['none'] },
    },
  };
  return out;
}

export function buildFirefox(from = 'dist', to = 'dist-firefox'): void {
  if (!existsSync(`${from}/manifest.json`)) throw new Error(`${from}/ is missing: run vite build first.`);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const manifest = JSON.parse(readFileSync(`${from}/manifest.json`, 'utf8')) as Manifest;
  writeFileSync(`${to}/manifest.json`, `${JSON.stringify(firefoxManifest(manifest), null, 2)}\n`);
  rmSync(`${to}/managed-schema.json`, { force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildFirefox();
  console.log('dist-firefox/ written');
}
