import type { Box } from '../../../src/common/findings';
import { classifyIdText, type OcrLine } from '../../../src/analysis/id-text/classify-id-text';

/** A line at row `row` of a fake card, 24 px high. */
export function line(text: string, row = 0, x = 10, confidence = 0.9): OcrLine {
  const box: Box = [x, 10 + row * 30, Math.max(20, text.length * 12), 24];
  return { text, box, confidence };
}

/** Fields found in single lines, with a fixed year so date rules do not drift. */
export function fields(...texts: string[]): string[] {
  return classifyIdText(texts.map((t, i) => line(t, i)), { thisYear: 2025 }).map((f) => f.field ?? '');
}
