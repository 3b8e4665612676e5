import browser from 'webextension-polyfill';
export { ensureMessages, say, t } from '../common/i18n';

export function applyDocumentLanguage(doc: Document): void {
  doc.documentElement.lang = browser.i18n.getUILanguage();
  doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') || 'ltr';
}
