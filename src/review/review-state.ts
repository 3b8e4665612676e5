import type { Box, CheckName, CheckStatus, Finding } from '../analysis/findings';
import type { ProtectOptions } from '../common/messages';
import type { Said } from '../common/said';
import type { Opened } from './analysis-client';
import type { PhotoChoice } from './plan-delivery';

/**
 * The review's state as plain data, shared by the session (which owns it) and the view
 * (which draws it). Kept apart from both so neither imports the other's module for types.
 */
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

export interface PhotoState {
  index: number;
  file: File;
  opened: Opened | undefined;
  checks: Map<CheckName, { status: CheckStatus; notes?: Said[] }>;
  findings: FindingState[];
  marked: MarkedArea[];
  crop: Box | undefined;
  /** Per-photo decision when several photos are reviewed together. */
  choice: PhotoChoice;
  done: boolean;
}

export type RedactionStyle = ProtectOptions['style'];

/** The options that make a photo's protected copy: every hidden box, the crop, the style. */
export function protectOptionsFor(photo: PhotoState, style: RedactionStyle): ProtectOptions {
  const boxes: Box[] = [
    ...photo.findings.flatMap((f) => (f.hide && f.finding.box ? [f.finding.box] : [])),
    ...photo.marked.map((m) => m.box),
  ];
  return photo.crop ? { boxes, style, crop: photo.crop } : { boxes, style };
}
