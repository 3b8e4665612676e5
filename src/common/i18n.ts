import browser from 'webextension-polyfill';
import { localeCandidates, lookupMessage, parseMessages, type MessageTable } from './message-table';
import type { MessageKey } from './message-key';
import type { Said } from './said';

export type { MessageKey };

/** manifest.json's `default_locale`. */
const DEFAULT_LOCALE = 'en';

/** Read from the extension's own files only when the browser's catalog came empty (message-table.ts). */
let ownCatalog: MessageTable | undefined;

/**
 * For extension pages (popup, options, welcome, review, scan), before their first words:
 * when the browser answers no message at all, the page reads its own `_locales` file for
 * the person's language, so it never shows message names. Normally this costs one lookup.
 */
export async function ensureMessages(): Promise<void> {
  if (browser.i18n.getMessage('extName')) return;
  for (const locale of localeCandidates(browser.i18n.getUILanguage(), DEFAULT_LOCALE)) {
    try {
      const response = await fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`));
      if (!response.ok) continue;
      ownCatalog = parseMessages(await response.json());
      return;
    } catch {
      // Not shipped in this language: the next one.
    }
  }
}

function message(key: string, subs: string[] = []): string {
  return browser.i18n.getMessage(key, subs) || (ownCatalog ? (lookupMessage(ownCatalog, key, subs) ?? '') : '');
}

/**
 * A message from `_locales` in the browser's language. A key missing there shows as itself,
 * so a test can catch it; `fallback` is for the few words shown on a page where the
 * extension's messages may not be reachable (a content script after an update).
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return message(key, subs.map(String)) || key;
}

/** Words that crossed from another context as a message name and values (`Said`). */
export const say = (s: Said): string => t(s.key, ...(s.subs ?? []));

export function tOr(key: MessageKey, fallback: string): string {
  return message(key) || fallback;
}

/**
 * Fills every `[data-i18n]` element of a page (popup, options, welcome) with its message.
 * The keys live in HTML, so they are checked by the locales unit test, not by the compiler.
 */
export function localizeDocument(doc: Document): void {
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n ?? '';
    el.textContent = message(key) || key;
  }
}
