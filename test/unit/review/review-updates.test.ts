import { describe, expect, it } from 'vitest';
import type { Opened } from '../../../src/common/analysis-client';
import { setOpened } from '../../../src/review/review-state';
import * as review from '../../../src/review/review-updates';

const opened: Opened = { type: 'opened', id: 1, imageType: 'jpeg', width: 800, height: 600, preview: {} as ImageBitmap };

/** A review of `n` photos, each opened at 800 × 600. */
function reviewOf(n = 1): review.ReviewState {
  let state = review.newReview(Array.from({ length: n }, (_, i) => new File([], `${i}.jpg`)), ['faces', 'metadata'], 'pixelate');
  for (let i = 0; i < n; i++) state = review.updatePhoto(state, i, (p) => setOpened(p, opened));
  return state;
}

describe('review updates', () => {
  it('a new review: every photo plain, the first selected, nothing committed or decided', () => {
    const state = review.newReview([new File([], 'a.jpg'), new File([], 'b.jpg')], ['faces'], 'fill', false);
    expect(state.photos.map((p) => p.file.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(state.editors).toEqual([
      { mode: 'view', showAfter: false, draftCrop: undefined },
      { mode: 'view', showAfter: false, draftCrop: undefined },
    ]);
    expect(state).toMatchObject({ current: 0, style: 'fill', allowAsIs: false, committed: false, decision: undefined });
  });

  it('updatePhoto changes one photo, and returns the same state when nothing changed', () => {
    const state = reviewOf(2);
    const next = review.updatePhoto(state, 1, (p) => ({ ...p, choice: 'skip' }));
    expect(next.photos.map((p) => p.choice)).toEqual(['protected', 'skip']);
    expect(next.photos[0]).toBe(state.photos[0]);
    expect(review.updatePhoto(state, 0, (p) => p)).toBe(state);
    expect(review.updatePhoto(state, 7, (p) => ({ ...p, choice: 'skip' }))).toBe(state);
  });

  it('select: a tab of the review, not one outside it', () => {
    const state = reviewOf(3);
    expect(review.select(state, 2).current).toBe(2);
    expect(review.select(state, 3)).toBe(state);
    expect(review.select(state, -1)).toBe(state);
  });

  it('"Mark an area to hide" with the mouse toggles marking mode', () => {
    const on = review.pressMark(reviewOf(), 0, false, 'm1');
    expect(on.editors[0]?.mode).toBe('mark');
    expect(on.photos[0]?.marked).toEqual([]);
    expect(review.pressMark(on, 0, false, 'm2').editors[0]?.mode).toBe('view');
  });

  it('"Mark an area to hide" from the keyboard puts an area in the middle and stays in the plain view', () => {
    const state = review.pressMark(reviewOf(), 0, true, 'm1');
    expect(state.editors[0]?.mode).toBe('view');
    expect(state.photos[0]?.marked).toEqual([{ uid: 'm1', box: [300, 225, 200, 150] }]);
    // Pressed from the keyboard while in marking mode (entered by mouse): it leaves the mode, adds nothing.
    const leaving = review.pressMark(review.pressMark(reviewOf(), 0, false, 'a'), 0, true, 'b');
    expect(leaving.editors[0]?.mode).toBe('view');
    expect(leaving.photos[0]?.marked).toEqual([]);
  });

  it('crop: starts from the whole picture, a drag is kept inside and at least 16 px, "Done" applies it', () => {
    let state = review.pressCrop(reviewOf(), 0);
    expect(state.editors[0]).toMatchObject({ mode: 'crop', draftCrop: [0, 0, 800, 600] });
    state = review.dragCrop(state, 0, [-20, 100, 900, 4]);
    expect(state.editors[0]?.draftCrop).toEqual([0, 100, 800, 16]);
    state = review.dragCrop(state, 0, [100, 100, 400.4, 300.6]);
    expect(state.editors[0]?.draftCrop).toEqual([100, 100, 400, 301]);
    expect(state.photos[0]?.crop).toBeUndefined();
    state = review.pressCrop(state, 0);
    expect(state.editors[0]?.mode).toBe('view');
    expect(state.photos[0]?.crop).toEqual([100, 100, 400, 301]);
    // Again: the draft starts from the applied crop.
    expect(review.pressCrop(state, 0).editors[0]?.draftCrop).toEqual([100, 100, 400, 301]);
    // "Undo crop".
    expect(review.resetCrop(state, 0).photos[0]?.crop).toBeUndefined();
  });

  it('crop: "Done" on the untouched whole picture is no crop; drags and nudges outside crop mode change nothing', () => {
    const state = reviewOf();
    expect(review.pressCrop(review.pressCrop(state, 0), 0).photos[0]?.crop).toBeUndefined();
    expect(review.dragCrop(state, 0, [10, 10, 100, 100])).toBe(state);
    expect(review.nudgeCrop(state, 0, { dx: 4, dy: 0, resize: false })).toBe(state);
  });

  it('crop: arrows move the frame inside the picture; Shift+arrows size it, never under 16 px', () => {
    let state = review.dragCrop(review.pressCrop(reviewOf(), 0), 0, [100, 100, 40, 40]);
    state = review.nudgeCrop(state, 0, { dx: 4, dy: -4, resize: false });
    expect(state.editors[0]?.draftCrop).toEqual([104, 96, 40, 40]);
    state = review.nudgeCrop(state, 0, { dx: -32, dy: 0, resize: true });
    expect(state.editors[0]?.draftCrop).toEqual([104, 96, 16, 40]);
    const whole = review.pressCrop(reviewOf(), 0);
    expect(review.nudgeCrop(whole, 0, { dx: 4, dy: 0, resize: false }).editors[0]?.draftCrop).toEqual([0, 0, 800, 600]);
    expect(review.nudgeCrop(whole, 0, { dx: -4, dy: 0, resize: true }).editors[0]?.draftCrop).toEqual([0, 0, 796, 600]);
  });

  it('Esc leaves a mode and drops the crop draft; from the plain view it cancels', () => {
    const cropping = review.dragCrop(review.pressCrop(reviewOf(), 0), 0, [10, 10, 100, 100]);
    const left = review.escape(cropping);
    expect(left.cancel).toBe(false);
    expect(left.state.editors[0]).toEqual({ mode: 'view', showAfter: false, draftCrop: undefined });
    expect(left.state.photos[0]?.crop).toBeUndefined();
    expect(review.escape(review.pressMark(reviewOf(), 0, false, 'm')).cancel).toBe(false);
    const plain = reviewOf();
    expect(review.escape(plain)).toEqual({ state: plain, cancel: true });
  });

  it('Esc acts on the selected photo', () => {
    const state = review.select(review.pressMark(reviewOf(2), 0, false, 'm'), 1);
    expect(review.escape(state).cancel).toBe(true);
    expect(review.escape(review.select(state, 0)).state.editors[0]?.mode).toBe('view');
  });

  it('"Show protected copy": starting leaves the mode; shown and hidden per photo', () => {
    const marking = review.pressMark(reviewOf(2), 1, false, 'm');
    expect(review.startAfter(marking, 1).editors[1]?.mode).toBe('view');
    const shown = review.setShowAfter(marking, 0, true);
    expect(shown.editors.map((e) => e.showAfter)).toEqual([true, false]);
    expect(review.setShowAfter(shown, 0, false).editors[0]?.showAfter).toBe(false);
  });

  it('another style goes back to "before" on every photo that showed its copy', () => {
    const state = review.setStyle(review.setShowAfter(reviewOf(2), 1, true), 'fill');
    expect(state.style).toBe('fill');
    expect(state.editors.map((e) => e.showAfter)).toEqual([false, false]);
  });

  it('the decision: committing counts once and not after a decision; the first decision is the one', () => {
    const state = reviewOf();
    const committed = review.commit(state);
    expect(committed.committed).toBe(true);
    expect(review.commit(committed)).toBe(committed);
    expect(review.uncommit(committed).committed).toBe(false);
    expect(review.uncommit(state)).toBe(state);
    const cancelled = review.decide(committed, 'cancel');
    expect(cancelled.decision).toBe('cancel');
    expect(review.decide(cancelled, 'protected')).toBe(cancelled);
    expect(review.commit(review.decide(state, 'as-is'))).toEqual(review.decide(state, 'as-is'));
    expect(review.setAllowAsIs(state, false).allowAsIs).toBe(false);
  });

  it('editKey changes with every edit that changes the copy, and with the mode', () => {
    const state = reviewOf();
    const key = review.editKey(state, 0);
    expect(review.editKey(review.pressMark(state, 0, true, 'm'), 0)).not.toBe(key);
    expect(review.editKey(review.pressMark(state, 0, false, 'm'), 0)).not.toBe(key);
    expect(review.editKey(review.updatePhoto(state, 0, (p) => ({ ...p, choice: 'skip' })), 0)).not.toBe(key);
    expect(review.editKey(review.updatePhoto(state, 0, (p) => ({ ...p, crop: [1, 1, 50, 50] })), 0)).not.toBe(key);
    expect(review.editKey(review.select(state, 0), 0)).toBe(key);
  });
});
