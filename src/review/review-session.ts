import browser from 'webextension-polyfill';
import type { Box, CheckName, CheckResult, CheckStatus, Finding } from '../analysis/findings';
import type { Decision, FrameToContent, ProtectOptions, StatsMessage } from '../common/messages';
import { applyPolicy, normalizeSettings, type ManagedPolicy, type Settings } from '../common/settings';
import { ALL_CHECKS, AnalysisClient, type Opened } from './analysis-client';
import { DialogView } from './dialog-view';
import { t } from './i18n';

/** Show the dialog once a check finds something, or after this long so a slow check is not a frozen page. */
const SHOW_AFTER_MS = 600;

export interface FindingState {
  uid: string;
  finding: Finding;
  /** For findings with a box: whether the protected copy covers it. */
  hide: boolean;
}

/** An area the person marked themselves (a tattoo, a name tag the checks missed). */
export interface MarkedArea {
  uid: string;
  box: Box;
}

export type PhotoChoice = 'protected' | 'as-is' | 'skip';

export interface PhotoState {
  index: number;
  id: number;
  file: File;
  opened: Opened | undefined;
  checks: Map<CheckName, { status: CheckStatus; note?: string }>;
  findings: FindingState[];
  marked: MarkedArea[];
  crop: Box | undefined;
  /** Per-photo decision when several photos are reviewed together. */
  choice: PhotoChoice;
  done: boolean;
}

export type RedactionStyle = ProtectOptions['style'];

export type EffectiveSettings = Settings & { allowUploadAsIs: boolean };

async function loadSettings(): Promise<EffectiveSettings> {
  const stored = await browser.storage.local.get().catch(() => ({}));
  const policy = (await browser.storage.managed?.get().catch(() => ({}))) as ManagedPolicy | undefined;
  return applyPolicy(normalizeSettings(stored), policy ?? {});
}

/** The options that make a photo's protected copy: every hidden box, the crop, the style. */
export function protectOptionsFor(photo: PhotoState, style: RedactionStyle): ProtectOptions {
  const boxes: Box[] = [
    ...photo.findings.flatMap((f) => (f.hide && f.finding.box ? [f.finding.box] : [])),
    ...photo.marked.map((m) => m.box),
  ];
  return photo.crop ? { boxes, style, crop: photo.crop } : { boxes, style };
}

/** One review: the photos of one selection, their checks, and the person's decision. */
export class ReviewSession {
  private readonly photos: PhotoState[];
  private readonly view: DialogView;
  private shown = false;
  private decided = false;

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
      id: 0,
      file,
      opened: undefined,
      checks: new Map(ALL_CHECKS.map((c) => [c, { status: 'pending' }])),
      findings: [],
      marked: [],
      crop: undefined,
      choice: 'protected',
      done: false,
    }));
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
      photo.id = this.client.analyze(photo.file, ALL_CHECKS, {
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
            if (state.status === 'pending') photo.checks.set(name, { status: 'failed', note: t('checkNoAnswer') });
          }
          this.view.update(photo);
          this.maybeFinish();
        },
      });
    }
  }

  private onResult(photo: PhotoState, result: CheckResult): void {
    photo.checks.set(result.check, result.note ? { status: result.status, note: result.note } : { status: result.status });
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
      (p) => p.findings.length === 0 && !p.opened?.error && [...p.checks.values()].every((c) => c.status === 'done' && !c.note),
    );
    if (clean && !this.settings.alwaysReview) {
      this.decide('clean', this.photos.map((p) => p.file));
      return;
    }
    this.show();
  }

  private protectedCopy(photo: PhotoState): Promise<File> {
    const options = protectOptionsFor(photo, this.settings.redactionStyle);
    const key = `${photo.index}:${JSON.stringify(options)}`;
    let copy = this.copies.get(key);
    if (!copy) {
      copy = this.client.protect(photo.id, photo.file, options);
      copy.catch(() => this.copies.delete(key));
      this.copies.set(key, copy);
    }
    return copy;
  }

  private async sendChosen(): Promise<void> {
    if (this.decided) return;
    this.view.setProtecting(true);
    try {
      const files = await Promise.all(
        this.photos.map(async (p): Promise<File | undefined> => {
          if (p.choice === 'skip') return undefined;
          if (p.choice === 'as-is' && this.settings.allowUploadAsIs) return p.file;
          return this.protectedCopy(p);
        }),
      );
      const from = files.flatMap((f, i) => (f ? [i] : []));
      const chosen = files.filter((f): f is File => f !== undefined);
      this.decide(chosen.length > 0 ? 'protected' : 'cancel', chosen, from);
    } catch (error) {
      this.view.setProtecting(false);
      this.view.showError(error instanceof Error ? error.message : String(error));
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
