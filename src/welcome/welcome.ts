import browser from 'webextension-polyfill';
import { ensureMessages, localizeDocument, t } from '../common/i18n';
import { isFrameToContent, type ContentToFrame, type FrameToContent } from '../common/messages';
import { connectReviewFrame, newNonce, reviewFrameUrl } from '../common/review-connect';

/**
 * First-run page with a demo of the whole review flow on the person's own photo.
 *
 * Content scripts never run on extension pages, so the demo does what the content script
 * does, with the same contract from `src/common/messages.ts`: it mounts the real review
 * frame (`review.html`, same origin as this page), hands it the chosen files over a private
 * MessageChannel (`connectReviewFrame`, the content script's own) and shows what a site would
 * have received. The review code is not copied or imported.
 */
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

document.documentElement.lang = browser.i18n.getUILanguage();
void ensureMessages().then(() => {
  localizeDocument(document);
  document.title = t('welcomeTitle');
});

type Outcome = Extract<FrameToContent, { type: 'decision' }>;

function review(files: File[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const iframe = document.createElement('iframe');
    const secret = newNonce();
    iframe.src = reviewFrameUrl(secret);
    iframe.title = t('extName');
    // Invisible until the frame asks to be shown: a photo with nothing to report goes straight on.
    iframe.setAttribute('style', 'position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; z-index: 10; opacity: 0; pointer-events: none;');
    iframe.addEventListener('load', () => {
      // The demo's photo goes with the connect.
      const port = connectReviewFrame(iframe, secret, false, (message) => {
        if (!isFrameToContent(message) || message.type === 'ready' || message.type === 'covered') return;
        if (message.type === 'show') {
          iframe.style.opacity = '1';
          iframe.style.pointerEvents = 'auto';
          return;
        }
        iframe.remove();
        resolve(message);
      });
      const start: ContentToFrame = { type: 'review', files };
      port.postMessage(start);
    }, { once: true });
    document.body.append(iframe);
  });
}

let shown: string | undefined;

function showResult(outcome: Outcome): void {
  const box = $('demo-result');
  const text = $('demo-result-text');
  const img = $<HTMLImageElement>('demo-result-image');
  if (shown) URL.revokeObjectURL(shown);
  shown = undefined;
  box.hidden = false;
  box.dataset.decision = outcome.decision;
  const [file] = outcome.files;
  if (outcome.decision === 'cancel' || !file) {
    text.textContent = t('welcomeDemoCancelled');
    img.hidden = true;
    return;
  }
  const key = outcome.decision === 'protected' ? 'welcomeDemoProtected' : outcome.decision === 'clean' ? 'welcomeDemoClean' : 'welcomeDemoAsIs';
  text.textContent = t(key, file.name, String(Math.max(1, Math.round(file.size / 1024))));
  // The copy the site would have received, shown from memory: it goes nowhere.
  shown = URL.createObjectURL(file);
  img.src = shown;
  img.alt = t('welcomeDemoImageAlt');
  img.hidden = false;
}

const input = $<HTMLInputElement>('demo-file');
input.addEventListener('change', () => {
  const files = Array.from(input.files ?? []);
  input.value = '';
  if (files.length === 0) return;
  void review(files).then(showResult);
});

$('options').addEventListener('click', () => void browser.runtime.openOptionsPage());
