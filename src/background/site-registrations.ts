import browser, { type Scripting } from 'webextension-polyfill';
import { DEFAULT_SITES } from '../common/default-sites';
import { readPolicy, readSettings } from '../common/stored-settings';
import { embeddedRegistrationPatterns, registrationPatterns, type SiteInputs } from '../common/sites';

/** One dynamic registration holds every extra site, so a sync replaces it in one step. */
export const REGISTRATION_ID = 'upload-guard-sites';

/** What the site status logic needs, read fresh (settings, policy, granted permissions). */
export async function readSiteInputs(): Promise<SiteInputs & { embeddedSites: string[] }> {
  const [settings, managed, granted] = await Promise.all([readSettings(), readPolicy(), browser.permissions.getAll()]);
  return {
    defaults: DEFAULT_SITES,
    userSites: settings.userSites,
    policySites: managed.sites ?? [],
    protectAllSites: settings.protectAllSites,
    granted: granted.origins ?? [],
    embeddedSites: settings.embeddedSites,
  };
}

export async function wantedPatterns(): Promise<string[]> {
  return registrationPatterns(await readSiteInputs());
}


/** The page-world hooks (detached inputs, File System Access) registered beside the capture. */
export const PAGE_HOOKS_ID = `${REGISTRATION_ID}-page`;

/**
 * Origins protected only inside a protected page (`embeddedSites`): the same two scripts,
 * with `embedded-mode.js` first, which tells `content.js` to ask the background whether the
 * tab's top page is protected before it holds anything.
 */
export const EMBEDDED_ID = 'upload-guard-embedded';
export const EMBEDDED_HOOKS_ID = `${EMBEDDED_ID}-page`;

interface Group {
  id: string;
  hooksId: string;
  /** Isolated-world files, in order. */
  js: string[];
}

const MAIN_GROUP: Group = { id: REGISTRATION_ID, hooksId: PAGE_HOOKS_ID, js: ['content.js'] };
const EMBEDDED_GROUP: Group = { id: EMBEDDED_ID, hooksId: EMBEDDED_HOOKS_ID, js: ['embedded-mode.js', 'content.js'] };

function scripts(group: Group, matches: string[], fallback: boolean): Scripting.RegisteredContentScript[] {
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
    { ...common, id: group.id, js: group.js },
    { ...common, id: group.hooksId, js: ['page-hooks.js'], world: 'MAIN' },
  ];
}

async function apply(group: Group, matches: string[]): Promise<void> {
  const ids = [group.id, group.hooksId];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  const same = (m: string[] | undefined): boolean => m?.length === matches.length && m.every((p, i) => p === matches[i]);
  if (existing.length === ids.length && existing.every((e) => same(e.matches))) return;
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: existing.map((e) => e.id) });
  if (matches.length === 0) return;
  try {
    await browser.scripting.registerContentScripts(scripts(group, matches, true));
  } catch {
    await browser.scripting.registerContentScripts(scripts(group, matches, false));
  }
}

let queue: Promise<void> = Promise.resolve();

/**
 * Brings the dynamic registration in step with settings, policy and granted permissions
 * (a permission revoked in the browser's own extension page takes its site out). Calls are
 * queued: two overlapping syncs would otherwise race on the same script id.
 */
export function syncRegistrations(): Promise<void> {
  queue = queue
    .then(async () => {
      const inputs = await readSiteInputs();
      await apply(MAIN_GROUP, registrationPatterns(inputs));
      await apply(EMBEDDED_GROUP, embeddedRegistrationPatterns(inputs));
    })
    .catch(() => undefined);
  return queue;
}
