import type { Box, CheckName } from '../common/findings';
import type { Decision } from '../common/messages';
import { centredBox, clampBox } from '../imaging/rect-geometry';
import {
  addMarked,
  fullBox,
  MIN_CROP,
  newPhoto,
  nudgeBox,
  photoSize,
  setCrop,
  type Nudge,
  type PhotoState,
  type RedactionStyle,
} from './review-state';

/**
 * The whole review as plain data, with pure updates: the session applies them and redraws;
 * the view never changes any of it (issue 18). A photo's own part is in review-state.ts.
 */
export type Mode = 'view' | 'mark' | 'crop';

/** How one photo's editor is showing it. */
export interface EditorState {
  readonly mode: Mode;
  /** The protected copy is shown instead of the photo ("Show protected copy"). */
  readonly showAfter: boolean;
  /** Crop being edited (applied to the photo when the person leaves crop mode with "Done"). */
  readonly draftCrop: Box | undefined;
}

export interface ReviewState {
  readonly photos: readonly PhotoState[];
  readonly editors: readonly EditorState[];
  /** The photo whose tab is selected. */
  readonly current: number;
  readonly style: RedactionStyle;
  readonly allowAsIs: boolean;
  /** "Upload protected copy" was pressed: editing is closed, the copy is made once the checks are done. */
  readonly committed: boolean;
  readonly decision: Decision | undefined;
}

const PLAIN_EDITOR: EditorState = { mode: 'view', showAfter: false, draftCrop: undefined };

export function newReview(files: readonly File[], checks: readonly CheckName[], style: RedactionStyle, allowAsIs = true): ReviewState {
  return {
    photos: files.map((file, index) => newPhoto(file, index, checks)),
    editors: files.map(() => PLAIN_EDITOR),
    current: 0,
    style,
    allowAsIs,
    committed: false,
    decision: undefined,
  };
}

/** Applies a photo update to photo `index`; the state is returned as it was when nothing changes. */
export function updatePhoto(state: ReviewState, index: number, update: (photo: PhotoState) => PhotoState): ReviewState {
  const photo = state.photos[index];
  if (!photo) return state;
  const next = update(photo);
  return next === photo ? state : { ...state, photos: state.photos.map((p, i) => (i === index ? next : p)) };
}

function updateEditor(state: ReviewState, index: number, change: Partial<EditorState>): ReviewState {
  if (!state.editors[index]) return state;
  return { ...state, editors: state.editors.map((e, i) => (i === index ? { ...e, ...change } : e)) };
}

export function editorOf(state: ReviewState, index: number): EditorState {
  return state.editors[index] ?? PLAIN_EDITOR;
}

export function select(state: ReviewState, index: number): ReviewState {
  return index >= 0 && index < state.photos.length ? { ...state, current: index } : state;
}

/**
 * "Mark an area to hide": switches marking mode on or off. From the keyboard there is no
 * drag, so it puts an area in the middle of the picture (to move and size) and stays in the
 * plain view; `uid` names that area.
 */
export function pressMark(state: ReviewState, index: number, fromKeyboard: boolean, uid: string): ReviewState {
  const entering = editorOf(state, index).mode !== 'mark';
  const size = state.photos[index] && photoSize(state.photos[index]);
  if (entering && fromKeyboard && size) {
    return updateEditor(
      updatePhoto(state, index, (p) => addMarked(p, { uid, box: centredBox(size) })),
      index,
      { mode: 'view' },
    );
  }
  return updateEditor(state, index, { mode: entering ? 'mark' : 'view' });
}

/**
 * "Crop" / "Done cropping": entering starts the draft from the photo's crop (or the whole
 * picture); leaving applies the draft (a draft of the whole picture is no crop).
 */
export function pressCrop(state: ReviewState, index: number): ReviewState {
  const photo = state.photos[index];
  const size = photo && photoSize(photo);
  if (!photo || !size) return state;
  const editor = editorOf(state, index);
  if (editor.mode === 'crop') return updateEditor(updatePhoto(state, index, (p) => setCrop(p, editor.draftCrop)), index, { mode: 'view' });
  return updateEditor(state, index, { mode: 'crop', draftCrop: photo.crop ?? fullBox(size) });
}

/** The crop frame was dragged to `rect`: kept inside the picture and at least MIN_CROP on a side. */
export function dragCrop(state: ReviewState, index: number, rect: Box): ReviewState {
  const photo = state.photos[index];
  const size = photo && photoSize(photo);
  if (!size || editorOf(state, index).mode !== 'crop') return state;
  return updateEditor(state, index, { draftCrop: clampBox(rect, size, MIN_CROP) });
}

/** Arrow keys on the crop frame: move it, or (with Shift) size it from its right and bottom edges. */
export function nudgeCrop(state: ReviewState, index: number, nudge: Nudge): ReviewState {
  const photo = state.photos[index];
  const size = photo && photoSize(photo);
  const draft = editorOf(state, index).draftCrop;
  if (!size || !draft || editorOf(state, index).mode !== 'crop') return state;
  return updateEditor(state, index, { draftCrop: nudgeBox(draft, nudge, size, MIN_CROP) });
}

export function resetCrop(state: ReviewState, index: number): ReviewState {
  return updatePhoto(state, index, (p) => setCrop(p, undefined));
}

/** Esc first leaves a mode (a crop draft is dropped); from the plain view it cancels the upload. */
export function escape(state: ReviewState): { state: ReviewState; cancel: boolean } {
  if (editorOf(state, state.current).mode === 'view') return { state, cancel: true };
  return { state: updateEditor(state, state.current, { mode: 'view', draftCrop: undefined }), cancel: false };
}

/** "Show protected copy" is being made: edits modes close (the copy shows the plain view's edits). */
export function startAfter(state: ReviewState, index: number): ReviewState {
  return updateEditor(state, index, { mode: 'view' });
}

export function setShowAfter(state: ReviewState, index: number, showAfter: boolean): ReviewState {
  return updateEditor(state, index, { showAfter });
}

/** Another look for hidden areas: a shown "after" view no longer matches, so each goes back to "before". */
export function setStyle(state: ReviewState, style: RedactionStyle): ReviewState {
  return { ...state, style, editors: state.editors.map((e) => (e.showAfter ? { ...e, showAfter: false } : e)) };
}

export function setAllowAsIs(state: ReviewState, allowAsIs: boolean): ReviewState {
  return { ...state, allowAsIs };
}

/** "Upload protected copy" pressed: counts once, and not after a decision. */
export function commit(state: ReviewState): ReviewState {
  return state.committed || state.decision ? state : { ...state, committed: true };
}

/** Making the copy failed: editing opens again and the person can choose again. */
export function uncommit(state: ReviewState): ReviewState {
  return state.committed ? { ...state, committed: false } : state;
}

/** The first decision is the one: a later one (a late "clean", a second press) changes nothing. */
export function decide(state: ReviewState, decision: Decision): ReviewState {
  return state.decision ? state : { ...state, decision };
}

/**
 * Everything the person can change about a photo's copy, as one comparable string: a copy
 * asked for under one key is out of date under another.
 */
export function editKey(state: ReviewState, index: number): string {
  const photo = state.photos[index];
  return JSON.stringify([editorOf(state, index).mode, photo?.marked, photo?.crop, photo?.findings.map((f) => f.hide), photo?.choice]);
}
