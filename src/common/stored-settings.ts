import browser from 'webextension-polyfill';
import { normalizePolicy, normalizeSettings, type ManagedPolicy, type Settings } from './settings';

/** The person's settings as stored; a missing or malformed value is its default. */
export async function readSettings(): Promise<Settings> {
  return normalizeSettings(await browser.storage.local.get().catch(() => ({})));
}

/**
 * The clinic's policy, normalised like the settings. `storage.managed` is missing (Firefox
 * without a policy file) or throws when there is no schema: both mean "no policy".
 */
export async function readPolicy(): Promise<ManagedPolicy> {
  try {
    return normalizePolicy(await browser.storage.managed.get());
  } catch {
    return {};
  }
}
