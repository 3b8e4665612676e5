import type { Said } from './said';

/**
 * What a check can find in a photo. This shape is part of the automation contract
 * (DESIGN.md): `npm run scan -- --json` prints these objects and the dialog renders one
 * element with `data-finding="<kind>"` per finding.
 */
export type FindingKind = 'face' | 'location' | 'metadata' | 'id-text' | 'barcode';

/** [x, y, width, height] in pixels of the upright (EXIF-orientation-applied) image. */
export type Box = [x: number, y: number, w: number, h: number];

export interface Finding {
  kind: FindingKind;
  /** Box on the upright image, for findings that have a place in the picture. */
  box?: Box;
  /** Detector confidence 0..1 (faces, text). */
  score?: number;
  /** GPS position (location findings). */
  lat?: number;
  lon?: number;
  /** Rough accuracy of a location in metres, when it can be told. */
  accuracyM?: number;
  /**
   * What kind of hidden data or text this is, as a stable machine word the dialog maps to
   * plain language: e.g. `gps`, `place-name`, `datetime`, `device`, `serial`, `owner`,
   * `description`, `person`, `software`, `thumbnail`, `preview`, `secondary-image`,
   * `trailing-data`, `unique-id`, and for text `name`, `birth-date`, `id-number`, `mrz`,
   * `phone`, `email`, `address`, and `card` for a card found by its outline
   * whose print could not be read.
   */
  field?: string;
  /** Barcode symbology, e.g. `QRCode`, `PDF417`, `Code128`. */
  format?: string;
  /** A short snippet (never the whole recognised text or tag value). */
  text?: string;
}

/**
 * Every check the pipeline runs, in the order they start (one task apart in a worker,
 * run-checks.ts: the faces check's first look, then the text check's print finder, then
 * the barcode reads) and their results usually arrive: what the review runs, and what
 * `npm run scan --checks` takes.
 */
export const ALL_CHECKS = ['metadata', 'faces', 'text', 'barcodes'] as const;

export type CheckName = (typeof ALL_CHECKS)[number];

export type CheckStatus = 'pending' | 'done' | 'failed';

export interface CheckResult {
  check: CheckName;
  status: Exclude<CheckStatus, 'pending'>;
  findings: Finding[];
  /** Why a check failed, or what it could not read, as `_locales` messages (shown in the person's language). */
  notes?: Said[];
  /** The engine's own words when it failed (developers and `npm run scan` only; never shown in the dialog). */
  detail?: string;
  ms: number;
}

/** Keep snippets short so that a finding never carries a whole document's text. */
export const SNIPPET_MAX = 40;

export function snippet(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_MAX ? `${flat.slice(0, SNIPPET_MAX - 1)}…` : flat;
}
