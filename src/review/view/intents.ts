import type { Box } from '../../common/findings';
import type { PhotoChoice } from '../plan-delivery';
import type { Nudge, RedactionStyle } from '../review-state';

/**
 * What the person did, as the view's pieces report it. The pieces never change the review's
 * state: the session applies the matching pure update (review-state.ts, review-updates.ts)
 * and draws again. `photo` is the photo's index.
 */
export interface ReviewIntents {
  onProtected(): void;
  onAsIs(): void;
  onCancel(): void;
  /** Esc: leaves a mode, or cancels from the plain view. */
  onEscape(): void;
  onSelect(photo: number): void;
  /** A finding's box on the picture was clicked. */
  onToggleBox(photo: number, uid: string): void;
  /** A finding's "Hide in the copy" checkbox was set. */
  onHideFinding(photo: number, uid: string, hide: boolean): void;
  /** "Mark an area to hide"; from the keyboard there is no drag to follow. */
  onMark(photo: number, fromKeyboard: boolean): void;
  /** A drag across the picture in marking mode ended over `box` (pixels of the picture). */
  onDrawn(photo: number, box: Box): void;
  onNudgeMarked(photo: number, n: number, nudge: Nudge): void;
  onRemoveMarked(photo: number, n: number): void;
  /** "Crop" / "Done cropping". */
  onCropTool(photo: number): void;
  onCropReset(photo: number): void;
  /** A crop handle drag ended with the frame at `rect`. */
  onCrop(photo: number, rect: Box): void;
  onNudgeCrop(photo: number, nudge: Nudge): void;
  /** "Show protected copy" (pressed again: back to the photo). */
  onShowAfter(photo: number): void;
  onChoice(photo: number, choice: PhotoChoice): void;
  onStyle(style: RedactionStyle): void;
}
