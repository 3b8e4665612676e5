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

function script(matches: string[], fallback: boolean): Scripting.RegisteredContentScript {
  return {
    id: REGISTRATION_ID,
    matches,
    js: ['content.js'],
    runAt: 'document_start',
    allFrames: true,
    persistAcrossSessions: true,
    // Same reach as the manifest's `match_about_blank`: about:blank and blob frames of a
    // protected page. Firefox versions without this key reject it; they get the rest.
    ...(fallback ? { matchOriginAsFallback: true } : {}),
  };
}

async function apply(matches: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [REGISTRATION_ID] });
  const current = existing[0]?.matches ?? [];
  if (current.length === matches.length && current.every((m, i) => m === matches[i])) return;
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
  if (matches.length === 0) return;
  try {
    await browser.scripting.registerContentScripts([script(matches, true)]);
  } catch {
    await browser.scripting.registerContentScripts([script(matches, false)]);
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
