import { tOr } from '../common/i18n';
import { freshReport, supported } from '../common/visibility-report';

/** Decision of the person where the review frame cannot start. */
export type BlockedChoice = 'as-is' | 'cancel';

const TAG = 'upload-guard-blocked';

const HOST_STYLE =
  [
    'all: initial',
    'position: fixed',
    'inset: auto 16px 16px auto',
    'margin: 0',
    'padding: 0',
    'border: 0',
    'background: transparent',
    'overflow: visible',
    'display: block',
    'z-index: 2147483647',
  ].join(' !important;') + ' !important;';

const BOX_STYLE =
  'font: 15px/1.45 system-ui, sans-serif; color: #1d2733; background: #fff8e6; border: 2px solid #8a4b00; border-radius: 10px; padding: 14px 16px; box-shadow: 0 4px 16px rgba(0,0,0,.25); max-width: 360px; display: grid; gap: 10px;';
const BUTTON_STYLE = 'font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #4a5766; background: #fff; color: #1d2733; cursor: pointer;';

/**
 * Where the site's headers stop the review frame (issue 13), the person is told in the page,
 * in their language, and chooses: the photo is never held without a word nor passed without
 * a choice. A small closed-root note in the top layer (a manual popover), put back if the
 * page removes it and shown last again when the page adds to the top layer. Only real
 * (trusted) clicks on the note while it is seen count (IntersectionObserver v2, as in the
 * review dialog).
 */
export interface BlockedNotice {
  choice: Promise<BlockedChoice>;
  /** Takes the note down unanswered (the review frame connected after all). */
  dismiss(): void;
}

export function askWhenBlocked(): BlockedNotice {
  const host = document.createElement(TAG);
  host.setAttribute('style', HOST_STYLE);
  host.setAttribute('popover', 'manual');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-labelledby', 'ug-blocked');
  box.setAttribute('style', BOX_STYLE);
  const message = document.createElement('p');
  message.id = 'ug-blocked';
  message.setAttribute('style', 'margin: 0;');
  message.textContent = tOr('reviewBlocked', "This site blocks Upload Guard's review. The photo was not checked.");
  const actions = document.createElement('div');
  actions.setAttribute('style', 'display: flex; gap: 8px; justify-content: flex-end;');
  const asIs = document.createElement('button');
  asIs.type = 'button';
  asIs.textContent = tOr('actionAsIs', 'Upload as is');
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = tOr('actionCancel', 'Cancel');
  for (const b of [asIs, cancel]) b.setAttribute('style', BUTTON_STYLE);
  actions.append(asIs, cancel);
  box.append(message, actions);
  root.append(box);

  const show = (): void => {
    if (!host.isConnected) document.documentElement.append(host);
    try {
      if (!host.matches(':popover-open')) host.showPopover();
    } catch {
      // No popover support: the fixed, max z-index style still shows it.
    }
  };
  const keep = new MutationObserver(() => {
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    show();
  });
  // The page's own popover, modal or fullscreen went above the note: show it last again.
  let raisedAt = 0;
  const raise = (event: Event): void => {
    if (event.target === host || performance.now() - raisedAt < 50) return;
    raisedAt = performance.now();
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    try {
      if (host.matches(':popover-open')) host.hidePopover();
    } catch {
      // Not a popover here: nothing to move.
    }
    show();
  };
  const onTop = (event: Event): void => {
    setTimeout(() => raise(event), 0);
  };
  show();
  keep.observe(document.documentElement, { childList: true });
  keep.observe(host, { attributes: true });
  window.addEventListener('toggle', onTop, true);
  document.addEventListener('fullscreenchange', onTop, true);
  // The safe choice has the focus: Enter does not send an unchecked photo.
  cancel.focus();

  const dismiss = (): void => {
    keep.disconnect();
    window.removeEventListener('toggle', onTop, true);
    document.removeEventListener('fullscreenchange', onTop, true);
    host.remove();
  };
  let checking = false;
  const choice = new Promise<BlockedChoice>((resolve) => {
    const done = (chosen: BlockedChoice) => (event: MouseEvent) => {
      const button = event.currentTarget;
      if (!event.isTrusted || checking || !(button instanceof Element)) return;
      checking = true;
      void (supported ? freshReport(button) : Promise.resolve(true)).then((seen) => {
        checking = false;
        if (!seen) {
          message.textContent = tOr('reviewCovered', 'Something on this page covered this note, so that click did not count.');
          return;
        }
        dismiss();
        resolve(chosen);
      });
    };
    asIs.addEventListener('click', done('as-is'));
    cancel.addEventListener('click', done('cancel'));
  });
  return { choice, dismiss };
}
