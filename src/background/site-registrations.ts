import browser, { type Scripting } from 'webextension-polyfill';
import { DEFAULT_SITES } from '../common/default-sites';
import { normalizePolicy, normalizeSettings } from '../common/settings';
import { registrationPatterns } from '../common/sites';

/** One dynamic registration holds every extra site, so a sync replaces it in one step. */
export const REGISTRATION_ID = 'upload-guard-sites';

export async function wantedPatterns(): Promise<string[]> {
  const [stored, managed, granted] = await Promise.all([
    browser.storage.local.get(),
    readPolicy(),
    browser.permissions.getAll(),
  ]);
  const settings = normalizeSettings(stored);
  return registrationPatterns({
    defaults: DEFAULT_SITES,
    userSites: settings.userSites,
    policySites: managed.sites ?? [],
    protectAllSites: settings.protectAllSites,
    granted: granted.origins ?? [],
  });
}

/** `storage.managed` is missing (Firefox without a policy file) or throws when no schema: both mean "no policy". */
export async function readPolicy(): Promise<ReturnType<typeof normalizePolicy>> {
  try {
    return normalizePolicy(await browser.storage.managed.get());
  } catch {
    return {};
  }
}

/** The page-world hooks (detached inputs, File System Access) registered beside the capture. */
export const PAGE_HOOKS_ID = `${REGISTRATION_ID}-page`;

function scripts(matches: string[], fallback: boolean): Scripting.RegisteredContentScript[] {
  const common = {
    matches,
    runAt: 'document_start',
    allFrames: true,
    persistAcrossSessions: true,
    // Same reach as the manifest's: about:, data:, blob: and sandboxed frames of a protected
    // page. Browsers without this key reject it; they get the rest.
    ...(fallback ? { matchOriginAsFallback: true } : {}),
  } as const;
  return [
    { ...common, id: REGISTRATION_ID, js: ['content.js'] },
    { ...common, id: PAGE_HOOKS_ID, js: ['page-hooks.js'], world: 'MAIN' },
  ];
}

async function apply(matches: string[]): Promise<void> {
  const ids = [REGISTRATION_ID, PAGE_HOOKS_ID];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  const same = (m: string[] | undefined): boolean => m?.length === matches.length && m.every((p, i) => p === matches[i]);
  if (existing.length === ids.length && existing.every((e) => same(e.matches))) return;
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: existing.map((e) => e.id) });
  if (matches.length === 0) return;
  try {
    await browser.scripting.registerContentScripts(scripts(matches, true));
  } catch {
    await browser.scripting.registerContentScripts(scripts(matches, false));
  }
}

let queue: Promise<void> = Promise.resolve();

/**
 * Brings the dynamic registration in step with settings, policy and granted permissions
 * (a permission revoked in the browser's own extension page takes its site out). Calls are
 * queued: two overlapping syncs would otherwise race on the same script id.
 */
export function syncRegistrations(): Promise<void> {
  queue = queue.then(async () => apply(await wantedPatterns())).catch(() => undefined);
  return queue;
}
