import { t } from './i18n';
import { freshReport, seenNow, supported, V2 } from '../common/visibility-report';

/**
 * "A click counts only on a review the person could really see" (DESIGN.md promise 5).
 *
 * IntersectionObserver v2 (`trackVisibility`) tells, for each decision button, whether it
 * was painted unoccluded and unfaded in the top-level page, across the frame boundary: the
 * page cannot read or fake it. Where the browser has no v2 (Firefox), the guard fails open
 * and the clicks count as before; the top layer is then the only defence.
 */

let coverListener: ((covered: boolean) => void) | undefined;

/** The frame's link to the content script: it re-asserts the top layer when we are covered. */
export function onCoverChange(listener: (covered: boolean) => void): void {
  coverListener = listener;
}

export type Guard = (action: () => void) => (event: Event) => void;

/**
 * Watches `buttons` and returns a wrapper for their click handlers: a click on a button that
 * is covered or faded when it lands does nothing but say so through `tell`.
 */
export function guardDecisions(buttons: HTMLElement[], tell: (text: string) => void): Guard {
  if (!supported) return (action) => () => action();
  // The running observer only tells the content script to raise the review again when the
  // page has drawn over it; each click gets its own report.
  const covered = new Set<Element>();
  const watch = new IntersectionObserver((entries) => {
    const before = covered.size > 0;
    for (const entry of entries) {
      if (entry.isIntersecting && !seenNow(entry)) covered.add(entry.target);
      else covered.delete(entry.target);
    }
    if (covered.size > 0 !== before) coverListener?.(covered.size > 0);
  }, V2);
  for (const b of buttons) watch.observe(b);

  let checking = false;
  return (action) => (event) => {
    const button = event.currentTarget;
    if (!(button instanceof Element) || checking) return;
    checking = true;
    // Enter on the focused button of a review that scrolls as one page (a phone) can come
    // while the button is below the fold: bring it into view, then ask whether it is seen.
    button.scrollIntoView({ block: 'nearest' });
    // Visible state for assistive tech and automation (DESIGN's contract): the press is
    // being judged, then either acted on or refused (counted in `data-refused`).
    button.setAttribute('data-checking', '');
    void freshReport(button).then((visible) => {
      checking = false;
      button.removeAttribute('data-checking');
      if (!button.isConnected) return;
      if (visible) action();
      else {
        button.setAttribute('data-refused', String(Number(button.getAttribute('data-refused') ?? 0) + 1));
        tell(t('reviewCovered'));
      }
    });
  };
}
