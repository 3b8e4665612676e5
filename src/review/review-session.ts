import browser from 'webextension-polyfill';
import type { Decision, FrameToContent, StatsMessage } from '../common/messages';
import { applyPolicy, normalizeSettings, type ManagedPolicy, type Settings } from '../common/settings';
import { readSettings } from '../common/stored-settings';
import { ALL_CHECKS, AnalysisClient } from '../common/analysis-client';
import { said, SaidError } from '../common/said';
import { t } from './i18n';
import { planDelivery } from './plan-delivery';
import {
  addDrawnArea,
  facesHidden,
  finishChecks,
  isClean,
  nudgeMarked,
  protectOptionsFor,
  removeMarked,
  setCheckResult,
  setChoice,
  setFindings,
  setHidden,
  setOpened,
  toggleHidden,
  type PhotoState,
} from './review-state';
import * as review from './review-updates';
import type { ReviewIntents } from './view/intents';
import { ReviewDialog, type Redraw } from './view/review-dialog';

/** Show the dialog once a check finds something, or after this long so a slow check is not a frozen page. */
const SHOW_AFTER_MS = 600;

/**
 * One review: the photos of one selection, their checks, and the person's decision. The
 * session owns the review's state (plain data, review-state.ts and review-updates.ts): what
 * the checks report and what the person does (reported by the view) are applied as pure
 * updates, then the view draws the new state.
 */
export class ReviewSession {
  private state: review.ReviewState;
  private readonly view: ReviewDialog;
  /** Each photo's protected copy as last shown by "Show protected copy" (a resource, not state). */
  private readonly after: (ImageBitmap | undefined)[] = [];
  private shown = false;
  /** Names the areas the person marks. */
  private marks = 0;
  /** Resolved per photo when its checks have all answered (done or failed). */
  private readonly checked: { promise: Promise<void>; resolve: () => void }[];

  /** Whether this review still waits for the person's decision. */
  get open(): boolean {
    return this.state.decision === undefined;
  }
  /** The clinic's `alwaysReview` or the person's own, once both are read (`applySettings`). */
  private alwaysReview = false;
  /** Protected copies already made, by photo and options, so "after" and "send" are the same file. */
  private readonly copies = new Map<string, Promise<File>>();

