import { el } from '../dom';
import { t } from '../i18n';
import type { PhotoState } from '../review-state';
import type { ReviewIntents } from './intents';

const THUMB = 48;

/** With several photos: one tab each, with a thumbnail, the name, and how many findings. */
export function photoTabs(photos: readonly PhotoState[], current: number, intents: ReviewIntents): HTMLElement[] {
  return photos.map((photo) => {
    const tab = el(
      'button',
      { type: 'button', role: 'tab', 'aria-selected': String(photo.index === current), class: 'thumb', 'data-key': `tab-${photo.index}` },
      thumbnail(photo),
      el('span', {}, `${photo.index + 1}. ${photo.file.name}`),
      el('span', { class: 'count' }, photo.done ? t('findingCount', String(photo.findings.length)) : t('checking')),
    );
    tab.addEventListener('click', () => intents.onSelect(photo.index));
    return tab;
  });
}

function thumbnail(photo: PhotoState): HTMLElement {
  const preview = photo.opened?.preview;
  const canvas = el('canvas', { 'aria-hidden': 'true' });
  if (preview) {
    const scale = THUMB / Math.max(preview.width, preview.height);
    canvas.width = Math.max(1, Math.round(preview.width * scale));
    canvas.height = Math.max(1, Math.round(preview.height * scale));
    canvas.getContext('2d')?.drawImage(preview, 0, 0, canvas.width, canvas.height);
  } else {
    canvas.width = THUMB;
    canvas.height = 36;
  }
  return canvas;
}
