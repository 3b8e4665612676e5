import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/common/findings';
import type { Opened } from '../../../src/common/analysis-client';
import {
  addDrawnArea,
  addMarked,
  bySeriousness,
  checkProgress,
  choiceOptions,
  copyTreatment,
  facesHidden,
  failedChecks,
  finishChecks,
  isClean,
  newPhoto,
  nothingFound,
  nudgeBox,
  nudgeMarked,
  photoSize,
  protectOptionsFor,
  removeMarked,
  setCheckResult,
  setChoice,
  setCrop,
  setFindings,
  setHidden,
  setOpened,
  toggleHidden,
  type PhotoState,
} from '../../../src/review/review-state';

/** An opened 800 × 600 picture (the preview is never drawn in Node). */
const opened = (over: Partial<Opened> = {}): Opened => ({ type: 'opened', id: 1, imageType: 'jpeg', width: 800, height: 600, preview: {} as ImageBitmap, ...over });

const photo = (over: Partial<PhotoState> = {}): PhotoState => ({
  index: 0,
  file: new File([], 'a.jpg'),
  opened: opened(),
  checks: new Map(),
  findings: [
    { uid: 'f1', finding: { kind: 'face', box: [10, 10, 20, 20] }, hide: true },
    { uid: 'f2', finding: { kind: 'face', box: [50, 10, 20, 20] }, hide: false },
    { uid: 'l1', finding: { kind: 'location', lat: 1, lon: 2 }, hide: true },
  ],
  marked: [{ uid: 'm1', box: [0, 80, 30, 10] }],
  crop: undefined,
  choice: 'protected',
  done: true,
  ...over,
});

const face = (box: [number, number, number, number]): Finding => ({ kind: 'face', box });

describe('protectOptionsFor', () => {
  it('covers every hidden box and every marked area, not a box the person ticked off', () => {
    expect(protectOptionsFor(photo(), 'pixelate')).toEqual({ boxes: [[10, 10, 20, 20], [0, 80, 30, 10]], style: 'pixelate' });
  });

  it('carries the crop when there is one', () => {
    expect(protectOptionsFor(photo({ crop: [5, 5, 90, 90], marked: [] }), 'fill')).toEqual({ boxes: [[10, 10, 20, 20]], style: 'fill', crop: [5, 5, 90, 90] });
  });
});

describe('what the checks report', () => {
  it('a new photo has every check pending and nothing chosen away', () => {
    const p = newPhoto(new File([], 'b.jpg'), 2, ['metadata', 'faces']);
    expect([...p.checks]).toEqual([['metadata', { status: 'pending' }], ['faces', { status: 'pending' }]]);
    expect(p).toMatchObject({ index: 2, findings: [], marked: [], crop: undefined, choice: 'protected', done: false, opened: undefined });
    expect(photoSize(p)).toBeUndefined();
    expect(photoSize(setOpened(p, opened()))).toEqual({ width: 800, height: 600 });
  });

  it('a check\'s findings replace its earlier ones; boxed findings start hidden, and one switched off stays off', () => {
    let p = newPhoto(new File([], 'b.jpg'), 0, ['faces', 'metadata']);
    p = setFindings(p, 'metadata', [{ kind: 'location', lat: 1, lon: 2 }]);
    p = setFindings(p, 'faces', [face([1, 1, 5, 5]), face([20, 20, 5, 5])]);
    expect(p.findings.map((f) => [f.uid, f.hide])).toEqual([['0-metadata-0', false], ['0-faces-0', true], ['0-faces-1', true]]);
    p = setHidden(p, '0-faces-1', false);
    // The final result: one box as before, one new; the other check's findings are kept.
    p = setFindings(p, 'faces', [face([20, 20, 5, 5]), face([40, 40, 5, 5])]);
    expect(p.findings.map((f) => [f.uid, f.finding.box, f.hide])).toEqual([
      ['0-metadata-0', undefined, false],
      ['0-faces-0', [20, 20, 5, 5], false],
      ['0-faces-1', [40, 40, 5, 5], true],
    ]);
  });

  it('a result sets its check\'s status and notes, and its findings', () => {
    const p = setCheckResult(newPhoto(new File([], 'b.jpg'), 0, ['faces', 'text']), { check: 'faces', status: 'failed', findings: [face([1, 1, 5, 5])], notes: [{ key: 'noteCheckTimedOut' }], ms: 1 });
    expect(p.checks.get('faces')).toEqual({ status: 'failed', notes: [{ key: 'noteCheckTimedOut' }] });
    expect(p.checks.get('text')).toEqual({ status: 'pending' });
    expect(p.findings).toHaveLength(1);
    expect(failedChecks(p)).toEqual(['faces']);
  });

  it('when the checks are through, one that never answered is shown as not run', () => {
    const p = finishChecks(setCheckResult(newPhoto(new File([], 'b.jpg'), 0, ['faces', 'text']), { check: 'faces', status: 'done', findings: [], ms: 1 }));
    expect(p.done).toBe(true);
    expect([...p.checks]).toEqual([['faces', { status: 'done' }], ['text', { status: 'failed', notes: [{ key: 'checkNoAnswer' }] }]]);
  });

  it('updates leave the photo they were given as it was', () => {
    const before = photo();
    const copy = structuredClone({ findings: before.findings, marked: before.marked });
    setHidden(before, 'f1', false);
    addMarked(before, { uid: 'm2', box: [1, 1, 9, 9] });
    removeMarked(before, 0);
    nudgeMarked(before, 0, { dx: 4, dy: 0, resize: false });
    expect({ findings: before.findings, marked: before.marked }).toEqual(copy);
  });
});