  constructor(
    root: HTMLElement,
    files: File[],
    private readonly send: (message: FrameToContent) => void,
    private readonly client: AnalysisClient,
    private readonly policy: Promise<ManagedPolicy>,
  ) {
    // "Upload as is" stays off until the clinic's policy is known (`start`).
    this.state = review.newReview(files, ALL_CHECKS, normalizeSettings({}).redactionStyle, false);
    this.checked = this.state.photos.map(() => {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    this.view = new ReviewDialog(root, this.state, this.intents());
  }

  /** What the person does in the dialog, each as a pure update of the state. */
  private intents(): ReviewIntents {
    const photo = (index: number, update: (p: PhotoState) => PhotoState): void => this.applyPhoto(index, update);
    return {
      onProtected: () => void this.sendChosen(),
      onAsIs: () => {
        if (this.state.allowAsIs) this.decide('as-is', this.state.photos.map((p) => p.file));
      },
      onCancel: () => this.decide('cancel', []),
      onEscape: () => {
        const { state, cancel } = review.escape(this.state);
        if (cancel) this.decide('cancel', []);
        else this.apply(state, state.current);
      },
      onSelect: (index) => {
        this.apply(review.select(this.state, index), 'none');
        this.view.focusTab(index);
      },
      onToggleBox: (index, uid) => photo(index, (p) => toggleHidden(p, uid)),
      onHideFinding: (index, uid, hide) => photo(index, (p) => setHidden(p, uid, hide)),
      onMark: (index, fromKeyboard) => {
        const before = this.state.photos[index]?.marked.length ?? 0;
        this.apply(review.pressMark(this.state, index, fromKeyboard, this.markUid()), index);
        const after = this.state.photos[index]?.marked.length ?? 0;
        // From the keyboard the new area is what the person moves and sizes next.
        if (after > before) this.view.focus(index, `marked-${after - 1}`);
      },
      onDrawn: (index, box) => photo(index, (p) => addDrawnArea(p, { uid: this.markUid(), box })),
      onNudgeMarked: (index, n, nudge) => photo(index, (p) => nudgeMarked(p, n, nudge)),
      onRemoveMarked: (index, n) => photo(index, (p) => removeMarked(p, n)),
      onCropTool: (index) => this.apply(review.pressCrop(this.state, index), index),
      onCropReset: (index) => this.apply(review.resetCrop(this.state, index), index),
      onCrop: (index, rect) => this.apply(review.dragCrop(this.state, index, rect), index),
      onNudgeCrop: (index, nudge) => this.apply(review.nudgeCrop(this.state, index, nudge), index),
      onShowAfter: (index) => void this.toggleAfter(index),
      // The radio the person ticked already shows the choice: nothing in the panel to draw again.
      onChoice: (index, choice) => this.apply(review.updatePhoto(this.state, index, (p) => setChoice(p, choice)), 'none'),
      onStyle: (style) => {
        const shown = this.state.editors.flatMap((e, i) => (e.showAfter ? [i] : []));
        this.apply(review.setStyle(this.state, style), shown);
      },
    };
  }

  private markUid(): string {
    this.marks += 1;
    return `m${this.marks}`;
  }

  private apply(next: review.ReviewState, redraw: Redraw): void {
    this.state = next;
    this.view.render(next, redraw, this.after);
  }

  private applyPhoto(index: number, update: (p: PhotoState) => PhotoState): void {
    this.apply(review.updatePhoto(this.state, index, update), index);
  }

  /** Settled once the clinic's policy is applied to this review. */
  private policyApplied: Promise<void> = Promise.resolve();

  /**
   * Hidden data (the first warning) is checked at once; the pixel checks start once the
   * person's own settings are read (their text languages, in a few ms); the clinic's policy,
   * which can take 1-2 s in a browser that has just started (live-policy.ts), only decides
   * "Upload as is" and whether a clean photo goes on by itself: until it is read, there is no
   * "Upload as is" and nothing goes on by itself.
   */
  start(): void {
    const own = readSettings();
    this.policyApplied = this.applySettings(own);
    setTimeout(() => this.show(), SHOW_AFTER_MS);
    const languages = own.then((settings) => settings.textLanguages);
    for (const photo of this.state.photos) {
      const index = photo.index;
      this.client.analyze(photo.file, ALL_CHECKS, {
        onOpened: (opened) => {
          if (opened.error) this.show();
          this.applyPhoto(index, (p) => setOpened(p, opened));
        },
        onResult: (result) => {
          if (result.status === 'failed') this.show();
          if (result.findings.length > 0) this.show();
          this.applyPhoto(index, (p) => setCheckResult(p, result));
        },
        onPartial: (check, findings) => {
          if (findings.length > 0) this.show();
          this.applyPhoto(index, (p) => setFindings(p, check, findings));
        },
        onDone: () => {
          this.applyPhoto(index, finishChecks);
          this.checked[index]?.resolve();
          this.maybeFinish();
        },
      }, languages);
    }
  }

  private async applySettings(own: Promise<Settings>): Promise<void> {
    const settings = await own;
    this.apply(review.setStyle(this.state, settings.redactionStyle), 'all');
    const { alwaysReview, allowUploadAsIs } = applyPolicy(settings, await this.policy);
    this.alwaysReview = alwaysReview;
    // One photo: only the button changes; several: each photo's choice offers "as is" too.
    if (this.open) this.apply(review.setAllowAsIs(this.state, allowUploadAsIs), this.state.photos.length > 1 ? 'all' : 'none');
  }

  private show(): void {
    if (this.shown || !this.open) return;
    this.shown = true;
    this.send({ type: 'show' });
    this.view.reveal();
  }

  private maybeFinish(): void {
    void this.policyApplied.then(() => this.finishIfDone());
  }

  private finishIfDone(): void {
    const photos = this.state.photos;
    if (!this.open || !photos.every((p) => p.done)) return;
    // Once the person pressed "Upload protected copy", that is what is sent, clean or not.
    if (photos.every(isClean) && !this.alwaysReview && !this.state.committed) {
      this.decide('clean', photos.map((p) => p.file));
      return;
    }
    this.show();
  }

  /**
   * "Show protected copy": the exact file the upload will send. A copy that comes back after
   * the person changed something is already out of date, and switching to it would take the
   * picture from under their hands: then the photo stays as it is.
   */
  private async toggleAfter(index: number): Promise<void> {
    if (review.editorOf(this.state, index).showAfter) {
      this.apply(review.setShowAfter(this.state, index, false), index);
      return;
    }
    this.apply(review.startAfter(this.state, index), index);
    this.view.say(t('protecting'));
    const asked = review.editKey(this.state, index);
    try {
      const file = await this.protectedCopy(index);
      if (review.editKey(this.state, index) !== asked) {
        this.view.say('');
        this.apply(this.state, index);
        return;
      }
      const bitmap = await createImageBitmap(file);
      this.after[index]?.close();
      this.after[index] = bitmap;
      this.state = review.setShowAfter(this.state, index, true);
      this.view.say('');
    } catch (error) {
      this.view.showError(error instanceof SaidError ? error.said : said('protectReasonOther'));
    }
    this.apply(this.state, index);
  }

  /**
   * The copy of a photo as it stands once its checks have all answered: a copy made earlier
   * would leave uncovered every face or line a check had not reported yet. The photo is read
   * after the wait, so the copy has the person's last change.
   */
  private async protectedCopy(index: number): Promise<File> {
    await this.checked[index]?.promise;
    return this.copyNow(index);
  }

  private copyNow(index: number): Promise<File> {
    const photo = this.state.photos[index];
    if (!photo) return Promise.reject(new Error(`no photo ${index}`));
    const options = protectOptionsFor(photo, this.state.style);
    const key = `${index}:${JSON.stringify(options)}`;
    let copy = this.copies.get(key);
    if (!copy) {
      copy = this.client.protect(photo.file, options);
      copy.catch(() => this.copies.delete(key));
      this.copies.set(key, copy);
    }
    return copy;
  }

  /**
   * Pressed while checks still run, the choice is committed and the dialog says so; the copy
   * is made from the finished review, with the person's edits as they were when pressed
   * (editing is closed from then on). Cancel and "Upload as is" still work meanwhile.
   */
  private async sendChosen(): Promise<void> {
    const committed = review.commit(this.state);
    if (committed === this.state) return;
    this.apply(committed, 'none');
    await Promise.all(this.checked.map((c) => c.promise));
    if (!this.open) return;
    this.view.setProtecting(true);
    try {
      const plan = planDelivery(this.state.photos.map((p) => p.choice), this.state.allowAsIs);
      const files = await Promise.all(
        plan.map(({ from, use }) => {
          const photo = this.state.photos[from];
          if (!photo) throw new Error(`no photo ${from}`);
          return use === 'original' ? Promise.resolve(photo.file) : this.copyNow(from);
        }),
      );
      this.decide(files.length > 0 ? 'protected' : 'cancel', files, plan.map((p) => p.from));
    } catch (error) {
      this.apply(review.uncommit(this.state), 'none');
      this.view.setProtecting(false);
      this.view.showError(error instanceof SaidError ? error.said : said('protectReasonOther'));
    }
  }

  private decide(decision: Decision, files: File[], from?: number[]): void {
    const decided = review.decide(this.state, decision);
    if (decided === this.state) return;
    this.state = decided;
    this.send(from ? { type: 'decision', decision, files, from } : { type: 'decision', decision, files });
    this.reportStats(decision);
  }

  /** On-device counts for the popup ("8 photos checked here, 3 faces hidden"); nothing leaves the browser. */
  private reportStats(decision: Decision): void {
    const stats: StatsMessage = { type: 'stats', photos: this.state.photos.length, facesHidden: facesHidden(this.state.photos, decision) };
    void browser.runtime.sendMessage(stats).catch(() => undefined);
  }
}
