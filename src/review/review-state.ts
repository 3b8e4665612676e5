import type { Box, CheckName, CheckResult, CheckStatus, Finding } from '../common/findings';
import { describeFinding } from '../analysis/describe-finding';
import type { Decision, ProtectOptions } from '../common/messages';
import { said, type Said } from '../common/said';
import { moveBox, resizeBox, type Size } from '../imaging/rect-geometry';
import type { Opened } from '../common/analysis-client';
import type { PhotoChoice } from './plan-delivery';

/**
 * The review's state as plain data with small pure updates. The session owns it and applies
 * the updates; the view only draws it and reports what the person did (issue 18). One photo's
 * part is here; the whole review's (tabs, modes, crop drafts, style, the decision) is in
 * review-updates.ts.
 */
export interface FindingState {
  readonly uid: string;
  readonly finding: Finding;
  /** For findings with a box: whether the protected copy covers it. */
  readonly hide: boolean;
}

/** An area the person marked themselves (a tattoo, a name tag the checks missed). */
export interface MarkedArea {
  readonly uid: string;
  readonly box: Box;
}

export interface CheckState {
  readonly status: CheckStatus;
  readonly notes?: Said[];
}

export interface PhotoState {
  readonly index: number;
  readonly file: File;
  readonly opened: Opened | undefined;
  readonly checks: ReadonlyMap<CheckName, CheckState>;
  readonly findings: readonly FindingState[];
  readonly marked: readonly MarkedArea[];
  readonly crop: Box | undefined;
  /** Per-photo decision when several photos are reviewed together. */
  readonly choice: PhotoChoice;
  readonly done: boolean;
}

export type RedactionStyle = ProtectOptions['style'];

/** Drawn areas smaller than this on a side are a slip of the pointer, not an area. */
export const MIN_DRAWN = 4;
/** A crop frame is never smaller than this on a side. */
export const MIN_CROP = 16;

export function newPhoto(file: File, index: number, checks: readonly CheckName[]): PhotoState {
  return {
    index,
    file,
    opened: undefined,
    checks: new Map(checks.map((c) => [c, { status: 'pending' }])),
    findings: [],
    marked: [],
    crop: undefined,
    choice: 'protected',
    done: false,
  };
}

/** The picture's size in pixels of the upright image, once it is open. */
export function photoSize(photo: PhotoState): Size | undefined {
  return photo.opened?.preview ? { width: photo.opened.width, height: photo.opened.height } : undefined;
}

// ---- what the checks report

export function setOpened(photo: PhotoState, opened: Opened): PhotoState {
  return { ...photo, opened };
}

/** A check's findings so far replace what it reported before (partial, then final). */
export function setFindings(photo: PhotoState, check: CheckName, findings: readonly Finding[]): PhotoState {
  const prefix = `${photo.index}-${check}-`;
  const before = new Map(photo.findings.filter((f) => f.uid.startsWith(prefix)).map((f) => [JSON.stringify(f.finding.box), f.hide]));
  const kept = photo.findings.filter((f) => !f.uid.startsWith(prefix));
  const fresh = findings.map((finding, n): FindingState => ({
    uid: `${prefix}${n}`,
    finding,
    // A box the person already switched off stays off when the check refines its list.
    hide: before.get(JSON.stringify(finding.box)) ?? finding.box !== undefined,
  }));
  return { ...photo, findings: [...kept, ...fresh] };
}

export function setCheckResult(photo: PhotoState, result: CheckResult): PhotoState {
  const checks = new Map(photo.checks);
  checks.set(result.check, result.notes ? { status: result.status, notes: result.notes } : { status: result.status });
  return setFindings({ ...photo, checks }, result.check, result.findings);
}

/** Every check has answered, or never will: one still pending is shown as not run. */
export function finishChecks(photo: PhotoState): PhotoState {
  const checks = new Map(photo.checks);
  for (const [name, state] of checks) {
    if (state.status === 'pending') checks.set(name, { status: 'failed', notes: [said('checkNoAnswer')] });
  }
  return { ...photo, checks, done: true };
}

// ---- what the person changes

export function setHidden(photo: PhotoState, uid: string, hide: boolean): PhotoState {
  return { ...photo, findings: photo.findings.map((f) => (f.uid === uid ? { ...f, hide } : f)) };
}

export function toggleHidden(photo: PhotoState, uid: string): PhotoState {
  const state = photo.findings.find((f) => f.uid === uid);
  return state ? setHidden(photo, uid, !state.hide) : photo;
}

export function addMarked(photo: PhotoState, area: MarkedArea): PhotoState {
  return { ...photo, marked: [...photo.marked, area] };
}

/** A drag on the picture: kept as an area unless it is a slip (under MIN_DRAWN on a side). */
export function addDrawnArea(photo: PhotoState, area: MarkedArea): PhotoState {
  return area.box[2] >= MIN_DRAWN && area.box[3] >= MIN_DRAWN ? addMarked(photo, area) : photo;
}

