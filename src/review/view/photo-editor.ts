import type { Size } from '../../imaging/rect-geometry';
import { el } from '../dom';
import { say, t } from '../i18n';
import { photoSize, type PhotoState } from '../review-state';
import type { EditorState } from '../review-updates';
import { cropFrame, cropShade } from './crop-frame';
import type { ReviewIntents } from './intents';
import { enableDrawing, findingBox, markedBox } from './preview-boxes';

/**
 * One photo's editor: the picture (or, with "Show protected copy", the copy that will be
 * sent) with its boxes, the crop frame, and the tools. Drawn from the state; every press is
 * reported through `intents`.
 */
export function photoEditor(photo: PhotoState, editor: EditorState, after: ImageBitmap | undefined, intents: ReviewIntents): HTMLElement {
  const figure = el('figure', { class: 'preview' });
  const opened = photo.opened;
  const size = photoSize(photo);
  if (!opened?.preview || !size) {
    figure.append(opened?.error ? el('p', { class: 'error' }, t('openError', say(opened.error))) : el('p', { class: 'loading' }, t('opening')));
    return figure;
  }
  const showAfter = editor.showAfter && after !== undefined;
  const canvas = el('canvas', { role: 'img', 'aria-label': t(editor.showAfter ? 'previewAfterAlt' : 'previewAlt', photo.file.name) });
  const source = showAfter ? after : opened.preview;
  canvas.width = source.width;
  canvas.height = source.height;
  canvas.getContext('2d')?.drawImage(source, 0, 0);
  const layer = el('div', { class: `boxes mode-${editor.mode}` });
  if (!editor.showAfter) layer.append(...boxes(photo, editor, size, intents));
  if (!editor.showAfter && editor.mode === 'mark') enableDrawing(photo.index, layer, size, intents);
  const stage = el('div', { class: 'stage' }, canvas, layer);
  // The stage has the picture's shape; boxes are placed in % of it.
  stage.style.aspectRatio = `${source.width} / ${source.height}`;
  figure.append(stage, tools(photo, editor, intents));
  if (editor.showAfter) figure.append(el('p', { class: 'after-note' }, t('afterExplains')));
  return figure;
}

function boxes(photo: PhotoState, editor: EditorState, size: Size, intents: ReviewIntents): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const state of photo.findings) {
    if (state.finding.box) out.push(findingBox(photo.index, state, state.finding.box, size, intents));
  }
  photo.marked.forEach((area, n) => out.push(markedBox(photo.index, area, n, size, intents)));
  if (editor.mode === 'crop' && editor.draftCrop) out.push(cropFrame(photo.index, editor.draftCrop, size, intents));
  else if (photo.crop) out.push(cropShade(photo.crop, size));
  return out;
}

function tools(photo: PhotoState, editor: EditorState, intents: ReviewIntents): HTMLElement {
  const i = photo.index;
  const after = el('button', { type: 'button', 'aria-pressed': String(editor.showAfter), 'data-key': 'after' }, t('showAfter'));
  after.addEventListener('click', () => intents.onShowAfter(i));
  const mark = el('button', { type: 'button', 'aria-pressed': String(editor.mode === 'mark'), 'data-key': 'mark' }, t('markArea'));
  mark.disabled = editor.showAfter;
  // A click from the keyboard (Enter, Space) has no pointer behind it: detail 0.
  mark.addEventListener('click', (event) => intents.onMark(i, event.detail === 0));
  const crop = el('button', { type: 'button', 'aria-pressed': String(editor.mode === 'crop'), 'data-key': 'crop' }, t(editor.mode === 'crop' ? 'cropDone' : 'crop'));
  crop.disabled = editor.showAfter;
  crop.addEventListener('click', () => intents.onCropTool(i));
  const bar = el('div', { class: 'tools' }, after, mark, crop);
  if (photo.crop && editor.mode !== 'crop') {
    const reset = el('button', { type: 'button', 'data-key': 'crop-reset' }, t('cropReset'));
    reset.addEventListener('click', () => intents.onCropReset(i));
    bar.append(reset);
  }
  if (editor.mode === 'mark') bar.append(el('p', { class: 'hint' }, t('markHint')));
  if (editor.mode === 'crop') bar.append(el('p', { class: 'hint' }, t('cropHint')));
  return bar;
}