describe('what the person changes', () => {
  it('hides and shows a finding, by box click (toggle) or checkbox (set)', () => {
    expect(toggleHidden(photo(), 'f1').findings.map((f) => f.hide)).toEqual([false, false, true]);
    expect(toggleHidden(photo(), 'f2').findings.map((f) => f.hide)).toEqual([true, true, true]);
    expect(setHidden(photo(), 'f1', true).findings.map((f) => f.hide)).toEqual([true, false, true]);
    const p = photo();
    expect(toggleHidden(p, 'nope')).toBe(p);
  });

  it('a drawn area is kept unless it is a slip under 4 px on a side', () => {
    const p = photo({ marked: [] });
    expect(addDrawnArea(p, { uid: 'a', box: [10, 10, 4, 4] }).marked).toEqual([{ uid: 'a', box: [10, 10, 4, 4] }]);
    expect(addDrawnArea(p, { uid: 'b', box: [10, 10, 3, 40] })).toBe(p);
    expect(addDrawnArea(p, { uid: 'c', box: [10, 10, 40, 3] })).toBe(p);
  });

  it('a marked area moves and sizes by nudges inside the picture, and is removed by its number', () => {
    const p = photo({ marked: [{ uid: 'a', box: [0, 0, 20, 20] }, { uid: 'b', box: [790, 590, 10, 10] }] });
    expect(nudgeMarked(p, 0, { dx: 4, dy: 4, resize: false }).marked[0]?.box).toEqual([4, 4, 20, 20]);
    expect(nudgeMarked(p, 0, { dx: -4, dy: 0, resize: false }).marked[0]?.box).toEqual([0, 0, 20, 20]);
    expect(nudgeMarked(p, 0, { dx: 0, dy: 4, resize: true }).marked[0]?.box).toEqual([0, 0, 20, 24]);
    // The other area is untouched, and one at the picture's edge stays inside it.
    expect(nudgeMarked(p, 0, { dx: 4, dy: 4, resize: false }).marked[1]).toBe(p.marked[1]);
    expect(nudgeMarked(p, 1, { dx: 24, dy: 24, resize: false }).marked[1]?.box).toEqual([790, 590, 10, 10]);
    expect(nudgeMarked(p, 5, { dx: 4, dy: 0, resize: false })).toBe(p);
    expect(removeMarked(p, 0).marked.map((m) => m.uid)).toEqual(['b']);
    expect(removeMarked(p, 2)).toBe(p);
  });

  it('a crop of the whole picture (to the pixel) is no crop', () => {
    expect(setCrop(photo(), [10, 20, 300, 200]).crop).toEqual([10, 20, 300, 200]);
    expect(setCrop(photo({ crop: [1, 1, 5, 5] }), [0, 0, 800, 600]).crop).toBeUndefined();
    expect(setCrop(photo(), [0.2, 0, 799.6, 600.3]).crop).toBeUndefined();
    expect(setCrop(photo({ crop: [1, 1, 5, 5] }), undefined).crop).toBeUndefined();
  });

  it('a choice per photo', () => {
    expect(setChoice(photo(), 'skip').choice).toBe('skip');
    expect(choiceOptions(true)).toEqual(['protected', 'as-is', 'skip']);
    expect(choiceOptions(false)).toEqual(['protected', 'skip']);
  });

  it('nudges resize with a floor on each side', () => {
    expect(nudgeBox([10, 10, 20, 20], { dx: -24, dy: -24, resize: true }, { width: 100, height: 100 }, 16)).toEqual([10, 10, 16, 16]);
    expect(nudgeBox([10, 10, 20, 20], { dx: -24, dy: 0, resize: true }, { width: 100, height: 100 })).toEqual([10, 10, 8, 20]);
  });
});

