import browser from 'webextension-polyfill';
import type { MessageKey } from './message-key';
import type { Said } from './said';

export type { MessageKey };

/**
 * A message from `_locales` in the browser's language. A key missing there shows as itself,
 * so a test can catch it; `fallback` is for the few words shown on a page where the
 * extension's messages may not be reachable (a content script after an update).
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/** Words that crossed from another context as a message name and values (`Said`). */
export const say = (s: Said): string => t(s.key, ...(s.subs ?? []));

export function tOr(key: MessageKey, fallback: string): string {
  return browser.i18n.getMessage(key) || fallback;
}

/**
 * Fills every `[data-i18n]` element of a page (popup, options, welcome) with its message.
 * The keys live in HTML, so they are checked by the locales unit test, not by the compiler.
 */
export function localizeDocument(doc: Document): void {
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n ?? '';
    el.textContent = browser.i18n.getMessage(key) || key;
  }
}
