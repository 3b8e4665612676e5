import browser from 'webextension-polyfill';
import type { ManagedPolicy } from '../common/settings';
import { readPolicy } from '../common/stored-settings';

/**
 * The clinic's managed policy as it stands, read when the frame is connected (ahead of the
 * photo, like the engines) and again when it changes. In a browser that has just started,
 * Chromium answers the first `storage.managed` read after 1-2 s (measured 1046 and 2125 ms;
 * later reads take under 1 ms), and a review that waited for it started its checks that late.
 */
export function livePolicy(): () => Promise<ManagedPolicy> {
  let current = readPolicy();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') current = readPolicy();
  });
  return () => current;
}
