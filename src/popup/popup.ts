import browser from 'webextension-polyfill';
import { ensureMessages, localizeDocument, t, type MessageKey } from '../common/i18n';
import { DEFAULT_SITES } from '../common/default-sites';
import { normalizeStats, STATS_KEY } from '../common/settings';
import { readPolicy, readSettings } from '../common/stored-settings';
import { isGranted, patternLabel, patternMatchesUrl, sitePatternForUrl, siteStatus, type SiteInputs, type SiteStatus } from '../common/sites';

/**
 * The toolbar popup: this site's status, "Protect uploads on this site", the other sites a
 * protected page embeds (with "Check photos in ... too"), and the counts kept on this device. It works on the tab the person clicked from (`activeTab` lets it read that
 * tab's address); opened as `popup.html?tab=ID` it works on that tab instead.
 */
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

document.documentElement.lang = browser.i18n.getUILanguage();

async function targetTab(): Promise<browser.Tabs.Tab | undefined> {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(id) && id > 0) return browser.tabs.get(id).catch(() => undefined);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function readState(url: string): Promise<{ status: SiteStatus; policySites: string[]; inputs: SiteInputs; embeddedSites: string[] }> {
  const [settings, granted, policy] = await Promise.all([readSettings(), browser.permissions.getAll(), readPolicy()]);
  const policySites = policy.sites ?? [];
  const inputs: SiteInputs = {
    defaults: DEFAULT_SITES,
    userSites: settings.userSites,
    policySites,
    protectAllSites: settings.protectAllSites,
    granted: granted.origins ?? [],
  };
  return { status: siteStatus(url, inputs), policySites, inputs, embeddedSites: settings.embeddedSites };
}

/**
 * Addresses of the frames this tab's page embeds, as the page's own `<iframe>`/`<frame>`
 * elements give them, read in every frame the popup may read (the top one under `activeTab`;
 * a cross-origin frame without access is the very one we are looking for, and is read from
 * its parent). A frame that navigated itself elsewhere is listed by its `src`.
 */
async function embeddedFrameUrls(tabId: number): Promise<string[]> {
  const read = (allFrames: boolean) =>
    browser.scripting.executeScript({
      target: { tabId, allFrames },
      func: () => Array.from(document.querySelectorAll<HTMLIFrameElement | HTMLFrameElement>('iframe, frame'), (f) => f.src),
    });
  const results = await read(true).catch(() => read(false).catch(() => []));
  return results.flatMap((r) => (Array.isArray(r.result) ? (r.result as unknown[]).filter((u): u is string => typeof u === 'string') : []));
}

interface EmbeddedOrigin {
  /** `https://vendor.example/*`: what is asked for and stored. */
  pattern: string;
  /** Uploads in it are checked on this page (it is protected on its own, or allowed as embedded). */
  covered: boolean;
}

/** The other sites this page embeds, each once, and whether uploads in them are checked here. */
function embeddedOrigins(urls: string[], topPattern: string, inputs: SiteInputs, embeddedSites: string[]): EmbeddedOrigin[] {
  const out = new Map<string, EmbeddedOrigin>();
  for (const url of urls) {
    const pattern = sitePatternForUrl(url);
    if (!pattern || pattern === topPattern) continue;
    const covered = siteStatus(url, inputs).protected || (embeddedSites.includes(pattern) && isGranted(inputs.granted, pattern));
    const before = out.get(pattern);
    out.set(pattern, { pattern, covered: covered && (before?.covered ?? true) });
  }
  return [...out.values()];
}

async function setEmbeddedSite(pattern: string, on: boolean): Promise<void> {
  const settings = await readSettings();
  const embeddedSites = on ? [...new Set([...settings.embeddedSites, pattern])] : settings.embeddedSites.filter((s) => s !== pattern);
  await browser.storage.local.set({ embeddedSites });
}

/** Starts the check in the open tab at once (the registration covers pages loaded later). */
async function injectNow(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['content.js'] }).catch(() => undefined);
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['page-hooks.js'], world: 'MAIN' }).catch(() => undefined);
}

const STATUS_TEXT: Record<SiteStatus['source'], MessageKey> = {
  default: 'popupStatusDefault',
  policy: 'popupStatusPolicy',
  user: 'popupStatusUser',
  all: 'popupStatusAll',
  none: 'popupStatusOff',
};

async function setUserSite(pattern: string, on: boolean): Promise<void> {
  const settings = await readSettings();
  const userSites = on ? [...new Set([...settings.userSites, pattern])] : settings.userSites.filter((s) => s !== pattern);
  await browser.storage.local.set({ userSites });
}

