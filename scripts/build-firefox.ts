/**
 * Derives the Firefox build (`dist-firefox/`) from the Chrome build in `dist/`: the same
 * files, with the manifest changed where Firefox's MV3 differs.
 * - background: `scripts` (an event page) instead of `service_worker`;
 * - `browser_specific_settings.gecko`: an add-on id and `data_collection_permissions`
 *   `{ required: ["none"] }` (the extension collects and sends nothing);
 *   `gecko_android`: the Firefox for Android floor (docs/firefox.md says what is not tested there);
 * - web-accessible resources: no `use_dynamic_url` (Chrome only);
 * - `options_ui` instead of `options_page`;
 * - `storage.managed_schema` dropped: Firefox reads managed storage from a native manifest
 *   or the `3rdparty` section of policies.json and ignores the key.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The add-on id, fixed for good: addons.mozilla.org ties the listing, updates and clinics'
 * `policies.json` (ExtensionSettings, 3rdparty) to it. A UUID-style id (made once with
 * `crypto.randomUUID()`), since the project has no domain of its own to name it by.
 */
export const GECKO_ID = '{840594be-5496-4329-9ad6-38c83db3ada4}';
/**
 * The lowest Firefox with every manifest key the build uses. The newest is
 * `data_collection_permissions` (desktop 140, Android 142), which AMO requires of new
 * add-ons; `web-ext lint` run with a lower floor names it and `optional_host_permissions`
 * (128) and `background.type` (112), nothing else (docs/firefox.md). Desktop is held at the
 * Android floor so that both run, and are tested, against one version.
 */
export const GECKO_MIN_VERSION = '142.0';
/** Firefox for Android: the same floor (`data_collection_permissions` came to Android in 142). */
export const GECKO_ANDROID_MIN_VERSION = '142.0';

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
    // Without this key AMO does not offer the add-on to Firefox for Android at all.
    gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
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
