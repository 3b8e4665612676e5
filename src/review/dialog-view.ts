import type { Box, CheckName } from '../analysis/findings';
import { describeFinding } from '../analysis/describe-finding';
import { t } from './i18n';
import type { FindingState, PhotoState } from './review-session';

export interface DialogActions {
  onProtected: () => void;
  onAsIs: () => void;
  onCancel: () => void;
}

const CHECK_LABEL: Record<CheckName, string> = {
  metadata: 'checkMetadata',
  faces: 'checkFaces',
  text: 'checkText',
  barcodes: 'checkBarcodes',
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * The review dialog's DOM. Keeps the automation contract (DESIGN.md): `role="dialog"`,
 * `aria-busy`, buttons named "Upload protected copy" / "Upload as is" / "Cancel", and one
 * `data-finding` element per finding.
 */
export class DialogView {
  private readonly dialog: HTMLElement;
  private readonly photoPanels: HTMLElement[] = [];
  private readonly status: HTMLElement;
  private readonly buttons: { protected: HTMLButtonElement; asIs: HTMLButtonElement; cancel: HTMLButtonElement };
  private current = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly photos: PhotoState[],
    actions: DialogActions,
  ) {
    const title = photos.length > 1 ? t('dialogTitleMany', String(photos.length)) : t('dialogTitle');
    this.buttons = {
      protected: el('button', { type: 'button', class: 'primary' }, t('actionProtected')),
      asIs: el('button', { type: 'button' }, t('actionAsIs')),
      cancel: el('button', { type: 'button', class: 'quiet' }, t('actionCancel')),
    };
    this.buttons.protected.addEventListener('click', actions.onProtected);
    this.buttons.asIs.addEventListener('click', actions.onAsIs);
    this.buttons.cancel.addEventListener('click', actions.onCancel);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });

    const strip = el('div', { class: 'strip', role: 'tablist', 'aria-label': title });
    photos.forEach((photo, i) => {
      const panel = el('section', { class: 'photo', 'data-photo': String(i), 'aria-label': t('photoLabel', String(i + 1), String(photos.length), photo.file.name) });
      if (i !== 0) panel.hidden = true;
      this.photoPanels.push(panel);
      if (photos.length > 1) {
        const tab = el('button', { type: 'button', role: 'tab', 'aria-selected': String(i === 0), class: 'thumb' }, `${i + 1}. ${photo.file.name}`);
        tab.addEventListener('click', () => this.select(i, strip));
        strip.append(tab);
      }
    });

    this.dialog = el(
      'div',
      { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'ug-title', 'aria-describedby': 'ug-intro', 'aria-busy': 'true', class: 'dialog', hidden: '' },
      el('header', {}, el('h1', { id: 'ug-title' }, title), el('p', { id: 'ug-intro' }, t('dialogIntro'))),
      ...(photos.length > 1 ? [strip] : []),
      ...this.photoPanels,
      el('footer', {}, this.status, el('div', { class: 'actions' }, this.buttons.protected, this.buttons.asIs, this.buttons.cancel)),
    );
    this.dialog.addEventListener('keydown', (e) => this.onKey(e, actions));
    this.root.append(el('div', { class: 'backdrop' }, this.dialog));
    for (const photo of photos) this.update(photo);
  }

  reveal(): void {
    if (!this.dialog.hidden) return;
    this.dialog.hidden = false;
    this.buttons.protected.focus();
  }

  setBusy(busy: boolean): void {
    this.dialog.setAttribute('aria-busy', String(busy));
    if (!busy) this.status.textContent = '';
  }

  setAllowAsIs(allowed: boolean): void {
    this.buttons.asIs.hidden = !allowed;
  }

  setProtecting(on: boolean): void {
    this.buttons.protected.disabled = on;
    this.status.textContent = on ? t('protecting') : '';
  }

  showError(message: string): void {
    this.status.textContent = t('protectFailed', message);
  }

  update(photo: PhotoState): void {
    const panel = this.photoPanels[photo.index];
    if (!panel) return;
    panel.replaceChildren(this.renderPreview(photo), this.renderSide(photo));
    const busy = this.photos.some((p) => !p.done);
    this.dialog.setAttribute('aria-busy', String(busy));
    if (busy) this.status.textContent = t('checking');
  }

  private select(index: number, strip: HTMLElement): void {
    this.current = index;
    this.photoPanels.forEach((p, i) => (p.hidden = i !== index));
    strip.querySelectorAll('[role=tab]').forEach((tab, i) => tab.setAttribute('aria-selected', String(i === index)));
  }

  private renderPreview(photo: PhotoState): HTMLElement {
    const figure = el('figure', { class: 'preview' });
    const opened = photo.opened;
    if (!opened?.preview) {
      if (opened?.error) figure.append(el('p', { class: 'error' }, t('openError', opened.error)));
      return figure;
    }
    const canvas = el('canvas', { role: 'img', 'aria-label': t('previewAlt', photo.file.name) });
    canvas.width = opened.preview.width;
    canvas.height = opened.preview.height;
    canvas.getContext('2d')?.drawImage(opened.preview, 0, 0);
    const layer = el('div', { class: 'boxes' });
    for (const state of photo.findings) {
      if (state.finding.box) layer.append(this.renderBox(photo, state, state.finding.box, opened.width, opened.height));
    }
    figure.append(el('div', { class: 'stage' }, canvas, layer));
    return figure;
  }

  private renderBox(photo: PhotoState, state: FindingState, box: Box, w: number, h: number): HTMLElement {
    const [x, y, bw, bh] = box;
    const title = t(describeFinding(state.finding).titleKey);
    const button = el('button', {
      type: 'button',
      class: `box kind-${state.finding.kind}`,
      'aria-pressed': String(state.hide),
      'aria-label': `${t('toggleRegion')}: ${title}`,
      style: `left:${(100 * x) / w}%;top:${(100 * y) / h}%;width:${(100 * bw) / w}%;height:${(100 * bh) / h}%`,
    });
    button.addEventListener('click', () => {
      state.hide = !state.hide;
      this.update(photo);
    });
    return button;
  }

  private renderSide(photo: PhotoState): HTMLElement {
    const side = el('div', { class: 'side' });
    const checks = el('ul', { class: 'checks' });
    for (const [name, state] of photo.checks) {
      const word = state.status === 'pending' ? t('statusPending') : state.status === 'done' ? t('statusDone') : t('statusFailed');
      const item = el('li', { 'data-check': name, 'data-status': state.status }, `${t(CHECK_LABEL[name])}: ${word}`);
      if (state.status === 'failed' && state.note) item.append(el('span', { class: 'note' }, ` — ${state.note}`));
      checks.append(item);
    }
    const findings = el('ul', { class: 'findings' });
    for (const state of [...photo.findings].sort((a, b) => describeFinding(a.finding).rank - describeFinding(b.finding).rank)) {
      const d = describeFinding(state.finding);
      const item = el('li', { 'data-finding': state.finding.kind }, el('strong', {}, t(d.titleKey)), el('span', { class: 'why' }, t(d.whyKey, ...d.whySubs)));
      findings.append(item);
    }
    side.append(el('h2', {}, t('foundHeading')), findings);
    if (photo.done && photo.findings.length === 0 && !photo.opened?.error) side.append(el('p', { class: 'nothing' }, t('nothingFound')));
    side.append(checks);
    return side;
  }

  private onKey(event: KeyboardEvent, actions: DialogActions): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      actions.onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    // Keep focus inside the dialog.
    const focusable = Array.from(this.dialog.querySelectorAll<HTMLElement>('button:not([disabled]):not([hidden]), input, [tabindex="0"]')).filter(
      (n) => n.offsetParent !== null,
    );
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
