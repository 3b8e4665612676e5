import type { Box, CheckName } from '../analysis/findings';
import { describeFinding } from '../analysis/describe-finding';
import { boxFromPoints, centredBox, clampBox, dragHandle, moveBox, resizeBox } from '../imaging/rect-geometry';
import { el } from './dom';
import { say, t } from './i18n';
import { said, SaidError, type Said } from '../common/said';
import { guardDecisions } from './visible-click';
import type { PhotoChoice } from './plan-delivery';
import type { FindingState, MarkedArea, PhotoState, RedactionStyle } from './review-state';

export interface DialogActions {
  onProtected: () => void;
  onAsIs: () => void;
  onCancel: () => void;
  /** The exact file "Upload protected copy" will send for this photo. */
  protectedCopy: (photo: PhotoState) => Promise<File>;
  style: () => RedactionStyle;
  setStyle: (style: RedactionStyle) => void;
}

const CHECK_LABEL: Record<CheckName, string> = {
  metadata: 'checkMetadata',
  faces: 'checkFaces',
  text: 'checkText',
  barcodes: 'checkBarcodes',
};

type Mode = 'view' | 'mark' | 'crop';

interface PhotoUi {
  panel: HTMLElement;
  mode: Mode;
  showAfter: boolean;
  /** Crop being edited (applied to the photo when the person leaves crop mode). */
  draftCrop: Box | undefined;
  afterBitmap: ImageBitmap | undefined;
}

const NUDGE = 4;
const NUDGE_FAST = 24;

/**
 * The review dialog's DOM. Keeps the automation contract (DESIGN.md): `role="dialog"`,
 * `aria-busy`, buttons named "Upload protected copy" / "Upload as is" / "Cancel", and one
 * `data-finding` element per finding. Every string comes from `_locales`.
 */