describe('what follows from the state', () => {
  it('boxed findings are the person\'s choice; location and metadata are always removed; the rest has nothing to choose', () => {
    expect(copyTreatment(face([1, 1, 2, 2]))).toBe('choose');
    expect(copyTreatment({ kind: 'id-text', box: [1, 1, 2, 2] })).toBe('choose');
    expect(copyTreatment({ kind: 'location', lat: 1, lon: 2 })).toBe('removed');
    expect(copyTreatment({ kind: 'metadata', field: 'device' })).toBe('removed');
    expect(copyTreatment({ kind: 'barcode' })).toBe('none');
  });

  it('lists the most serious finding first', () => {
    const p = photo({ findings: [{ uid: 'm', finding: { kind: 'metadata', field: 'device' }, hide: false }, ...photo().findings] });
    expect(bySeriousness(p.findings)[0]?.finding.kind).not.toBe('metadata');
    expect(bySeriousness(p.findings).at(-1)?.uid).toBe('m');
  });

  it('"nothing found" only for a done photo that opened, with no finding and no failed check', () => {
    const clean = photo({ findings: [], checks: new Map([['faces', { status: 'done' }]]) });
    expect(nothingFound(clean)).toBe(true);
    expect(nothingFound({ ...clean, done: false })).toBe(false);
    expect(nothingFound({ ...clean, checks: new Map([['faces', { status: 'failed' }]]) })).toBe(false);
    expect(nothingFound({ ...clean, opened: opened({ error: { key: 'decodeDamaged' } }) })).toBe(false);
    expect(nothingFound(photo())).toBe(false);
  });

  it('clean (passed without a review) only with every check done and no note', () => {
    const clean = photo({ findings: [], checks: new Map([['faces', { status: 'done' }]]) });
    expect(isClean(clean)).toBe(true);
    expect(isClean({ ...clean, checks: new Map([['faces', { status: 'done', notes: [{ key: 'noteCheckTimedOut' }] }]]) })).toBe(false);
    expect(isClean({ ...clean, checks: new Map([['faces', { status: 'pending' }]]) })).toBe(false);
    expect(isClean({ ...clean, opened: opened({ error: { key: 'decodeDamaged' } }) })).toBe(false);
    expect(isClean(photo())).toBe(false);
  });

  it('check progress over every photo', () => {
    const a = photo({ done: true, checks: new Map([['faces', { status: 'done' }], ['text', { status: 'failed' }]]) });
    const b = photo({ index: 1, done: false, checks: new Map([['faces', { status: 'pending' }], ['text', { status: 'done' }]]) });
    expect(checkProgress([a, b])).toEqual({ busy: true, answered: 3, total: 4 });
    expect(checkProgress([a])).toEqual({ busy: false, answered: 2, total: 2 });
  });

  it('faces hidden: only hidden faces, only on photos sent protected, only when the protected copy is sent', () => {
    const a = photo();
    const b = photo({ index: 1, choice: 'as-is' });
    expect(facesHidden([a, b], 'protected')).toBe(1);
    expect(facesHidden([a, { ...b, choice: 'protected' }], 'protected')).toBe(2);
    expect(facesHidden([a, b], 'as-is')).toBe(0);
    expect(facesHidden([a, b], 'cancel')).toBe(0);
  });
});
