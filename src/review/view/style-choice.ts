import { el } from '../dom';
import { t } from '../i18n';
import type { RedactionStyle } from '../review-state';
import type { ReviewIntents } from './intents';

const STYLES: readonly RedactionStyle[] = ['pixelate', 'fill'];

/** "How hidden areas look", for every photo of the review. */
export function styleChoice(style: RedactionStyle, intents: ReviewIntents): HTMLElement {
  const group = el('fieldset', { class: 'style' }, el('legend', {}, t('styleLegend')));
  for (const value of STYLES) {
    const id = `style-${value}`;
    const radio = el('input', { type: 'radio', name: 'style', id, value, 'data-key': id });
    radio.checked = style === value;
    radio.addEventListener('change', () => intents.onStyle(value));
    group.append(el('label', { for: id }, radio, ' ', t(`style_${value}`)));
  }
  return group;
}

/** Ticks the radio of `style` in a group made by styleChoice (the group is kept, so focus stays). */
export function showStyle(group: HTMLElement, style: RedactionStyle): void {
  for (const radio of group.querySelectorAll<HTMLInputElement>('input[name="style"]')) radio.checked = radio.value === style;
}