export class DialogView {
  private readonly dialog: HTMLElement;
  private readonly ui: PhotoUi[] = [];
  private readonly status: HTMLElement;
  private readonly strip: HTMLElement;
  private readonly buttons: { protected: HTMLButtonElement; asIs: HTMLButtonElement; cancel: HTMLButtonElement };
  private current = 0;
  private allowAsIs = true;
  /** "Upload protected copy" was pressed; the session sends once the checks are done. */
  private committed = false;
  private readonly styleGroup: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly photos: PhotoState[],
    private readonly actions: DialogActions,
  ) {
    const title = photos.length > 1 ? t('dialogTitleMany', String(photos.length)) : t('dialogTitle');
    this.buttons = {
      protected: el('button', { type: 'button', class: 'primary', 'data-key': 'send-protected' }, t('actionProtected')),
      asIs: el('button', { type: 'button', 'data-key': 'send-as-is' }, t('actionAsIs')),
      cancel: el('button', { type: 'button', class: 'quiet', 'data-key': 'cancel' }, t('actionCancel')),
    };
    // Only a click on a review the person could see sends anything (visible-click.ts).
    const seen = guardDecisions([this.buttons.protected, this.buttons.asIs], (text) => (this.status.textContent = text));
    this.buttons.protected.addEventListener('click', seen(actions.onProtected));
    this.buttons.asIs.addEventListener('click', seen(actions.onAsIs));
    this.buttons.cancel.addEventListener('click', actions.onCancel);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.strip = el('div', { class: 'strip', role: 'tablist', 'aria-label': t('photosLabel') });

    for (const photo of photos) {
      const panel = el('section', {
        class: 'photo',
        role: photos.length > 1 ? 'tabpanel' : 'region',
        'aria-label': t('photoLabel', String(photo.index + 1), String(photos.length), photo.file.name),
      });
      panel.hidden = photo.index !== 0;
      this.ui.push({ panel, mode: 'view', showAfter: false, draftCrop: undefined, afterBitmap: undefined });
    }

    const styleGroup = this.renderStyle();
    this.styleGroup = styleGroup;
    this.dialog = el(
      'div',
      {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'ug-title',
        'aria-describedby': 'ug-intro',
        'aria-busy': 'true',
        class: 'dialog',
        hidden: '',
      },
      el('header', {}, el('h1', { id: 'ug-title' }, title), el('p', { id: 'ug-intro' }, t(photos.length > 1 ? 'dialogIntroMany' : 'dialogIntro'))),
      ...(photos.length > 1 ? [this.strip] : []),
      ...this.ui.map((u) => u.panel),
      el('footer', {}, styleGroup, this.status, el('div', { class: 'actions' }, this.buttons.protected, this.buttons.asIs, this.buttons.cancel)),
    );
    this.dialog.addEventListener('keydown', (e) => this.onKey(e));
    root.append(el('div', { class: 'backdrop' }, this.dialog));
    for (const photo of photos) this.update(photo);
  }

  reveal(): void {
    if (!this.dialog.hidden) return;
    this.dialog.hidden = false;
    // Not scrolled to: on a phone the decision bar comes last, after the picture and findings.
    this.buttons.protected.focus({ preventScroll: true });
  }

  setAllowAsIs(allowed: boolean): void {
    this.allowAsIs = allowed;
    this.buttons.asIs.hidden = !allowed;
    for (const photo of this.photos) this.update(photo);
  }

  /**
   * The choice is made: edits close (the copy is made from the review as it was pressed) and
   * the status says what is still to come. The button keeps focus, only aria-disabled, so a
   * second Enter cannot land on another button.
   */
  setCommitted(on: boolean): void {
    this.committed = on;
    this.buttons.protected.setAttribute('aria-disabled', String(on));
    for (const u of this.ui) u.panel.inert = on;
    this.styleGroup.inert = on;
    this.renderStatus();
  }

  setProtecting(on: boolean): void {
    this.buttons.protected.disabled = on;
    this.status.textContent = on ? t('protecting') : '';
  }

  showError(reason: Said): void {
    this.status.textContent = t('protectFailed', say(reason));
  }

  /** Re-renders one photo; focus stays on the control that had it (matched by `data-key`). */
  update(photo: PhotoState): void {
    const ui = this.ui[photo.index];
    if (!ui) return;
    const focusedKey = (document.activeElement as HTMLElement | null)?.dataset.key;
    ui.panel.replaceChildren(this.renderEditor(photo, ui), this.renderSide(photo));
    this.renderStrip();
    this.renderStatus();
    if (focusedKey && ui.panel.contains(document.activeElement) === false) {
      ui.panel.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
    }
  }

  private renderStatus(): void {
    const busy = this.photos.some((p) => !p.done);
    this.dialog.setAttribute('aria-busy', String(busy));
    const checks = this.photos.flatMap((p) => [...p.checks.values()]);
    const answered = checks.filter((c) => c.status !== 'pending').length;
    const waiting = this.committed ? t('finishingThenSending', String(answered), String(checks.length)) : t('checking');
    if (busy) this.status.textContent = waiting;
    else if (this.status.textContent === waiting || this.status.textContent === t('checking')) this.status.textContent = '';
  }

  // ---- photo strip (several photos)

  private renderStrip(): void {
    if (this.photos.length < 2) return;
    this.strip.replaceChildren(
      ...this.photos.map((photo) => {
        const count = photo.findings.length;
        const tab = el(
          'button',
          { type: 'button', role: 'tab', 'aria-selected': String(photo.index === this.current), class: 'thumb', 'data-key': `tab-${photo.index}` },
          this.thumbnail(photo),
          el('span', {}, `${photo.index + 1}. ${photo.file.name}`),
          el('span', { class: 'count' }, photo.done ? t('findingCount', String(count)) : t('checking')),
        );
        tab.addEventListener('click', () => this.select(photo.index));
        return tab;
      }),
    );
  }

  private thumbnail(photo: PhotoState): HTMLElement {
    const preview = photo.opened?.preview;
    const canvas = el('canvas', { 'aria-hidden': 'true' });
    if (preview) {
      const scale = 48 / Math.max(preview.width, preview.height);
      canvas.width = Math.max(1, Math.round(preview.width * scale));
      canvas.height = Math.max(1, Math.round(preview.height * scale));
      canvas.getContext('2d')?.drawImage(preview, 0, 0, canvas.width, canvas.height);
    } else {
      canvas.width = 48;
      canvas.height = 36;
    }
    return canvas;
  }

  private select(index: number): void {
    this.current = index;
    this.ui.forEach((u, i) => (u.panel.hidden = i !== index));
    this.renderStrip();
    this.strip.querySelector<HTMLElement>(`[data-key="tab-${index}"]`)?.focus();
  }

  // ---- editor: preview, boxes, marking, crop, before/after

  private renderEditor(photo: PhotoState, ui: PhotoUi): HTMLElement {
    const figure = el('figure', { class: 'preview' });
    const opened = photo.opened;
    if (!opened?.preview) {
      figure.append(
        opened?.error ? el('p', { class: 'error' }, t('openError', say(opened.error))) : el('p', { class: 'loading' }, t('opening')),
      );
      return figure;
    }
    const size = { width: opened.width, height: opened.height };
    const canvas = el('canvas', { role: 'img', 'aria-label': t(ui.showAfter ? 'previewAfterAlt' : 'previewAlt', photo.file.name) });
    const source = ui.showAfter && ui.afterBitmap ? ui.afterBitmap : opened.preview;
    canvas.width = source.width;
    canvas.height = source.height;
    canvas.getContext('2d')?.drawImage(source, 0, 0);
    const layer = el('div', { class: `boxes mode-${ui.mode}` });
    if (!ui.showAfter) {
      for (const state of photo.findings) {
        if (state.finding.box) layer.append(this.renderFindingBox(photo, state, state.finding.box, size));
      }
      photo.marked.forEach((area, n) => layer.append(this.renderMarkedBox(photo, area, n, size)));
      if (ui.mode === 'crop' && ui.draftCrop) layer.append(...this.renderCrop(photo, ui, ui.draftCrop, size));
      else if (photo.crop) layer.append(this.cropShade(photo.crop, size));
      if (ui.mode === 'mark') this.enableDrawing(photo, layer, size);
    }
    const stage = el('div', { class: 'stage' }, canvas, layer);
    // The stage has the picture's shape; boxes are placed in % of it.
    stage.style.aspectRatio = `${source.width} / ${source.height}`;
    figure.append(stage, this.renderTools(photo, ui, size));
    if (ui.showAfter) figure.append(el('p', { class: 'after-note' }, t('afterExplains')));
    return figure;
  }

  private renderTools(photo: PhotoState, ui: PhotoUi, size: { width: number; height: number }): HTMLElement {
    const after = el('button', { type: 'button', 'aria-pressed': String(ui.showAfter), 'data-key': 'after' }, t('showAfter'));
    after.addEventListener('click', () => void this.toggleAfter(photo, ui));
    const mark = el('button', { type: 'button', 'aria-pressed': String(ui.mode === 'mark'), 'data-key': 'mark' }, t('markArea'));
    mark.disabled = ui.showAfter;
    mark.addEventListener('click', (event) => {
      ui.mode = ui.mode === 'mark' ? 'view' : 'mark';
      // From the keyboard there is no drag: start with a box in the middle to move and size.
      if (ui.mode === 'mark' && event.detail === 0) {
        photo.marked.push({ uid: `m${Date.now()}`, box: centredBox(size) });
        ui.mode = 'view';
        this.update(photo);
        ui.panel.querySelector<HTMLElement>(`[data-key="marked-${photo.marked.length - 1}"]`)?.focus();
        return;
      }
      this.update(photo);
    });
    const crop = el('button', { type: 'button', 'aria-pressed': String(ui.mode === 'crop'), 'data-key': 'crop' }, t(ui.mode === 'crop' ? 'cropDone' : 'crop'));
    crop.disabled = ui.showAfter;
    crop.addEventListener('click', () => {
      if (ui.mode === 'crop') {
        photo.crop = ui.draftCrop && !sameBox(ui.draftCrop, [0, 0, size.width, size.height]) ? ui.draftCrop : undefined;
        ui.mode = 'view';
      } else {
        ui.mode = 'crop';
        ui.draftCrop = photo.crop ?? [0, 0, size.width, size.height];
      }
      this.update(photo);
    });
    const tools = el('div', { class: 'tools' }, after, mark, crop);
    if (photo.crop && ui.mode !== 'crop') {
      const reset = el('button', { type: 'button', 'data-key': 'crop-reset' }, t('cropReset'));
      reset.addEventListener('click', () => {
        photo.crop = undefined;
        this.update(photo);
      });
      tools.append(reset);
    }
    if (ui.mode === 'mark') tools.append(el('p', { class: 'hint' }, t('markHint')));
    if (ui.mode === 'crop') tools.append(el('p', { class: 'hint' }, t('cropHint')));
    return tools;
  }

  private async toggleAfter(photo: PhotoState, ui: PhotoUi): Promise<void> {
    if (ui.showAfter) {
      ui.showAfter = false;
      this.update(photo);
      return;
    }
    ui.mode = 'view';
    this.status.textContent = t('protecting');
    const asked = editState(photo, ui);
    try {
      const file = await this.actions.protectedCopy(photo);
      // The person went on editing meanwhile: this copy is already out of date, and
      // switching to it now would take the picture from under their hands.
      if (editState(photo, ui) !== asked) {
        this.status.textContent = '';
        this.update(photo);
        return;
      }
      ui.afterBitmap?.close();
      ui.afterBitmap = await createImageBitmap(file);
      ui.showAfter = true;
      this.status.textContent = '';
    } catch (error) {
      this.showError(error instanceof SaidError ? error.said : said('protectReasonOther'));
    }
    this.update(photo);
  }

  private renderFindingBox(photo: PhotoState, state: FindingState, box: Box, size: { width: number; height: number }): HTMLElement {
    const title = t(describeFinding(state.finding).titleKey);
    const button = el('button', {
      type: 'button',
      class: `box kind-${state.finding.kind}`,
      'aria-pressed': String(state.hide),
      'aria-label': t('toggleRegion', title),
      'data-key': `box-${state.uid}`,
      style: placeStyle(box, size),
    });
    button.addEventListener('click', () => {
      state.hide = !state.hide;
      this.update(photo);
    });
    return button;
  }

  private renderMarkedBox(photo: PhotoState, area: MarkedArea, n: number, size: { width: number; height: number }): HTMLElement {
    const button = el('button', {
      type: 'button',
      class: 'box kind-marked',
      'aria-label': t('markedArea', String(n + 1)),
      'aria-describedby': 'ug-marked-help',
      'data-key': `marked-${n}`,
      style: placeStyle(area.box, size),
    });
    button.addEventListener('keydown', (event) => {
      const step = event.altKey ? NUDGE_FAST : NUDGE;
      const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const d = delta[event.key];
      if (d) {
        event.preventDefault();
        area.box = event.shiftKey ? resizeBox(area.box, d[0], d[1], size) : moveBox(area.box, d[0], d[1], size);
        this.update(photo);
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        photo.marked.splice(n, 1);
        this.update(photo);
      }
    });
    return button;
  }

  /** In marking mode a drag on the picture draws a new area. */
  private enableDrawing(photo: PhotoState, layer: HTMLElement, size: { width: number; height: number }): void {
    let start: [number, number] | undefined;
    let ghost: HTMLElement | undefined;
    const toImage = (event: PointerEvent): [number, number] => {
      const r = layer.getBoundingClientRect();
      return [((event.clientX - r.left) / r.width) * size.width, ((event.clientY - r.top) / r.height) * size.height];
    };
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
      if (box[2] >= 4 && box[3] >= 4) photo.marked.push({ uid: `m${Date.now()}`, box });
      this.update(photo);
    });
  }

  private cropShade(crop: Box, size: { width: number; height: number }): HTMLElement {
    return el('div', { class: 'crop-frame applied', style: placeStyle(crop, size), 'aria-hidden': 'true' });
  }

  private renderCrop(photo: PhotoState, ui: PhotoUi, crop: Box, size: { width: number; height: number }): HTMLElement[] {
    const frame = el('div', {
      class: 'crop-frame',
      role: 'group',
      tabindex: '0',
      'aria-label': t('cropArea'),
      'aria-describedby': 'ug-crop-help',
      'data-key': 'crop-frame',
      style: placeStyle(crop, size),
    });
    frame.addEventListener('keydown', (event) => {
      if (event.target !== frame) return;
      const step = event.altKey ? NUDGE_FAST : NUDGE;
      const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const d = delta[event.key];
      if (!d || !ui.draftCrop) return;
      event.preventDefault();
      ui.draftCrop = event.shiftKey ? resizeBox(ui.draftCrop, d[0], d[1], size, 16) : moveBox(ui.draftCrop, d[0], d[1], size);
      this.update(photo);
    });
    for (const handle of ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw']) {
      const grip = el('span', { class: `handle h-${handle}`, 'data-handle': handle, 'aria-hidden': 'true' });
      grip.addEventListener('pointerdown', (event) => {
        event.stopPropagation();
        grip.setPointerCapture(event.pointerId);
        const layer = frame.parentElement;
        if (!layer) return;
        const rect = layer.getBoundingClientRect();
        let last = [event.clientX, event.clientY];
        const move = (e: PointerEvent): void => {
          if (!ui.draftCrop) return;
          const dx = ((e.clientX - (last[0] ?? 0)) / rect.width) * size.width;
          const dy = ((e.clientY - (last[1] ?? 0)) / rect.height) * size.height;
          last = [e.clientX, e.clientY];
          ui.draftCrop = dragHandle(ui.draftCrop, handle, dx, dy, size);
          frame.setAttribute('style', placeStyle(ui.draftCrop, size));
        };
        const up = (): void => {
          grip.removeEventListener('pointermove', move);
          grip.removeEventListener('pointerup', up);
          this.update(photo);
        };
        grip.addEventListener('pointermove', move);
        grip.addEventListener('pointerup', up);
      });
      frame.append(grip);
    }
    return [frame];
  }

  // ---- side: findings, marked areas, checks, per-photo choice

  private renderSide(photo: PhotoState): HTMLElement {
    const side = el('div', { class: 'side' });
    const findings = el('ul', { class: 'findings' });
    const bySeriousness = [...photo.findings].sort((a, b) => describeFinding(a.finding).rank - describeFinding(b.finding).rank);
    for (const state of bySeriousness) findings.append(this.renderFinding(photo, state));
    side.append(el('h2', {}, t('foundHeading')), this.renderFailedChecks(photo), findings);
    const failed = [...photo.checks.values()].some((c) => c.status === 'failed');
    // "Nothing found" is never said of a photo some check could not look at.
    if (photo.done && photo.findings.length === 0 && !photo.opened?.error && !failed) side.append(el('p', { class: 'nothing' }, t('nothingFound')));
    const copyType = photo.opened?.copyType;
    if (copyType && !photo.opened?.error) {
      const to = copyType.type.toUpperCase();
      side.append(el('p', { class: 'copy-type', 'data-copy-type': copyType.type }, copyType.always ? t('copyTypeAlways', to, copyType.from) : t('copyTypeIfEdited', to, copyType.from)));
    }
    if (photo.marked.length > 0) {
      const list = el('ul', { class: 'marked' });
      photo.marked.forEach((_area, n) => {
        const remove = el('button', { type: 'button', class: 'link', 'data-key': `unmark-${n}` }, t('removeMarked', String(n + 1)));
        remove.addEventListener('click', () => {
          photo.marked.splice(n, 1);
          this.update(photo);
        });
        list.append(el('li', {}, t('markedArea', String(n + 1)), ' ', remove));
      });
      side.append(el('h2', {}, t('markedHeading')), list);
    }
    side.append(el('p', { id: 'ug-marked-help', class: 'sr-only' }, t('markedHelp')), el('p', { id: 'ug-crop-help', class: 'sr-only' }, t('cropHelp')));
    side.append(this.renderChecks(photo));
    if (this.photos.length > 1) side.append(this.renderChoice(photo));
    return side;
  }

  private renderFinding(photo: PhotoState, state: FindingState): HTMLElement {
    const d = describeFinding(state.finding);
    const item = el(
      'li',
      { 'data-finding': state.finding.kind },
      el('strong', {}, t(d.titleKey)),
      el('span', { class: 'why' }, t(d.whyKey, ...d.whySubs)),
    );
    if (state.finding.box) {
      const id = `hide-${state.uid}`;
      const box = el('input', { type: 'checkbox', id, 'data-key': id });
      box.checked = state.hide;
      box.addEventListener('change', () => {
        state.hide = box.checked;
        this.update(photo);
      });
      item.append(el('label', { class: 'hide-toggle', for: id }, box, ' ', t('hideInCopy')));
    } else if (state.finding.kind === 'location' || state.finding.kind === 'metadata') {
      item.append(el('span', { class: 'removed' }, t('removedInCopy')));
    }
    return item;
  }

  /** A check that could not run comes first, in plain words: the copy does not cover what it looks for. */
  private renderFailedChecks(photo: PhotoState): HTMLElement {
    const list = el('ul', { class: 'failed-checks' });
    for (const [name, state] of photo.checks) {
      if (state.status !== 'failed') continue;
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

  private renderChecks(photo: PhotoState): HTMLElement {
    const checks = el('ul', { class: 'checks', 'aria-label': t('checksHeading') });
    for (const [name, state] of photo.checks) {
      const word = state.status === 'pending' ? t('statusPending') : state.status === 'done' ? t('statusDone') : t('statusFailed');
      const item = el('li', { 'data-check': name, 'data-status': state.status }, el('span', { class: 'dot', 'aria-hidden': 'true' }), `${t(CHECK_LABEL[name])}: ${word}`);
      if (state.status !== 'pending' && state.notes) item.append(el('span', { class: 'note' }, ` — ${state.notes.map(say).join(' ')}`));
      checks.append(item);
    }
    return checks;
  }

  private renderChoice(photo: PhotoState): HTMLElement {
    const options: PhotoChoice[] = this.allowAsIs ? ['protected', 'as-is', 'skip'] : ['protected', 'skip'];
    const name = `choice-${photo.index}`;
    const group = el('fieldset', { class: 'choice' }, el('legend', {}, t('choiceLegend')));
    for (const value of options) {
      const id = `${name}-${value}`;
      const radio = el('input', { type: 'radio', name, id, value, 'data-key': id });
      radio.checked = photo.choice === value;
      radio.addEventListener('change', () => {
        photo.choice = value;
      });
      group.append(el('label', { for: id }, radio, ' ', t(`choice_${value.replace('-', '_')}`)));
    }
    return group;
  }

  private renderStyle(): HTMLElement {
    const group = el('fieldset', { class: 'style' }, el('legend', {}, t('styleLegend')));
    for (const value of ['pixelate', 'fill'] as const) {
      const id = `style-${value}`;
      const radio = el('input', { type: 'radio', name: 'style', id, value, 'data-key': id });
      radio.checked = this.actions.style() === value;
      radio.addEventListener('change', () => {
        this.actions.setStyle(value);
        // A shown "after" view no longer matches: go back to "before".
        this.ui.forEach((u, i) => {
          if (u.showAfter) {
            u.showAfter = false;
            const photo = this.photos[i];
            if (photo) this.update(photo);
          }
        });
      });
      group.append(el('label', { for: id }, radio, ' ', t(`style_${value}`)));
    }
    return group;
  }

  // ---- keyboard

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      const ui = this.ui[this.current];
      const photo = this.photos[this.current];
      // Esc first leaves a mode; from the plain view it cancels the upload.
      if (ui && photo && ui.mode !== 'view') {
        ui.mode = 'view';
        ui.draftCrop = undefined;
        this.update(photo);
        return;
      }
      this.actions.onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    // Keep focus inside the dialog.
    const focusable = Array.from(
      this.dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), [tabindex="0"]'),
    ).filter((n) => n.offsetParent !== null || n === document.activeElement);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
}

/** Everything the person can change about a photo's copy, as one comparable string. */
function editState(photo: PhotoState, ui: PhotoUi): string {
  return JSON.stringify([ui.mode, photo.marked, photo.crop, photo.findings.map((f) => f.hide), photo.choice]);
}

function placeStyle(box: Box, size: { width: number; height: number }): string {
  const [x, y, w, h] = clampBox(box, size);
  return `left:${(100 * x) / size.width}%;top:${(100 * y) / size.height}%;width:${(100 * w) / size.width}%;height:${(100 * h) / size.height}%`;
}

function sameBox(a: Box, b: Box): boolean {
  return a.every((v, i) => Math.round(v) === Math.round(b[i] ?? NaN));
}
