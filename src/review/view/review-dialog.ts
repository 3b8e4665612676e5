import type { Said } from '../../common/said';
import { el } from '../dom';
import { say, t } from '../i18n';
import { checkProgress } from '../review-state';
import { editorOf, type ReviewState } from '../review-updates';
import { guardDecisions } from '../visible-click';
import { findingsPanel } from './findings-panel';
import { trapTab } from './focus-trap';
import type { ReviewIntents } from './intents';
import { photoChoice } from './photo-choice';
import { photoEditor } from './photo-editor';
import { photoTabs } from './photo-strip';
import { showStyle, styleChoice } from './style-choice';

/** Which photos to draw again: all, some, or none (only the strip, the status and what a commit closes). */
export type Redraw = 'all' | 'none' | number | readonly number[];

/**
 * The review dialog's shell. Keeps the automation contract (DESIGN.md): `role="dialog"`,
 * `aria-busy`, buttons named "Upload protected copy" / "Upload as is" / "Cancel", and one
 * `data-finding` element per finding. It draws the state it is given and reports what the
 * person does through `intents`; it never changes the state (issue 18). Every string comes
 * from `_locales`.
 */
export class ReviewDialog {
  private readonly dialog: HTMLElement;
  private readonly panels: HTMLElement[];
  private readonly status: HTMLElement;
  private readonly strip: HTMLElement;
  private readonly styleGroup: HTMLElement;
  private readonly buttons: { protected: HTMLButtonElement; asIs: HTMLButtonElement; cancel: HTMLButtonElement };

  constructor(
    root: HTMLElement,
    state: ReviewState,
    private readonly intents: ReviewIntents,
  ) {
    const photos = state.photos;
    const title = photos.length > 1 ? t('dialogTitleMany', String(photos.length)) : t('dialogTitle');
    this.buttons = {
      protected: el('button', { type: 'button', class: 'primary', 'data-key': 'send-protected' }, t('actionProtected')),
      asIs: el('button', { type: 'button', 'data-key': 'send-as-is' }, t('actionAsIs')),
      cancel: el('button', { type: 'button', class: 'quiet', 'data-key': 'cancel' }, t('actionCancel')),
    };
    // Only a click on a review the person could see sends anything (visible-click.ts).
    const seen = guardDecisions([this.buttons.protected, this.buttons.asIs], (text) => this.say(text));
    this.buttons.protected.addEventListener('click', seen(() => intents.onProtected()));
    this.buttons.asIs.addEventListener('click', seen(() => intents.onAsIs()));
    this.buttons.cancel.addEventListener('click', () => intents.onCancel());
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.strip = el('div', { class: 'strip', role: 'tablist', 'aria-label': t('photosLabel') });
    this.panels = photos.map((photo) =>
      el('section', {
        class: 'photo',
        role: photos.length > 1 ? 'tabpanel' : 'region',
        'aria-label': t('photoLabel', String(photo.index + 1), String(photos.length), photo.file.name),
      }),
    );
    this.styleGroup = styleChoice(state.style, intents);
    this.dialog = el(
      'div',
      { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'ug-title', 'aria-describedby': 'ug-intro', 'aria-busy': 'true', class: 'dialog', hidden: '' },
      el('header', {}, el('h1', { id: 'ug-title' }, title), el('p', { id: 'ug-intro' }, t(photos.length > 1 ? 'dialogIntroMany' : 'dialogIntro'))),
      ...(photos.length > 1 ? [this.strip] : []),
      ...this.panels,
      el('footer', {}, this.styleGroup, this.status, el('div', { class: 'actions' }, this.buttons.protected, this.buttons.asIs, this.buttons.cancel)),
    );
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        intents.onEscape();
      } else trapTab(event, this.dialog);
    });
    root.append(el('div', { class: 'backdrop' }, this.dialog));
    this.render(state, 'all', []);
  }

  reveal(): void {
    if (!this.dialog.hidden) return;
    this.dialog.hidden = false;
    // Not scrolled to: on a phone the decision bar comes last, after the picture and findings.
    this.buttons.protected.focus({ preventScroll: true });
  }

  /**
   * Draws `state`: the photos named by `redraw` again (focus stays on the control that had it,
   * matched by `data-key`), and always the strip, the status and what a committed choice
   * closes. `after` holds each photo's protected copy for "Show protected copy".
   */
  render(state: ReviewState, redraw: Redraw, after: readonly (ImageBitmap | undefined)[]): void {
    const indices = redraw === 'all' ? state.photos.map((p) => p.index) : redraw === 'none' ? [] : typeof redraw === 'number' ? [redraw] : redraw;
    for (const index of indices) {
      const photo = state.photos[index];
      const panel = this.panels[index];
      if (!photo || !panel) continue;
      const focusedKey = (document.activeElement as HTMLElement | null)?.dataset.key;
      const side = el('div', { class: 'side' }, ...findingsPanel(photo, this.intents));
      if (state.photos.length > 1) side.append(photoChoice(photo, state.allowAsIs, this.intents));
      panel.replaceChildren(photoEditor(photo, editorOf(state, index), after[index], this.intents), side);
      if (focusedKey && !panel.contains(document.activeElement)) this.focus(index, focusedKey);
    }
    this.panels.forEach((panel, i) => (panel.hidden = i !== state.current));
    if (state.photos.length > 1) this.strip.replaceChildren(...photoTabs(state.photos, state.current, this.intents));
    this.buttons.asIs.hidden = !state.allowAsIs;
    // The choice is made: edits close (the copy is made from the review as it was pressed).
    // The button keeps focus, only aria-disabled, so a second Enter cannot land on another button.
    this.buttons.protected.setAttribute('aria-disabled', String(state.committed));
    for (const panel of this.panels) panel.inert = state.committed;
    this.styleGroup.inert = state.committed;
    showStyle(this.styleGroup, state.style);
    this.renderStatus(state);
  }

  /** Focuses the control `key` of photo `index`'s panel. */
  focus(index: number, key: string): void {
    this.panels[index]?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  }

  focusTab(index: number): void {
    this.strip.querySelector<HTMLElement>(`[data-key="tab-${index}"]`)?.focus();
  }

  /** The status line says `text` (empty: nothing). */
  say(text: string): void {
    this.status.textContent = text;
  }

  setProtecting(on: boolean): void {
    this.buttons.protected.disabled = on;
    this.say(on ? t('protecting') : '');
  }

  showError(reason: Said): void {
    this.say(t('protectFailed', say(reason)));
  }

  private renderStatus(state: ReviewState): void {
    const { busy, answered, total } = checkProgress(state.photos);
    this.dialog.setAttribute('aria-busy', String(busy));
    const waiting = state.committed ? t('finishingThenSending', String(answered), String(total)) : t('checking');
    if (busy) this.say(waiting);
    else if (this.status.textContent === waiting || this.status.textContent === t('checking')) this.say('');
  }
}
