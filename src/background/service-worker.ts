import browser, { type Runtime } from 'webextension-polyfill';
import { DEFAULT_SETTINGS, migrateSettings, normalizeSettings } from '../common/settings';
import { isFrameStatusRequest, type FrameStatusAnswer } from '../common/messages';
import { frameProtected } from '../common/sites';
import { readSiteInputs, syncRegistrations } from './site-registrations';
import { fromContentScript, onStatsMessage } from './stats';

/**
 * Settings, the site list and its content-script registration, permissions and on-device
 * counts. Nothing about photos ever reaches this context: the only messages it takes are a
 * pair of counts from the review frame and an empty "is this frame protected?" from a
 * content script in an embedded-only frame.
 */

const SETTING_KEYS = new Set<string>(Object.keys(DEFAULT_SETTINGS));

browser.runtime.onInstalled.addListener((details) => {
  // Only a first install opens the welcome page (not updates or reloads), at once: it does not
  // wait for the stored settings or the registrations (seen under load: the tab had not
  // opened 30 s after the install while they were still in the queue).
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/welcome/welcome.html') }).catch(() => undefined);
  void (async () => {
    await upgradeStored();
    await syncRegistrations();
  })();
});

browser.runtime.onStartup.addListener(() => void syncRegistrations());
browser.permissions.onAdded.addListener(() => void syncRegistrations());
browser.permissions.onRemoved.addListener(() => void syncRegistrations());
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'local' && Object.keys(changes).some((k) => SETTING_KEYS.has(k)))) void syncRegistrations();
});

/**
 * "Is this frame protected?", from a content script in a frame of an embedded-only origin.
 * Everything is read from the sender the browser reports: the frame's own address, the top
 * page of its tab, and whether it is the top frame (a vendor page visited on its own is not
 * protected by being embedded elsewhere).
 */
async function answerFrameStatus(sender: Runtime.MessageSender): Promise<FrameStatusAnswer> {
  const inputs = await readSiteInputs();
  return { protected: frameProtected({ frameUrl: sender.url, topUrl: sender.tab?.url, isTop: sender.frameId === 0 }, inputs) };
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (isFrameStatusRequest(message)) return fromContentScript(sender) ? answerFrameStatus(sender) : undefined;
  onStatsMessage(message, sender);
  // Nothing is answered: returning undefined tells the browser no reply is coming.
  return undefined;
});

/** Migrates what is stored and fills in defaults; keys nobody knows are left alone. */
async function upgradeStored(): Promise<void> {
  const stored = await browser.storage.local.get();
  const migrated = migrateSettings(stored);
  await browser.storage.local.set({ ...migrated, ...normalizeSettings(migrated) });
}
