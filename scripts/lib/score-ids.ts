/**
 * Scores the text and barcode checks against fixtures/labels.json for `npm run eval`:
 * how many ID-like pictures were caught, how many pictures without ID-like text were
 * flagged anyway, how many expected barcodes were read. Pure: predictions and labels in,
 * numbers out.
 */
import type { Finding } from '../../src/common/findings';

/** The parts of a labels.json entry this score reads (see fixtures/SOURCES.md). */
export interface IdLabel {
  label_file?: boolean;
  /** Legible identifying text (names, DOB, MRN, ID numbers, MRZ, phone). */
  id_text?: boolean;
  /** First symbol zxing-cpp finds, as zxing-cpp spells the format; null when none. */
  barcode?: string | null;
  /** All symbols, when there are several. */
  barcodes?: string[];
}

export interface Prediction {
  /** Key into labels.json, e.g. `ids/pe_passport-td3.jpg`. */
  file: string;
  findings: Finding[];
  /** Set when the checks could not run on this file. */
  error?: string;
}

export interface Rate {
  /** Pictures the rate is over. */
  of: number;
  /** Pictures counted (caught, or flagged). */
  count: number;
  /** count / of, 0 when `of` is 0. */
  rate: number;
  /** The misses (recall) or the false alarms, for reading the report. */
  files: string[];
}

export interface IdScores {
  idTextRecall: Rate;
  idTextFalseAlarms: Rate;
  barcodeRecall: Rate;
}

function rate(of: number, files: string[], count: number): Rate {
  return { of, count, rate: of === 0 ? 0 : count / of, files };
}

function expectedFormats(label: IdLabel): string[] {
  if (label.barcodes && label.barcodes.length > 0) return label.barcodes;
  return label.barcode ? [label.barcode] : [];
}

/** Files without an image label (label files, unknown names) are skipped. */
export function scoreIds(predictions: Prediction[], labels: Record<string, IdLabel>): IdScores {
  const positives: string[] = [];
  const missedText: string[] = [];
  const negatives: string[] = [];
  const falseAlarms: string[] = [];
  const withCodes: string[] = [];
  const missedCodes: string[] = [];
  for (const p of predictions) {
    const label = labels[p.file];
    if (!label || label.label_file || label.id_text === undefined) continue;
    const textFound = !p.error && p.findings.some((f) => f.kind === 'id-text');
    if (label.id_text) {
      positives.push(p.file);
      if (!textFound) missedText.push(p.file);
    } else {
      negatives.push(p.file);
      if (textFound) falseAlarms.push(p.file);
    }
    const formats = expectedFormats(label);
    if (formats.length > 0) {
      withCodes.push(p.file);
      const read = p.findings.some((f) => f.kind === 'barcode' && f.format !== undefined && formats.includes(f.format));
      if (p.error || !read) missedCodes.push(p.file);
    }
  }
  return {
    idTextRecall: rate(positives.length, missedText, positives.length - missedText.length),
    idTextFalseAlarms: rate(negatives.length, falseAlarms, falseAlarms.length),
    barcodeRecall: rate(withCodes.length, missedCodes, withCodes.length - missedCodes.length),
  };
}
