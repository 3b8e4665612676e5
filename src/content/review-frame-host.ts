import browser from 'webextension-polyfill';
import {
  isFrameToContent,
  type ConnectMessage,
  type ContentToFrame,
  type FrameToContent,
  type HoldSource,
} from '../common/messages';

const HOST_TAG = 'upload-guard-review';

/** Styles the page cannot override: inline on the host (plus `all: initial`) and inside a closed root. */
const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'inset: 0',
  'width: 100vw',
  'height: 100vh',
  'z-index: 2147483647',
  'display: block',
  'border: 0',
  'margin: 0',
  'padding: 0',
].join(' !important;') + ' !important;';

const HIDDEN = 'opacity: 0 !important; pointer-events: none !important;';

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The origin the review document really has. With `use_dynamic_url` Chromium hands out a
 * per-session URL, but the loaded document's origin is the extension's own ID.
 */
function frameOrigin(src: string): string {
  const url = new URL(src);
  return url.protocol === 'chrome-extension:' ? `chrome-extension://${browser.runtime.id}` : url.origin;
}

export type FrameOutcome = Extract<FrameToContent, { type: 'decision' }>;

/**
 * Mounts the review frame (an extension page, so the page cannot read it) full-viewport in
 * a closed shadow root, hands it the files over a private MessageChannel and resolves with
 * the person's decision. The frame stays invisible until it asks to be shown, so a photo
 * with nothing to report passes without a dialog.
 *
 * If the page removes the host, it is put back: the frame reloads and is handed the files
 * again. The files are never released by removal.
 */
export function reviewInFrame(files: File[], source: HoldSource): Promise<FrameOutcome> {
  return new Promise((resolve) => {
    const host = document.createElement(HOST_TAG);
    host.setAttribute('style', HOST_STYLE + HIDDEN);
    const root = host.attachShadow({ mode: 'closed' });
    const iframe = document.createElement('iframe');
    const nonce = randomNonce();
    iframe.src = `${browser.runtime.getURL('src/review/review.html')}#${nonce}`;
    iframe.setAttribute('style', 'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal;');
    iframe.setAttribute('allow', '');
    root.append(iframe);

    let settled = false;
    let shown = false;
    const keepMounted = new MutationObserver(() => {
      if (settled) return;
      if (!host.isConnected) document.documentElement.append(host);
      // Put our style back if the page changed it; compare first, or this observer would
      // wake itself forever.
      const style = HOST_STYLE + (shown ? '' : HIDDEN);
      if (host.getAttribute('style') !== style) host.setAttribute('style', style);
    });

    const finish = (outcome: FrameOutcome): void => {
      if (settled) return;
      settled = true;
      keepMounted.disconnect();
      // Hide at once, remove a moment later: tearing the frame down inside the input event
      // that made the decision leaves that event unacknowledged (seen with automation).
      host.setAttribute('style', HOST_STYLE + HIDDEN);
      setTimeout(() => host.remove(), 50);
      resolve(outcome);
    };

    // Every load is a fresh document (first mount, or a reload after the page removed the
    // host), so each gets its own channel.
    iframe.addEventListener('load', () => {
      if (settled) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<unknown>) => {
        const message = event.data;
        if (!isFrameToContent(message)) return;
        if (message.type === 'show') {
          shown = true;
          host.setAttribute('style', HOST_STYLE);
          return;
        }
        finish(message);
      };
      const connect: ConnectMessage = { type: 'ug:connect', nonce };
      // Only the extension's own document can take the port: if the page navigated the frame
      // elsewhere, the browser drops the message.
      iframe.contentWindow?.postMessage(connect, frameOrigin(iframe.src), [channel.port2]);
      const review: ContentToFrame = { type: 'review', files, source, locale: navigator.language };
      channel.port1.postMessage(review);
    });

    document.documentElement.append(host);
    keepMounted.observe(document.documentElement, { childList: true, subtree: false });
    keepMounted.observe(host, { attributes: true });
  });
}
