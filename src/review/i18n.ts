import browser from 'webextension-polyfill';
import type { Said } from '../common/said';

/** Looks a message up in `_locales`; a missing key shows as itself so a test can catch it. */
export function t(key: string, ...subs: string[]): string {
  return browser.i18n.getMessage(key, subs) || key;
}

/** Words that crossed from another context as a message name and values (`Said`). */
export const say = (s: Said): string => t(s.key, ...(s.subs ?? []));

export function applyDocumentLanguage(doc: Document): void {
  doc.documentElement.lang = browser.i18n.getUILanguage();
  doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
}
