import browser from 'webextension-polyfill';
import type { CheckName, CheckResult, Finding } from '../analysis/findings';
import type { Decision, FrameToContent, StatsMessage } from '../common/messages';
import { applyPolicy, normalizeSettings, type ManagedPolicy, type Settings } from '../common/settings';
import { ALL_CHECKS, AnalysisClient } from './analysis-client';
import { DialogView } from './dialog-view';
import { said, SaidError } from '../common/said';
import { planDelivery } from './plan-delivery';
import { protectOptionsFor, type PhotoState } from './review-state';

export type { PhotoChoice } from './plan-delivery';
export type { FindingState, MarkedArea, PhotoState, RedactionStyle } from './review-state';

/** Show the dialog once a check finds something, or after this long so a slow check is not a frozen page. */
const SHOW_AFTER_MS = 600;





export type EffectiveSettings = Settings & { allowUploadAsIs: boolean };

async function loadSettings(): Promise<EffectiveSettings> {
  const stored = await browser.storage.local.get().catch(() => ({}));
  const policy = (await browser.storage.managed?.get().catch(() => ({}))) as ManagedPolicy | undefined;
  return applyPolicy(normalizeSettings(stored), policy ?? {});
}


/** One review: the photos of one selection, their checks, and the person's decision. */
export class ReviewSession {
  private readonly photos: PhotoState[];
  private readonly view: DialogView;
  private shown = false;
  private decided = false;
  /** "Upload protected copy" was pressed: the copy is made once every check has answered. */
  private committed = false;
  /** Resolved per photo when its checks have all answered (done or failed). */
  private readonly checked: { promise: Promise<void>; resolve: () => void }[];

  /** Whether this review still waits for the person's decision. */
  get open(): boolean {
    return !this.decided;
  }
  private settings: EffectiveSettings = applyPolicy(normalizeSettings({}), {});
  /** Protected copies already made, by photo and options, so "after" and "send" are the same file. */
  private readonly copies = new Map<string, Promise<File>>();

