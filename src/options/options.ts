import browser from 'webextension-polyfill';
import { ensureMessages, localizeDocument, t } from '../common/i18n';
import { DEFAULT_SITES } from '../common/default-sites';
import type { ManagedPolicy, Settings } from '../common/settings';
import { readPolicy, readSettings } from '../common/stored-settings';
import { ALL_SITES_PATTERNS, isGranted, patternLabel, siteFromInput } from '../common/sites';
import { textLanguagesFor } from '../common/text-languages';

/**
 * Settings. Every control writes `storage.local` at once; the background follows the site
 * list. What a clinic sets by policy is shown as "Managed by your organisation" and cannot
 * be changed here.
 */
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

document.documentElement.lang = browser.i18n.getUILanguage();

// English and the browser's own language are always read (text-languages.ts): shown on, not a choice.
const alwaysRead = textLanguagesFor(browser.i18n.getUILanguage(), []);
for (const box of document.querySelectorAll<HTMLInputElement>('#languages input')) {
  if (!alwaysRead.includes(box.value)) continue;
  box.checked = true;
  box.disabled = true;
}

interface State {
  settings: Settings;
  policy: ManagedPolicy;
  granted: string[];
}

async function readState(): Promise<State> {
  const [settings, policy, granted] = await Promise.all([readSettings(), readPolicy(), browser.permissions.getAll()]);
  return { settings, policy, granted: granted.origins ?? [] };
}

const save = (patch: Partial<Settings>): Promise<void> => browser.storage.local.set(patch);

function siteItem(pattern: string, granted: boolean, actions: HTMLElement[]): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.site = pattern;
  const name = document.createElement('span');
  name.textContent = patternLabel(pattern);
  const state = document.createElement('span');
  state.className = 'state';
  state.textContent = t(granted ? 'optionsSiteProtected' : 'optionsSiteNeedsPermission');
  li.append(name, state, ...actions);
  return li;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** Must run straight from a click: browsers only show the permission prompt for a gesture. */
function allow(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins }).catch(() => false);
}

async function removeUserSite(pattern: string, state: State): Promise<void> {
  await save({ userSites: state.settings.userSites.filter((s) => s !== pattern) });
  if (!(state.policy.sites ?? []).includes(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}

/**
 * An origin allowed for frames inside protected pages only. Its access is given back unless
 * something else still needs it (the person's or the organisation's own site list, or
 * "every site", whose grant covers it anyway).
 */
async function removeEmbeddedSite(pattern: string, state: State): Promise<void> {
  await save({ embeddedSites: state.settings.embeddedSites.filter((s) => s !== pattern) });
  const stillNeeded = [...state.settings.userSites, ...(state.policy.sites ?? []), ...DEFAULT_SITES].includes(pattern) || state.settings.protectAllSites;
  if (!stillNeeded) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}

function render(state: State): void {
  const { settings, policy, granted } = state;
  const policySites = policy.sites ?? [];
  $('policy-sites-block').hidden = policySites.length === 0;
  $('policy-sites').replaceChildren(
    ...policySites.map((p) => {
      const ok = isGranted(granted, p);
      return siteItem(p, ok, ok ? [] : [button(t('optionsSiteAllow'), () => void allow([p]))]);
    }),
  );
  $('user-sites').replaceChildren(
    ...settings.userSites.map((p) => {
      const ok = isGranted(granted, p);
      const actions = [button(t('optionsSiteRemove'), () => void removeUserSite(p, state))];
      if (!ok) actions.unshift(button(t('optionsSiteAllow'), () => void allow([p])));
      return siteItem(p, ok, actions);
    }),
  );
  $('user-sites-empty').hidden = settings.userSites.length > 0;
  $('embedded-sites-block').hidden = settings.embeddedSites.length === 0;
  $('embedded-sites').replaceChildren(
    ...settings.embeddedSites.map((p) => {
      const ok = isGranted(granted, p);
      const actions = [button(t('optionsSiteRemove'), () => void removeEmbeddedSite(p, state))];
      if (!ok) actions.unshift(button(t('optionsSiteAllow'), () => void allow([p])));
      return siteItem(p, ok, actions);
    }),
  );
  $('default-sites').replaceChildren(...DEFAULT_SITES.map((p) => siteItem(p, isGranted(granted, p), [])));

  const all = $<HTMLInputElement>('protect-all');
  all.checked = settings.protectAllSites && ALL_SITES_PATTERNS.every((p) => isGranted(granted, p));

  const reviewManaged = policy.alwaysReview !== undefined;
  const always = policy.alwaysReview ?? settings.alwaysReview;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=review]')) {
    r.checked = (r.value === 'always') === always;
    r.disabled = reviewManaged;
  }
  $('review-managed').hidden = !reviewManaged;
  $('as-is-managed').hidden = policy.allowUploadAsIs !== false;

  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=style]')) r.checked = r.value === settings.redactionStyle;
  for (const c of document.querySelectorAll<HTMLInputElement>('#languages input:not([disabled])')) c.checked = settings.textLanguages.includes(c.value);
  document.body.dataset.ready = 'true';
}

const refresh = async (): Promise<void> => render(await readState());

$('add-site').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('add-site-input');
  const pattern = siteFromInput(input.value);
  const error = $('add-site-error');
  if (!pattern) {
    error.textContent = t('optionsAddSiteInvalid');
    return;
  }
  error.textContent = '';
  const asked = allow([pattern]);
  void (async () => {
    const current = (await readSettings()).userSites;
    await save({ userSites: [...new Set([...current, pattern])] });
    if (await asked) input.value = '';
    await refresh();
  })();
});

$('protect-all').addEventListener('change', (event) => {
  const box = event.target as HTMLInputElement;
  if (box.checked) {
    const asked = allow([...ALL_SITES_PATTERNS]);
    void (async () => {
      await save({ protectAllSites: await asked });
      await refresh();
    })();
  } else {
    void (async () => {
      await save({ protectAllSites: false });
      await browser.permissions.remove({ origins: [...ALL_SITES_PATTERNS] }).catch(() => false);
      await refresh();
    })();
  }
});

for (const r of document.querySelectorAll<HTMLInputElement>('input[name=review]')) {
  r.addEventListener('change', () => void save({ alwaysReview: r.value === 'always' }));
}
for (const r of document.querySelectorAll<HTMLInputElement>('input[name=style]')) {
  r.addEventListener('change', () => void save({ redactionStyle: r.value === 'fill' ? 'fill' : 'pixelate' }));
}
$('languages').addEventListener('change', () => {
  const chosen = [...document.querySelectorAll<HTMLInputElement>('#languages input:not([disabled]):checked')].map((c) => c.value);
  void save({ textLanguages: chosen });
});

browser.storage.onChanged.addListener(() => void refresh());
browser.permissions.onAdded.addListener(() => void refresh());
browser.permissions.onRemoved.addListener(() => void refresh());
void ensureMessages().then(() => {
  localizeDocument(document);
  document.title = t('optionsTitle');
  return refresh();
});
