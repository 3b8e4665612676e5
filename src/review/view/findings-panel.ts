import type { MessageKey } from '../../common/message-key';
import type { CheckName } from '../../common/findings';
import { describeFinding } from '../../analysis/describe-finding';
import { el } from '../dom';
import { say, t } from '../i18n';
import { bySeriousness, copyTreatment, failedChecks, nothingFound, type FindingState, type PhotoState } from '../review-state';
import type { ReviewIntents } from './intents';

const CHECK_LABEL: Record<CheckName, MessageKey> = {
  metadata: 'checkMetadata',
  faces: 'checkFaces',
  text: 'checkText',
  barcodes: 'checkBarcodes',
};

/**
 * What was found in one photo, in plain words: checks that could not run first, then each
 * finding (`data-finding`, most serious first) with its "Hide in the copy" choice, the
 * areas the person marked, and each check's status.
 */
export function findingsPanel(photo: PhotoState, intents: ReviewIntents): HTMLElement[] {
  const list = el('ul', { class: 'findings' });
  for (const state of bySeriousness(photo.findings)) list.append(finding(photo.index, state, intents));
  const out: HTMLElement[] = [el('h2', {}, t('foundHeading')), failedList(photo), list];
  if (nothingFound(photo)) out.push(el('p', { class: 'nothing' }, t('nothingFound')));
  const copyType = photo.opened?.copyType;
  if (copyType && !photo.opened?.error) {
    // Said before the decision: a TIFF's copy is a PNG, a DNG's always a JPEG.
    const to = copyType.type.toUpperCase();
    out.push(el('p', { class: 'copy-type', 'data-copy-type': copyType.type }, copyType.always ? t('copyTypeAlways', to, copyType.from) : t('copyTypeIfEdited', to, copyType.from)));
  }
  if (photo.marked.length > 0) out.push(el('h2', {}, t('markedHeading')), markedList(photo, intents));
  out.push(el('p', { id: 'ug-marked-help', class: 'sr-only' }, t('markedHelp')), el('p', { id: 'ug-crop-help', class: 'sr-only' }, t('cropHelp')));
  out.push(checkList(photo));
  return out;
}

function finding(photo: number, state: FindingState, intents: ReviewIntents): HTMLElement {
  const d = describeFinding(state.finding);
  const item = el('li', { 'data-finding': state.finding.kind }, el('strong', {}, t(d.titleKey)), el('span', { class: 'why' }, t(d.whyKey, ...d.whySubs)));
  const treatment = copyTreatment(state.finding);
  if (treatment === 'choose') {
    const id = `hide-${state.uid}`;
    const box = el('input', { type: 'checkbox', id, 'data-key': id });
    box.checked = state.hide;
    box.addEventListener('change', () => intents.onHideFinding(photo, state.uid, box.checked));
    item.append(el('label', { class: 'hide-toggle', for: id }, box, ' ', t('hideInCopy')));
  } else if (treatment === 'removed') {
    item.append(el('span', { class: 'removed' }, t('removedInCopy')));
  }
  return item;
}

function markedList(photo: PhotoState, intents: ReviewIntents): HTMLElement {
  const list = el('ul', { class: 'marked' });
  photo.marked.forEach((_area, n) => {
    const remove = el('button', { type: 'button', class: 'link', 'data-key': `unmark-${n}` }, t('removeMarked', String(n + 1)));
    remove.addEventListener('click', () => intents.onRemoveMarked(photo.index, n));
    list.append(el('li', {}, t('markedArea', String(n + 1)), ' ', remove));
  });
  return list;
}

/** A check that could not run comes first, in plain words: the copy does not cover what it looks for. */
function failedList(photo: PhotoState): HTMLElement {
  const list = el('ul', { class: 'failed-checks' });
  for (const name of failedChecks(photo)) {
    list.append(
      el(
        'li',
        { 'data-check-failed': name },
        el('strong', {}, t('checkFailedTitle', t(CHECK_LABEL[name]))),
        el('span', { class: 'why' }, t(name === 'metadata' ? 'checkFailedWhy_metadata' : 'checkFailedWhy')),
      ),
    );
  }
  return list;
}

function checkList(photo: PhotoState): HTMLElement {
  const checks = el('ul', { class: 'checks', 'aria-label': t('checksHeading') });
  for (const [name, state] of photo.checks) {
    const word = state.status === 'pending' ? t('statusPending') : state.status === 'done' ? t('statusDone') : t('statusFailed');
    const item = el('li', { 'data-check': name, 'data-status': state.status }, el('span', { class: 'dot', 'aria-hidden': 'true' }), `${t(CHECK_LABEL[name])}: ${word}`);
    if (state.status !== 'pending' && state.notes) item.append(el('span', { class: 'note' }, ` — ${state.notes.map(say).join(' ')}`));
    checks.append(item);
  }
  return checks;
}
