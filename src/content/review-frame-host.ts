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

/** A warm frame left unused this long is taken down to give its memory back. */
const IDLE_TEARDOWN_MS = 90_000;

interface Pending {
  files: File[];
  source: HoldSource;
  resolve: (outcome: FrameOutcome) => void;
}

/**
 * The review frame (an extension page, so the page cannot read it), full-viewport in a
 * closed shadow root. It is mounted hidden ahead of time when the person is about to pick a
 * file (pointer down or focus on a file input, a drag entering the page), so the engines are
 * warm when the photo arrives, and it is reused for later photos on the page.
 *
 * The frame stays invisible until it asks to be shown, so a photo with nothing to report
 * passes without a dialog. If the page removes the host, it is put back: the frame reloads
 * and is handed the files again. The files are never released by removal.
 */
class ReviewFrameHost {
  private host: HTMLElement | undefined;
  private iframe: HTMLIFrameElement | undefined;
  private port: MessagePort | undefined;
  private shown = false;
  private pending: Pending | undefined;
  /** Where focus was when the photo was held; it goes back there after the decision. */
  private returnFocus: HTMLElement | undefined;
  private teardown: ReturnType<typeof setTimeout> | undefined;
  private readonly keepMounted = new MutationObserver(() => this.restore());

  /** Mounts the hidden frame if it is not there yet; the frame warms its engines on connect. */
  prewarm(): void {
    this.scheduleTeardown();
    if (this.host) return;
    const host = document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const iframe = document.createElement('iframe');
    const nonce = randomNonce();
    iframe.src = `${browser.runtime.getURL('src/review/review.html')}#${nonce}`;
    // pointer-events inherits from the host, so a hidden (warm) frame never swallows the page's clicks.
    iframe.setAttribute('style', 'all: initial; pointer-events: inherit; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal;');
    iframe.setAttribute('tabindex', '-1');
    root.append(iframe);
    // Every load is a fresh document (first mount, or a reload after the page removed the
    // host), so each gets its own channel, and a review in progress is handed over again.
    iframe.addEventListener('load', () => this.connect(iframe, nonce));
    this.host = host;
    this.iframe = iframe;
    this.shown = false;
    this.applyStyle();
    document.documentElement.append(host);
    this.keepMounted.observe(document.documentElement, { childList: true });
    this.keepMounted.observe(host, { attributes: true });
  }

  review(files: File[], source: HoldSource): Promise<FrameOutcome> {
    this.prewarm();
    this.cancelTeardown();
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    return new Promise((resolve) => {
      this.pending = { files, source, resolve };
      this.sendPending();
    });
  }

  private connect(iframe: HTMLIFrameElement, nonce: string): void {
    if (iframe !== this.iframe) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<unknown>) => this.receive(channel.port1, event.data);
    const connect: ConnectMessage = { type: 'ug:connect', nonce };
    // Only the extension's own document can take the port: if the page navigated the frame
    // elsewhere, the browser drops the message.
    iframe.contentWindow?.postMessage(connect, frameOrigin(iframe.src), [channel.port2]);
    this.port = channel.port1;
    this.sendPending();
  }

  private sendPending(): void {
    if (!this.pending || !this.port) return;
    const review: ContentToFrame = { type: 'review', files: this.pending.files, source: this.pending.source };
    this.port.postMessage(review);
  }

  private receive(port: MessagePort, message: unknown): void {
    if (port !== this.port || !isFrameToContent(message) || !this.pending) return;
    if (message.type === 'show') {
      this.shown = true;
      this.applyStyle();
      // Keyboard users land in the dialog (the frame focuses its primary button).
      this.iframe?.focus();
      return;
    }
    const { resolve } = this.pending;
    this.pending = undefined;
    const wasShown = this.shown;
    this.shown = false;
    this.applyStyle();
    this.scheduleTeardown();
    if (wasShown) this.returnFocus?.focus();
    this.returnFocus = undefined;
    resolve(message);
  }

  private applyStyle(): void {
    const style = HOST_STYLE + (this.shown ? '' : HIDDEN);
    // Compare first, or the observer that restores our style would wake itself forever.
    if (this.host && this.host.getAttribute('style') !== style) this.host.setAttribute('style', style);
  }

  private restore(): void {
    if (!this.host) return;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.applyStyle();
  }

  private cancelTeardown(): void {
    clearTimeout(this.teardown);
    this.teardown = undefined;
  }

  private scheduleTeardown(): void {
    if (this.pending) return;
    this.cancelTeardown();
    this.teardown = setTimeout(() => this.unmount(), IDLE_TEARDOWN_MS);
  }

  private unmount(): void {
    if (this.pending) return;
    this.keepMounted.disconnect();
    this.host?.remove();
    this.host = undefined;
    this.iframe = undefined;
    this.port = undefined;
  }
}

let frameHost: ReviewFrameHost | undefined;
const theHost = (): ReviewFrameHost => (frameHost ??= new ReviewFrameHost());

export const prewarmReviewFrame = (): void => theHost().prewarm();

export function reviewInFrame(files: File[], source: HoldSource): Promise<FrameOutcome> {
  return theHost().review(files, source);
}
