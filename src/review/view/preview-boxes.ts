import type { Box } from '../../common/findings';
import { describeFinding } from '../../analysis/describe-finding';
import { boxFromPoints, toImagePoint, type Size } from '../../imaging/rect-geometry';
import { el } from '../dom';
import { t } from '../i18n';
import type { FindingState, MarkedArea } from '../review-state';
import { arrowNudge } from './arrow-nudge';
import type { ReviewIntents } from './intents';
import { placeStyle } from './place';

/** The box of a finding on the picture: pressed means the copy covers it; a click reports the toggle. */
export function findingBox(photo: number, state: FindingState, box: Box, size: Size, intents: ReviewIntents): HTMLElement {
  const title = t(describeFinding(state.finding).titleKey);
  const button = el('button', {
    type: 'button',
    class: `box kind-${state.finding.kind}`,
    'aria-pressed': String(state.hide),
    'aria-label': t('toggleRegion', title),
    'data-key': `box-${state.uid}`,
    style: placeStyle(box, size),
  });
  button.addEventListener('click', () => intents.onToggleBox(photo, state.uid));
  return button;
}

/** An area the person marked: arrows move it (Shift sizes it), Delete removes it. */
export function markedBox(photo: number, area: MarkedArea, n: number, size: Size, intents: ReviewIntents): HTMLElement {
  const button = el('button', {
    type: 'button',
    class: 'box kind-marked',
    'aria-label': t('markedArea', String(n + 1)),
    'aria-describedby': 'ug-marked-help',
    'data-key': `marked-${n}`,
    style: placeStyle(area.box, size),
  });
  button.addEventListener('keydown', (event) => {
    const nudge = arrowNudge(event);
    if (nudge) {
      event.preventDefault();
      intents.onNudgeMarked(photo, n, nudge);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      intents.onRemoveMarked(photo, n);
    }
  });
  return button;
}

/**
 * In marking mode a drag on the picture draws a new area: a ghost follows the pointer (the
 * gesture's own feedback, not state), and the area is reported when the pointer lifts.
 */
export function enableDrawing(photo: number, layer: HTMLElement, size: Size, intents: ReviewIntents): void {
  let start: [number, number] | undefined;
  let ghost: HTMLElement | undefined;
  const toImage = (event: PointerEvent): [number, number] => toImagePoint(event.clientX, event.clientY, layer.getBoundingClientRect(), size);
  layer.addEventListener('pointerdown', (event) => {
    if (event.target !== layer) return;
    start = toImage(event);
    layer.setPointerCapture(event.pointerId);
    ghost = el('div', { class: 'box kind-marked ghost' });
    layer.append(ghost);
  });
  layer.addEventListener('pointermove', (event) => {
    if (!start || !ghost) return;
    const [x, y] = toImage(event);
    ghost.setAttribute('style', placeStyle(boxFromPoints(start[0], start[1], x, y, size), size));
  });
  layer.addEventListener('pointerup', (event) => {
    if (!start) return;
    const [x, y] = toImage(event);
    const box = boxFromPoints(start[0], start[1], x, y, size);
    start = undefined;
    intents.onDrawn(photo, box);
  });
}
