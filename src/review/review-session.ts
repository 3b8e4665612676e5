import browser from 'webextension-polyfill';
import type { Box, CheckName, CheckResult, CheckStatus, Finding } from '../analysis/findings';
import type { Decision, FrameToContent } from '../common/messages';
import { applyPolicy, normalizeSettings, type ManagedPolicy, type Settings } from '../common/settings';
import { ALL_CHECKS, AnalysisClient, type Opened } from './analysis-client';
import { DialogView } from './dialog-view';

/** Show the dialog once a check finds something, or after this long so a slow check is not a frozen page. */
const SHOW_AFTER_MS = 600;

export interface FindingState {
  uid: string;
  finding: Finding;
  /** For findings with a box: whether the protected copy covers it. */
  hide: boolean;
}

export interface PhotoState {
  index: number;
  id: number;
  file: File;
  opened: Opened | undefined;
  checks: Map<CheckName, { status: CheckStatus; note?: string }>;
  findings: FindingState[];
  done: boolean;
}

async function loadSettings(): Promise<Settings & { allowUploadAsIs: boolean }> {
  const stored = await browser.storage.local.get().catch(() => ({}));
  const policy = (await browser.storage.managed?.get().catch(() => ({}))) as ManagedPolicy | undefined;
  return applyPolicy(normalizeSettings(stored), policy ?? {});
}

/** One review: the photos of one selection, their checks, and the person's decision. */
export class ReviewSession {
  private readonly client = new AnalysisClient();
  private readonly photos: PhotoState[];
  private readonly view: DialogView;
  private shown = false;
  private decided = false;
  private settings: Settings & { allowUploadAsIs: boolean } = applyPolicy(normalizeSettings({}), {});

  constructor(
    root: HTMLElement,
    files: File[],
    private readonly send: (message: FrameToContent) => void,
  ) {
    this.photos = files.map((file, index) => ({
      index,
      id: 0,
      file,
      opened: undefined,
      checks: new Map(ALL_CHECKS.map((c) => [c, { status: 'pending' }])),
      findings: [],
      done: false,
    }));
    this.view = new DialogView(root, this.photos, {
      onProtected: () => void this.sendProtected(),
      onAsIs: () => this.decide('as-is', this.photos.map((p) => p.file)),
      onCancel: () => this.decide('cancel', []),
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
        onDone: () => {
          photo.done = true;
          for (const [name, state] of photo.checks) {
            if (state.status === 'pending') photo.checks.set(name, { status: 'failed', note: 'no answer' });
          }
          this.view.update(photo);
          this.maybeFinish();
        },
      });
    }
  }

  private onResult(photo: PhotoState, result: CheckResult): void {
    photo.checks.set(result.check, result.note ? { status: result.status, note: result.note } : { status: result.status });
    result.findings.forEach((finding, n) => {
      photo.findings.push({ uid: `${photo.index}-${result.check}-${n}`, finding, hide: finding.box !== undefined });
    });
    if (result.findings.length > 0 || result.status === 'failed') this.show();
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
    this.view.setBusy(false);
    const clean = this.photos.every(
      (p) => p.findings.length === 0 && !p.opened?.error && [...p.checks.values()].every((c) => c.status === 'done'),
    );
    if (clean && !this.settings.alwaysReview) {
      this.decide('clean', this.photos.map((p) => p.file));
      return;
    }
    this.show();
  }

  private async sendProtected(): Promise<void> {
    if (this.decided) return;
    this.view.setProtecting(true);
    try {
      const files = await Promise.all(
        this.photos.map((p) => {
          const boxes: Box[] = p.findings.filter((f) => f.hide && f.finding.box).map((f) => f.finding.box as Box);
          return this.client.protect(p.id, p.file, { boxes, style: this.settings.redactionStyle });
        }),
      );
      this.decide('protected', files);
    } catch (error) {
      this.view.setProtecting(false);
      this.view.showError(error instanceof Error ? error.message : String(error));
    }
  }

  private decide(decision: Decision, files: File[]): void {
    if (this.decided) return;
    this.decided = true;
    this.send({ type: 'decision', decision, files });
    for (const p of this.photos) this.client.forget(p.id);
  }
}
