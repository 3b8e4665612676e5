/**
 * Keeps the review above everything the page can draw (issue 14 item 5). The review frame
 * sits in a modal `<dialog>` inside our closed shadow root: the top layer is painted above
 * every z-index, outside the page's `opacity`/`filter` on `html`, and the topmost modal
 * dialog makes the rest of the page inert, a page's own modal dialog included.
 *
 * The page can still add to the top layer after us (its own modal, popover or fullscreen
 * element) and would then be painted above the review. So while the review is shown, each
 * sign of that (a `toggle`, a `fullscreenchange`, an `open` attribute, the frame saying its
 * buttons are covered) takes the page out of fullscreen and shows our dialog again, last,
 * which makes it the topmost again.
 */

/** A page that fights back gets this many raises a second; the frame's click guard still holds. */
const MAX_RAISES_PER_SECOND = 20;

/** Inline, `!important`: the closed root keeps page style sheets off the dialog itself. */
const DIALOG_STYLE =
  [
    'all: initial',
    'display: block',
    'position: fixed',
    'inset: 0',
    'width: 100%',
    'height: 100%',
    'max-width: none',
    'max-height: none',
    'margin: 0',
    'padding: 0',
    'border: 0',
    'overflow: hidden',
    'background: transparent',
    'pointer-events: inherit',
  ].join(' !important;') + ' !important;';

export class TopLayer {
  readonly dialog: HTMLDialogElement;
  private raised = false;
  private raises: number[] = [];
  private scheduled = false;
  private readonly onSign = (): void => this.schedule();
  private readonly attributes = new MutationObserver(() => this.schedule());

  constructor(root: ShadowRoot) {
    this.dialog = document.createElement('dialog');
    // Shown as a plain fixed block while warm (the inline display beats `dialog:not([open])`),
    // so the frame renders and loads; only a shown review goes into the top layer.
    this.dialog.setAttribute('style', DIALOG_STYLE);
    try {
      // No dimming of our own: the review frame draws its backdrop. A constructed sheet is not
      // subject to the page's CSP, unlike a <style> element.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('dialog::backdrop { background: transparent; }');
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Only the default light dimming remains.
    }
    // Esc on the page side must not close the review; the frame has its own Esc (cancel).
    this.dialog.addEventListener('cancel', (event) => event.preventDefault());
    // Closed anyway (the browser's close-watcher rules may force it): show it again.
    this.dialog.addEventListener('close', () => {
      // Our own close-and-show leaves it open by the time this event runs.
      if (this.raised && !this.dialog.open) this.schedule();
    });
    root.append(this.dialog);
  }

  /** Into the top layer, above anything already there, and watch for the page outranking it. */
  raise(): void {
    if (!this.raised) {
      this.raised = true;
      for (const type of ['toggle', 'beforetoggle']) window.addEventListener(type, this.onSign, true);
      document.addEventListener('fullscreenchange', this.onSign, true);
      this.attributes.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['open', 'popover'] });
    }
    this.showLast();
  }

  lower(): void {
    if (!this.raised) return;
    this.raised = false;
    for (const type of ['toggle', 'beforetoggle']) window.removeEventListener(type, this.onSign, true);
    document.removeEventListener('fullscreenchange', this.onSign, true);
    this.attributes.disconnect();
    if (this.dialog.open) this.dialog.close();
  }

  /** Something may have gone above us (also: the frame reported its buttons covered). */
  schedule(): void {
    if (!this.raised || this.scheduled) return;
    this.scheduled = true;
    // A task later: the page's own top-layer change (and its `toggle`) has settled by then.
    setTimeout(() => {
      this.scheduled = false;
      if (this.raised) this.showLast();
    }, 0);
  }

  private showLast(): void {
    const now = performance.now();
    this.raises = this.raises.filter((t) => now - t < 1000);
    if (this.raises.length >= MAX_RAISES_PER_SECOND) return;
    this.raises.push(now);
    // Page fullscreen hides everything else of the page; leave it (needs no user gesture).
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    if (!this.dialog.isConnected) return;
    // Closing and showing again moves our dialog to the top of the top layer.
    if (this.dialog.open) this.dialog.close();
    try {
      this.dialog.showModal();
    } catch {
      // Not connected or not allowed here: the host's fixed, max z-index style still applies.
    }
  }
}