export interface Nudge {
  dx: number;
  dy: number;
  /** Grow or shrink from the right and bottom edges instead of moving. */
  resize: boolean;
}

/** Moves or resizes a box by a keyboard nudge, inside the picture. */
export function nudgeBox(box: Box, nudge: Nudge, size: Size, minSide?: number): Box {
  return nudge.resize ? resizeBox(box, nudge.dx, nudge.dy, size, minSide) : moveBox(box, nudge.dx, nudge.dy, size);
}

export function nudgeMarked(photo: PhotoState, n: number, nudge: Nudge): PhotoState {
  const size = photoSize(photo);
  const area = photo.marked[n];
  if (!size || !area) return photo;
  return { ...photo, marked: photo.marked.map((m, i) => (i === n ? { ...m, box: nudgeBox(m.box, nudge, size) } : m)) };
}

export function removeMarked(photo: PhotoState, n: number): PhotoState {
  return n >= 0 && n < photo.marked.length ? { ...photo, marked: photo.marked.filter((_m, i) => i !== n) } : photo;
}

/** The whole picture as a box. */
export function fullBox(size: Size): Box {
  return [0, 0, size.width, size.height];
}

export function sameBox(a: Box, b: Box): boolean {
  return a.every((v, i) => Math.round(v) === Math.round(b[i] ?? NaN));
}

/** A crop that leaves out nothing is no crop (the copy then keeps the lossless path). */
export function setCrop(photo: PhotoState, crop: Box | undefined): PhotoState {
  const size = photoSize(photo);
  const none = crop === undefined || (size !== undefined && sameBox(crop, fullBox(size)));
  return { ...photo, crop: none ? undefined : crop };
}

export function setChoice(photo: PhotoState, choice: PhotoChoice): PhotoState {
  return { ...photo, choice };
}

// ---- what follows from the state

/** The options that make a photo's protected copy: every hidden box, the crop, the style. */
export function protectOptionsFor(photo: PhotoState, style: RedactionStyle): ProtectOptions {
  const boxes: Box[] = [
    ...photo.findings.flatMap((f) => (f.hide && f.finding.box ? [f.finding.box] : [])),
    ...photo.marked.map((m) => m.box),
  ];
  return photo.crop ? { boxes, style, crop: photo.crop } : { boxes, style };
}

/**
 * What the protected copy does about a finding: a finding with a place in the picture is
 * covered or not as the person chose; location and other metadata are always removed; the
 * rest (a hidden picture under transparency is cleared, a check's note) has nothing to choose.
 */
export function copyTreatment(finding: Finding): 'choose' | 'removed' | 'none' {
  if (finding.box) return 'choose';
  return finding.kind === 'location' || finding.kind === 'metadata' ? 'removed' : 'none';
}

/** The findings in the order they are listed: most serious first (stable for equal ranks). */
export function bySeriousness(findings: readonly FindingState[]): FindingState[] {
  return [...findings].sort((a, b) => describeFinding(a.finding).rank - describeFinding(b.finding).rank);
}

export function failedChecks(photo: PhotoState): CheckName[] {
  return [...photo.checks].flatMap(([name, state]) => (state.status === 'failed' ? [name] : []));
}

/** "Nothing found" is never said of a photo some check could not look at, or that did not open. */
export function nothingFound(photo: PhotoState): boolean {
  return photo.done && photo.findings.length === 0 && !photo.opened?.error && failedChecks(photo).length === 0;
}

/** Nothing to show the person: no finding, no error, every check done without a note. */
export function isClean(photo: PhotoState): boolean {
  // A note means part of a check could not run (e.g. damaged hidden data): show it, never pass silently.
  return photo.findings.length === 0 && !photo.opened?.error && [...photo.checks.values()].every((c) => c.status === 'done' && !c.notes);
}

export interface CheckProgress {
  busy: boolean;
  answered: number;
  total: number;
}

export function checkProgress(photos: readonly PhotoState[]): CheckProgress {
  const checks = photos.flatMap((p) => [...p.checks.values()]);
  return { busy: photos.some((p) => !p.done), answered: checks.filter((c) => c.status !== 'pending').length, total: checks.length };
}

/** Faces the protected copies hide, for the popup's on-device count. */
export function facesHidden(photos: readonly PhotoState[], decision: Decision): number {
  if (decision !== 'protected') return 0;
  return photos.reduce((n, p) => n + (p.choice === 'protected' ? p.findings.filter((f) => f.hide && f.finding.kind === 'face').length : 0), 0);
}

/** The choices a photo of several offers: "as it is" only where the person (or policy) allows it. */
export function choiceOptions(allowAsIs: boolean): PhotoChoice[] {
  return allowAsIs ? ['protected', 'as-is', 'skip'] : ['protected', 'skip'];
}
