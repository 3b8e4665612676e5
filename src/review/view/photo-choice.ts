import type { MessageKey } from '../../common/message-key';
import { el } from '../dom';
import { t } from '../i18n';
import type { PhotoChoice } from '../plan-delivery';
import { choiceOptions, type PhotoState } from '../review-state';
import type { ReviewIntents } from './intents';

const CHOICE_LABEL: Record<PhotoChoice, MessageKey> = { protected: 'choice_protected', 'as-is': 'choice_as_is', skip: 'choice_skip' };

/** With several photos, each one's own choice: protected copy, as it is (where allowed), leave out. */
export function photoChoice(photo: PhotoState, allowAsIs: boolean, intents: ReviewIntents): HTMLElement {
  const name = `choice-${photo.index}`;
  const group = el('fieldset', { class: 'choice' }, el('legend', {}, t('choiceLegend')));
  for (const value of choiceOptions(allowAsIs)) {
    const id = `${name}-${value}`;
    const radio = el('input', { type: 'radio', name, id, value, 'data-key': id });
    radio.checked = photo.choice === value;
    radio.addEventListener('change', () => intents.onChoice(photo.index, value));
    group.append(el('label', { for: id }, radio, ' ', t(CHOICE_LABEL[value])));
  }
  return group;
}
