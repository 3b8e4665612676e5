import browser, { type Runtime } from 'webextension-polyfill';
import { isStatsMessage } from '../common/messages';
import { addStats, normalizeStats, STATS_KEY } from '../common/settings';
import { sitePatternForUrl } from '../common/sites';

/** An extension page of ours (the review frame), not a content script in a web page. */
export function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || !sender.url) return false;
  const protocol = new URL(sender.url).protocol;
  return protocol === 'chrome-extension:' || protocol === 'moz-extension:';
}

/**
 * This extension's content script in a web page: our ID, a tab and a frame, and a sender
 * address that is not one of our own pages (an extension page in a tab has a tab too).
 */
export function fromContentScript(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || !sender.tab || sender.frameId === undefined) return false;
  if (!sender.url) return true;
  const protocol = new URL(sender.url).protocol;
  return protocol !== 'chrome-extension:' && protocol !== 'moz-extension:';
}

let queue: Promise<void> = Promise.resolve();

/**
 * Counts kept on the device for the popup. The site is the sender's tab (the page the review
 * frame sits in), read by the browser, never claimed by the message.
 */
export function onStatsMessage(message: unknown, sender: Runtime.MessageSender): boolean {
  if (!isStatsMessage(message) || !fromExtensionPage(sender)) return false;
  const site = sender.tab?.url ? sitePatternForUrl(sender.tab.url) : undefined;
  if (!site) return true;
  queue = queue
    .then(async () => {
      const stored = await browser.storage.local.get(STATS_KEY);
      const next = addStats(normalizeStats(stored[STATS_KEY]), site, message);
      await browser.storage.local.set({ [STATS_KEY]: next });
    })
    .catch(() => undefined);
  return true;
}
