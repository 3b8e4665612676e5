/**
 * IntersectionObserver v2 reports, shared by the review frame and the content script's
 * "cannot start" note: whether an element is painted unoccluded and unfaded in the top-level
 * page. Not available in Firefox or Node (`supported` is false there, and nothing runs).
 */
type IoEntry = IntersectionObserverEntry & { isVisible?: boolean };

export const supported = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * A report that does not come in this long counts as not seen. A new observer's first report
 * took 0.4–1 s in headless Chromium here (the frame paints only on demand).
 */
const WAIT_FOR_REPORT_MS = 2_000;
// `delay` 100 is the smallest v2 allows.
export const V2 = { trackVisibility: true, delay: 100 } as IntersectionObserverInit;

export const seenNow = (entry: IntersectionObserverEntry | undefined): boolean => Boolean(entry?.isIntersecting && (entry as IoEntry).isVisible);

/**
 * A report made for this click: a new observer always reports once. The running observer's
 * last report can be stale by seconds when nothing in this frame repaints, both ways
 * (measured: after the page hid and restored the host it still said "covered"; during a page
 * view transition it still said "visible" while a new observer said "not visible").
 */
export function freshReport(target: Element): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      once.disconnect();
      resolve(false);
    }, WAIT_FOR_REPORT_MS);
    const once = new IntersectionObserver(([entry]) => {
      clearTimeout(timer);
      once.disconnect();
      resolve(seenNow(entry));
    }, V2);
    once.observe(target);
  });
}