async function main(): Promise<void> {
  const tab = await targetTab();
  const url = tab?.url ?? '';
  const pattern = sitePatternForUrl(url);
  const toggle = $<HTMLInputElement>('toggle');
  const note = $('note');
  if (!pattern || tab?.id === undefined) {
    $('site').textContent = '';
    $('status').textContent = t('popupNotAWebPage');
    $('toggle-row').hidden = true;
    $('stats').hidden = true;
    document.body.dataset.ready = 'true';
    return;
  }
  const tabId = tab.id;
  $('site').textContent = patternLabel(pattern);

  /**
   * On a protected page, the other sites it embeds (chat, video-visit or form vendors): one
   * click allows that one origin, only for frames inside a protected page.
   */
  const renderEmbedded = async (status: SiteStatus, inputs: SiteInputs, embeddedSites: string[]): Promise<void> => {
    const origins = status.protected ? embeddedOrigins(await embeddedFrameUrls(tabId), pattern, inputs, embeddedSites) : [];
    const list = $('embedded-list');
    list.replaceChildren(
      ...origins.map(({ pattern: origin, covered }) => {
        const item = document.createElement('li');
        item.dataset.origin = origin;
        const label = patternLabel(origin);
        const text = document.createElement('p');
        text.textContent = t(covered ? 'popupEmbeddedOn' : 'popupEmbeddedOff', label);
        item.append(text);
        if (!covered) {
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'allow-embedded';
          button.textContent = t('popupEmbeddedAllow', label);
          // As for the toggle: the request first (Firefox insists), for this one origin only.
          button.addEventListener('click', () => {
            const asked = browser.permissions.request({ origins: [origin] });
            const saved = setEmbeddedSite(origin, true);
            void (async () => {
              const granted = await asked.catch(() => false);
              await saved;
              if (!granted) await setEmbeddedSite(origin, false);
              // This page's top is protected, so its frames are checked now without the gate.
              else await injectNow(tabId);
              await render();
            })();
          });
          item.append(button);
        }
        return item;
      }),
    );
    $('embedded').hidden = origins.length === 0;
  };

  const render = async (): Promise<void> => {
    const { status, policySites, inputs, embeddedSites } = await readState(url);
    const statusEl = $('status');
    const askedByPolicy = policySites.some((p) => patternMatchesUrl(p, url));
    const waiting = askedByPolicy ? 'popupStatusPolicyNeedsPermission' : 'popupStatusNeedsPermission';
    statusEl.textContent = t(status.protected ? STATUS_TEXT[status.source] : status.needsPermission ? waiting : 'popupStatusOff');
    statusEl.className = status.protected ? 'on' : 'off';
    // The toggle is the person's own choice; the built-in list, policy and "every site" are shown, not switched here.
    toggle.checked = status.userAdded || status.protected;
    toggle.disabled = status.protected && !status.userAdded;
    note.hidden = !toggle.disabled;
    note.textContent = toggle.disabled ? t(status.source === 'policy' ? 'popupManagedNote' : status.source === 'all' ? 'popupAllSitesNote' : 'popupDefaultNote') : '';
    const stats = normalizeStats((await browser.storage.local.get(STATS_KEY))[STATS_KEY])[pattern];
    $('stats').textContent = stats && stats.photos > 0 ? t('popupStats', stats.photos, stats.facesHidden) : t('popupStatsNone');
    toggle.dataset.policy = askedByPolicy ? 'yes' : 'no';
    await renderEmbedded(status, inputs, embeddedSites);
  };

  toggle.addEventListener('change', () => {
    if (toggle.checked) {
      // The request must be the first thing the click does (Firefox insists); the site is
      // saved right after, so a popup closed by the prompt still leaves the choice behind
      // for the background to act on once access is granted.
      const asked = browser.permissions.request({ origins: [pattern] });
      const saved = setUserSite(pattern, true);
      void (async () => {
        const granted = await asked.catch(() => false);
        await saved;
        if (!granted) {
          await setUserSite(pattern, false);
        } else {
          // Protect the page that is open now, too, without waiting for a reload.
          await injectNow(tabId);
        }
        await render();
      })();
    } else {
      void (async () => {
        await setUserSite(pattern, false);
        if (toggle.dataset.policy !== 'yes') await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
        await render();
      })();
    }
  });
  $('options').addEventListener('click', () => void browser.runtime.openOptionsPage());
  browser.storage.onChanged.addListener(() => void render());
  browser.permissions.onAdded.addListener(() => void render());
  browser.permissions.onRemoved.addListener(() => void render());
  await render();
  document.body.dataset.ready = 'true';
}

void ensureMessages().then(() => {
  localizeDocument(document);
  return main();
});
