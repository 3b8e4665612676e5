import {
  isFrameToContent,
  type ContentToFrame,
  type FrameToContent,
  type HoldSource,
} from '../common/messages';
import { connectReviewFrame, newNonce, reviewFrameUrl } from '../common/review-connect';
import { askWhenBlocked, type BlockedNotice } from './blocked-notice';
import { TopLayer } from './top-layer';

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



export type FrameOutcome = Extract<FrameToContent, { type: 'decision' }>;

/** A warm frame left unused this long is taken down to give its memory back. */
const IDLE_TEARDOWN_MS = 90_000;

/**
 * A frame that has not said `ready` this long after a hold (or after it loaded) never will:
 * the site's headers stop it (COOP+COEP error page, CSP sandbox). Measured: a cold frame is
 * loaded 0.2–0.4 s after the hold. A slower start only shows the note until the review comes.
 */
const READY_TIMEOUT_MS = 1_200;

interface Pending {
  files: File[];
  source: HoldSource;
  resolve: (outcome: FrameOutcome) => void;
  /** The "cannot start" note, while it is up. */
  notice?: BlockedNotice;
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
  private topLayer: TopLayer | undefined;
  private port: MessagePort | undefined;
  /** The current frame document answered on its port. */
  private ready = false;
  private loadedAt: number | undefined;
  /** A frame on this page never connected: every later hold goes to the note at once. */
  private blocked = false;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
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
    const nonce = newNonce();
    iframe.src = reviewFrameUrl(nonce);
    // pointer-events inherits from the host, so a hidden (warm) frame never swallows the page's clicks.
    iframe.setAttribute('style', 'all: initial; pointer-events: inherit; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal;');
    iframe.setAttribute('tabindex', '-1');
    const topLayer = new TopLayer(root);
    topLayer.dialog.append(iframe);
    // Every load is a fresh document (first mount, or a reload after the page removed the
    // host), so each gets its own channel, and a review in progress is handed over again.
    iframe.addEventListener('load', () => this.connect(iframe, nonce));
    this.host = host;
    this.iframe = iframe;
    this.topLayer = topLayer;
    this.ready = false;
    // Until `load` (an error page may never fire it) the wait counts from the hold.
    this.loadedAt = undefined;
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
      this.watchReady();
    });
  }

  /** Tells the person at once if the frame cannot start here (issue 13). */
  private stopReadyTimer(): void {
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
  }

  private watchReady(): void {
    this.stopReadyTimer();
    if (this.ready) return;
    const sinceLoad = this.loadedAt === undefined ? 0 : performance.now() - this.loadedAt;
    const wait = this.blocked ? 0 : Math.max(0, READY_TIMEOUT_MS - sinceLoad);
    this.readyTimer = setTimeout(() => this.cannotStart(), wait);
  }

  private cannotStart(): void {
    this.readyTimer = undefined;
    const pending = this.pending;
    if (this.ready || !pending || pending.notice) return;
    this.blocked = true;
    const notice = askWhenBlocked();
    pending.notice = notice;
    void notice.choice.then((choice) => {
      if (this.pending !== pending) return;
      this.settle({ type: 'decision', decision: choice, files: choice === 'as-is' ? pending.files : [] });
    });
  }

  private connect(iframe: HTMLIFrameElement, nonce: string): void {
    if (iframe !== this.iframe) return;
    const port = connectReviewFrame(iframe, nonce, !this.pending, (data) => this.receive(port, data));
    this.port = port;
    this.ready = false;
    this.loadedAt = performance.now();
    // A reload while a photo is held (the page removed the host) gets its own full wait;
    // a first load during the hold does not extend the hold's.
    if (this.pending && this.readyTimer === undefined) this.watchReady();
    this.sendPending();
  }

  private sendPending(): void {
    if (!this.pending || !this.port) return;
    const review: ContentToFrame = { type: 'review', files: this.pending.files };
    this.port.postMessage(review);
  }

  private receive(port: MessagePort, message: unknown): void {
    if (port !== this.port || !isFrameToContent(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.blocked = false;
      this.stopReadyTimer();
      return;
    }
    if (!this.pending) return;
    if (message.type === 'covered') {
      // Something of the page went above us: show the review last again.
      if (message.covered && this.shown) this.topLayer?.schedule();
      return;
    }
    // The frame works after all (a slow start): its review replaces the note.
    this.pending.notice?.dismiss();
    this.pending.notice = undefined;
    if (message.type === 'show') {
      this.shown = true;
      this.applyStyle();
      this.topLayer?.raise();
      // Keyboard users land in the dialog (the frame focuses its primary button).
      this.iframe?.focus();
      return;
    }
    this.settle(message);
  }

  private settle(message: FrameOutcome): void {
    if (!this.pending) return;
    const { resolve } = this.pending;
    this.pending = undefined;
    this.stopReadyTimer();
    const wasShown = this.shown;
    this.shown = false;
    this.topLayer?.lower();
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
    if (!this.host.isConnected) {
      document.documentElement.append(this.host);
      // Removal took it out of the top layer.
      if (this.shown) this.topLayer?.raise();
    }
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
    this.topLayer?.lower();
    this.host = undefined;
    this.iframe = undefined;
    this.topLayer = undefined;
    this.port = undefined;
    this.ready = false;
  }
}

let frameHost: ReviewFrameHost | undefined;
const theHost = (): ReviewFrameHost => (frameHost ??= new ReviewFrameHost());

export const prewarmReviewFrame = (): void => theHost().prewarm();

export function reviewInFrame(files: File[], source: HoldSource): Promise<FrameOutcome> {
  return theHost().review(files, source);
}
