import type { Box } from '../../common/findings';
import { dragHandle, type Size } from '../../imaging/rect-geometry';
import { el } from '../dom';
import { t } from '../i18n';
import { MIN_CROP } from '../review-state';
import { arrowNudge } from './arrow-nudge';
import type { ReviewIntents } from './intents';
import { placeStyle } from './place';

const HANDLES = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'];

/** The applied crop outside crop mode: the left-out part is shaded. */
export function cropShade(crop: Box, size: Size): HTMLElement {
  return el('div', { class: 'crop-frame applied', style: placeStyle(crop, size), 'aria-hidden': 'true' });
}

/**
 * The crop frame being edited. Arrows report a nudge; a handle drag moves the frame on screen
 * as the pointer goes (the gesture's own feedback) and reports the frame where it ends.
 */
export function cropFrame(photo: number, draft: Box, size: Size, intents: ReviewIntents): HTMLElement {
  const frame = el('div', {
    class: 'crop-frame',
    role: 'group',
    tabindex: '0',
    'aria-label': t('cropArea'),
    'aria-describedby': 'ug-crop-help',
    'data-key': 'crop-frame',
    style: placeStyle(draft, size),
  });
  frame.addEventListener('keydown', (event) => {
    if (event.target !== frame) return;
    const nudge = arrowNudge(event);
    if (!nudge) return;
    event.preventDefault();
    intents.onNudgeCrop(photo, nudge);
  });
  for (const handle of HANDLES) {
    const grip = el('span', { class: `handle h-${handle}`, 'data-handle': handle, 'aria-hidden': 'true' });
    grip.addEventListener('pointerdown', (event) => {
      event.stopPropagation();
      grip.setPointerCapture(event.pointerId);
      const layer = frame.parentElement;
      if (!layer) return;
      const shown = layer.getBoundingClientRect();
      let rect = draft;
      let last = [event.clientX, event.clientY];
      const move = (e: PointerEvent): void => {
        const dx = ((e.clientX - (last[0] ?? 0)) / shown.width) * size.width;
        const dy = ((e.clientY - (last[1] ?? 0)) / shown.height) * size.height;
        last = [e.clientX, e.clientY];
        rect = dragHandle(rect, handle, dx, dy, size, MIN_CROP);
        frame.setAttribute('style', placeStyle(rect, size));
      };
      const up = (): void => {
        grip.removeEventListener('pointermove', move);
        grip.removeEventListener('pointerup', up);
        intents.onCrop(photo, rect);
      };
      grip.addEventListener('pointermove', move);
      grip.addEventListener('pointerup', up);
    });
    frame.append(grip);
  }
  return frame;
}
