import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS } from '../common/settings';

/** Settings start from their defaults; nothing about photos ever reaches this context. */
browser.runtime.onInstalled.addListener(() => void fillDefaults());

async function fillDefaults(): Promise<void> {
  const stored = await browser.storage.local.get();
  const missing = Object.fromEntries(Object.entries(DEFAULT_SETTINGS).filter(([key]) => !(key in stored)));
  if (Object.keys(missing).length > 0) await browser.storage.local.set(missing);
}