  constructor(
    root: HTMLElement,
    files: File[],
    private readonly send: (message: FrameToContent) => void,
    private readonly client: AnalysisClient,
  ) {
    this.photos = files.map((file, index) => ({
      index,
      file,
      opened: undefined,
      checks: new Map(ALL_CHECKS.map((c) => [c, { status: 'pending' }])),
      findings: [],
      marked: [],
      crop: undefined,
      choice: 'protected',
      done: false,
    }));
    this.checked = this.photos.map(() => {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    this.view = new DialogView(root, this.photos, {
      onProtected: () => void this.sendChosen(),
      onAsIs: () => this.decide('as-is', this.photos.map((p) => p.file)),
      onCancel: () => this.decide('cancel', []),
      protectedCopy: (photo) => this.protectedCopy(photo),
      style: () => this.settings.redactionStyle,
      setStyle: (style) => {
        this.settings.redactionStyle = style;
      },
    });
  }

  async start(): Promise<void> {
    this.settings = await loadSettings();
    this.view.setAllowAsIs(this.settings.allowUploadAsIs);
    setTimeout(() => this.show(), SHOW_AFTER_MS);
    for (const photo of this.photos) {
      this.client.analyze(photo.file, ALL_CHECKS, {
        onOpened: (opened) => {
          photo.opened = opened;
          if (opened.error) this.show();
          this.view.update(photo);
        },
        onResult: (result) => this.onResult(photo, result),
        onPartial: (check, findings) => this.setFindings(photo, check, findings),
        onDone: () => {
          photo.done = true;
          for (const [name, state] of photo.checks) {
            if (state.status === 'pending') photo.checks.set(name, { status: 'failed', notes: [said('checkNoAnswer')] });
          }
          this.view.update(photo);
          this.checked[photo.index]?.resolve();
          this.maybeFinish();
        },
      }, this.settings.textLanguages);
    }
  }

  private onResult(photo: PhotoState, result: CheckResult): void {
    photo.checks.set(result.check, result.notes ? { status: result.status, notes: result.notes } : { status: result.status });
    if (result.status === 'failed') this.show();
    this.setFindings(photo, result.check, result.findings);
  }

  /** A check's findings so far replace what it reported before (partial, then final). */
  private setFindings(photo: PhotoState, check: CheckName, findings: Finding[]): void {
    const prefix = `${photo.index}-${check}-`;
    const before = new Map(photo.findings.filter((f) => f.uid.startsWith(prefix)).map((f) => [JSON.stringify(f.finding.box), f.hide]));
    photo.findings = photo.findings.filter((f) => !f.uid.startsWith(prefix));
    findings.forEach((finding, n) => {
      // A box the person already switched off stays off when the check refines its list.
      const hide = before.get(JSON.stringify(finding.box)) ?? finding.box !== undefined;
      photo.findings.push({ uid: `${prefix}${n}`, finding, hide });
    });
    if (findings.length > 0) this.show();
    this.view.update(photo);
  }

  private show(): void {
    if (this.shown || this.decided) return;
    this.shown = true;
    this.send({ type: 'show' });
    this.view.reveal();
  }

  private maybeFinish(): void {
    if (!this.photos.every((p) => p.done)) return;
    const clean = this.photos.every(
      // A note means part of a check could not run (e.g. damaged hidden data): show it, never pass silently.
      (p) => p.findings.length === 0 && !p.opened?.error && [...p.checks.values()].every((c) => c.status === 'done' && !c.notes),
    );
    // Once the person pressed "Upload protected copy", that is what is sent, clean or not.
    if (clean && !this.settings.alwaysReview && !this.committed) {
      this.decide('clean', this.photos.map((p) => p.file));
      return;
    }
    this.show();
  }

  /**
   * The copy of a photo as it stands once its checks have all answered: a copy made earlier
   * would leave uncovered every face or line a check had not reported yet.
   */
  private async protectedCopy(photo: PhotoState): Promise<File> {
    await this.checked[photo.index]?.promise;
    return this.copyNow(photo);
  }

  private copyNow(photo: PhotoState): Promise<File> {
    const options = protectOptionsFor(photo, this.settings.redactionStyle);
    const key = `${photo.index}:${JSON.stringify(options)}`;
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
    if (this.decided || this.committed) return;
    this.committed = true;
    this.view.setCommitted(true);
    await Promise.all(this.checked.map((c) => c.promise));
    if (this.decided) return;
    this.view.setProtecting(true);
    try {
      const plan = planDelivery(this.photos.map((p) => p.choice), this.settings.allowUploadAsIs);
      const files = await Promise.all(
        plan.map(({ from, use }) => {
          const photo = this.photos[from];
          if (!photo) throw new Error(`no photo ${from}`);
          return use === 'original' ? Promise.resolve(photo.file) : this.copyNow(photo);
        }),
      );
      this.decide(files.length > 0 ? 'protected' : 'cancel', files, plan.map((p) => p.from));
    } catch (error) {
      this.committed = false;
      this.view.setCommitted(false);
      this.view.setProtecting(false);
      this.view.showError(error instanceof SaidError ? error.said : said('protectReasonOther'));
    }
  }

  private decide(decision: Decision, files: File[], from?: number[]): void {
    if (this.decided) return;
    this.decided = true;
    this.send(from ? { type: 'decision', decision, files, from } : { type: 'decision', decision, files });
    this.reportStats(decision);
  }

  /** On-device counts for the popup ("8 photos checked here, 3 faces hidden"); nothing leaves the browser. */
  private reportStats(decision: Decision): void {
    const facesHidden =
      decision === 'protected'
        ? this.photos.reduce((n, p) => n + (p.choice === 'protected' ? p.findings.filter((f) => f.hide && f.finding.kind === 'face').length : 0), 0)
        : 0;
    const stats: StatsMessage = { type: 'stats', photos: this.photos.length, facesHidden };
    void browser.runtime.sendMessage(stats).catch(() => undefined);
  }
}
