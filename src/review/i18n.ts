import browser from 'webextension-polyfill';
import { t } from '../common/i18n';
import type { Said } from '../common/said';

export { t };

/** Words that crossed from another context as a message name and values (`Said`). */
export const say = (s: Said): string => t(s.key, ...(s.subs ?? []));

export function applyDocumentLanguage(doc: Document): void {
  doc.documentElement.lang = browser.i18n.getUILanguage();
  doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
}
