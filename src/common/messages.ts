/**
 * The one typed message contract between contexts. Every receiver checks `type` against
 * these unions and ignores anything else (Privacy Badger's rule: unknown senders and
 * unknown types are dropped).
 */
import type { Box, CheckName, CheckResult, Finding } from './findings';
import type { ImageType } from './image-type';
import type { Said } from './said';

// ---- content script ⇄ review frame (window.postMessage once, then a private MessageChannel)

/** Sent once with `window.postMessage` and a transferred port; `nonce` is in the frame's URL hash. */
export interface ConnectMessage {
  type: 'ug:connect';
  nonce: string;
  /**
   * Mounted ahead of any photo (the person pressed on an input or dragged over the page): there
   * is a second or more before a photo comes, time to start every engine.
   */
  ahead: boolean;
}

export type HoldSource = 'input' | 'drop' | 'paste';

export type ContentToFrame = { type: 'review'; files: File[] };

export type Decision = 'protected' | 'as-is' | 'cancel' | 'clean';

export type FrameToContent =
  /** The frame took the port: it can review. Without it in time, the review cannot start here. */
  | { type: 'ready' }
  /** The dialog's buttons were covered or faded (`true`), or are seen again (`false`). */
  | { type: 'covered'; covered: boolean }
  /** Make the frame visible: there is something to show, or checks are taking a while. */
  | { type: 'show' }
  /** The person decided (or nothing was found); `files` are what the page may receive. */
  | {
      type: 'decision';
      decision: Decision;
      files: File[];
      /** For each file, the index of the held photo it replaces (a photo left out has none). */
      from?: number[];
    };

// ---- review frame ⇄ analysis worker

export interface ProtectOptions {
  /** Boxes to cover, on the upright image. */
  boxes: Box[];
  style: 'pixelate' | 'fill';
  /** Crop rectangle on the upright image, if the person cropped. */
  crop?: Box;
}

export type FrameToWorker =
  | {
      type: 'analyze';
      id: number;
      file: File;
      checks: CheckName[];
      /** Text languages the person turned on (options page), read besides English and the browser's own. */
      extraLanguages: string[];
    }
  | { type: 'protect'; id: number; file: File; options: ProtectOptions }
  | { type: 'warm'; ahead: boolean };

export type WorkerToFrame =
  | {
      type: 'opened';
      id: number;
      imageType: ImageType | undefined;
      width: number;
      height: number;
      /** Small upright preview (also for HEIC, which the page itself cannot show). */
      preview: ImageBitmap | undefined;
      /** Why the picture could not be opened, if it could not. */
      error?: Said;
      /**
       * A protected copy of another type than the file: `type` is the copy's, `from` names the
       * file's ("TIFF", "DNG", "HEIC"); `always` when even a copy with nothing covered is converted.
       */
      copyType?: { type: ImageType; from: string; always: boolean };
    }
  | { type: 'result'; id: number; result: CheckResult }
  /** Findings a check knows before it is done (they are replaced by its result). */
  | { type: 'partial'; id: number; check: CheckName; findings: Finding[] }
  | { type: 'done'; id: number; timings: Record<string, number> }
  | { type: 'protected'; id: number; file?: File; error?: Said };

export function isFrameToContent(data: unknown): data is FrameToContent {
  if (typeof data !== 'object' || data === null) return false;
  const t = (data as { type?: unknown }).type;
  if (t === 'show' || t === 'ready') return true;
  if (t === 'covered') return typeof (data as { covered?: unknown }).covered === 'boolean';
  if (t !== 'decision') return false;
  const d = data as { decision?: unknown; files?: unknown; from?: unknown };
  return (
    (d.decision === 'protected' || d.decision === 'as-is' || d.decision === 'cancel' || d.decision === 'clean') &&
    Array.isArray(d.files) &&
    d.files.every((f) => f instanceof File) &&
    (d.from === undefined || (Array.isArray(d.from) && d.from.length === d.files.length && d.from.every((i) => Number.isInteger(i))))
  );
}

export function isContentToFrame(data: unknown): data is ContentToFrame {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { type?: unknown; files?: unknown };
  return d.type === 'review' && Array.isArray(d.files) && d.files.length > 0 && d.files.every((f) => f instanceof File);
}

// ---- review frame → background (runtime messaging; counts only, never pixels or names)

/**
 * Sent once per finished review with `runtime.sendMessage`. The background takes it only
 * from the extension's own pages (not from content scripts) and files it under the site of
 * the sender's tab, so the frame never says where it is.
 */
export interface StatsMessage {
  type: 'stats';
  /** Photos checked in this review. */
  photos: number;
  /** Faces covered in the copy the person sent (0 unless they chose the protected copy). */
  facesHidden: number;
}

const smallCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1000;

export function isStatsMessage(data: unknown): data is StatsMessage {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { type?: unknown; photos?: unknown; facesHidden?: unknown };
  return d.type === 'stats' && smallCount(d.photos) && smallCount(d.facesHidden);
}

// ---- content script → background (runtime messaging; no page data at all)

/**
 * Asked once by a content script that runs in "only inside a protected page" mode (a frame
 * of an origin in `embeddedSites`). The message carries nothing: the background answers from
 * the sender the browser reports (the frame's own address, the tab's top address, whether it
 * is the top frame), so a frame cannot claim to be somewhere else.
 */
export interface FrameStatusRequest {
  type: 'frame-status';
}

export interface FrameStatusAnswer {
  protected: boolean;
}

export function isFrameStatusRequest(data: unknown): data is FrameStatusRequest {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'frame-status' && Object.keys(data).length === 1;
}

export function isFrameStatusAnswer(data: unknown): data is FrameStatusAnswer {
  return typeof data === 'object' && data !== null && typeof (data as { protected?: unknown }).protected === 'boolean';
}
