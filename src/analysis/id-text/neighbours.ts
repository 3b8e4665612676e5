/**
 * Where a label's value sits when it is not on the label's own line: cards print
 * "Name" small above "JANE SAMPLE", forms print "DOB:" and leave the date to the right in
 * its own column (which OCR returns as a separate line).
 */
import type { OcrLine } from './ocr-line';

function hasBox(line: OcrLine): boolean {
  return line.box[2] > 0 && line.box[3] > 0;
}

/** Index of the line holding the value for the label line `i`, if any. */
export function pickValueLine(lines: OcrLine[], i: number): number | undefined {
  const label = lines[i];
  if (!label) return undefined;
  if (!hasBox(label)) return lines[i + 1] ? i + 1 : undefined;
  const [lx, ly, lw, lh] = label.box;
  let best: { j: number; cost: number } | undefined;
  lines.forEach((cand, j) => {
    if (j === i || !hasBox(cand) || cand.text.trim() === '') return;
    const [cx, cy, cw, ch] = cand.box;
    const labelMid = ly + lh / 2;
    const candMid = cy + ch / 2;
    // Same row, to the right, within a few label heights.
    if (Math.abs(candMid - labelMid) < lh * 0.6 && cx >= lx + lw - lh * 0.5) {
      const gap = cx - (lx + lw);
      if (gap <= lh * 8) consider(j, gap / lh);
      return;
    }
    // Below, close, and starting under the label (left-aligned or overlapping).
    const gap = cy - (ly + lh);
    const overlapX = Math.min(lx + lw, cx + cw) - Math.max(lx, cx);
    if (gap >= -lh * 0.3 && gap <= lh * 1.6 && (overlapX > 0 || Math.abs(cx - lx) < lh * 2)) {
      consider(j, 1 + Math.max(0, gap) / lh);
    }
  });
  return best?.j;

  function consider(j: number, cost: number): void {
    if (!best || cost < best.cost) best = { j, cost };
  }
}

/**
 * The line right under line `j` that continues it (an address printed over two or three
 * lines): close below, starting near the same left edge, about as tall.
 */
export function continuationLine(lines: OcrLine[], j: number): number | undefined {
  const line = lines[j];
  if (!line || !hasBox(line)) return undefined;
  const [x, y, , h] = line.box;
  let best: { k: number; gap: number } | undefined;
  lines.forEach((cand, k) => {
    if (k === j || !hasBox(cand) || cand.text.trim() === '') return;
    const [cx, cy, , ch] = cand.box;
    const gap = cy - (y + h);
    if (gap < -h * 0.3 || gap > h * 1.2 || Math.abs(cx - x) > h * 1.5 || ch > h * 1.8 || ch < h * 0.5) return;
    if (!best || gap < best.gap) best = { k, gap };
  });
  return best?.k;
}
