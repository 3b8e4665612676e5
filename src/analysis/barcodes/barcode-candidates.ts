import type { Box } from '../../common/findings';

/**
 * Where a barcode too fine for the overview may be. The barcode reader looks at a copy of at
 * most 1600 px: on a 4000×3000 photo a product code's 2 px bars become less than a pixel and
 * vanish. Bars still leave a mark there: a patch of strong contrast that changes across the
 * bars and hardly along them. Skin, hair, cloth and most print change about as much in every
 * direction. Those patches are read again at full resolution.
 *
 * Pure: RGBA pixels of the overview in, boxes in its pixels out.
 */
export interface CandidateOptions {
  /** Cell side in pixels. */
  cell?: number;
  /** Mean absolute difference between neighbours (0-255) across the bars, at least. */
  minContrast?: number;
  /** Across the bars / along them, at least. */
  minAnisotropy?: number;
  /** Cells a candidate needs. */
  minCells?: number;
  /** Most candidates returned, largest first. */
  max?: number;
}

const DEFAULTS: Required<CandidateOptions> = { cell: 8, minContrast: 24, minAnisotropy: 3, minCells: 3, max: 6 };

/**
 * On a small picture (read again at twice its size only where this finds a patch): 12 cells
 * with strong contrast in any direction, bars, QR modules or print, not skin, sky or a few
 * edges (a QR of 21 modules at 1.5 px each covers 16). On the fixtures and the real-photo
 * corpus it kept every code the second read finds, and spared most of that read's time on
 * a clean 640×480 photo (150 → 40-70 ms).
 */
export const SMALL_PICTURE_PATCH: CandidateOptions = { minAnisotropy: 0, minCells: 12 };

/** Grey levels (Rec. 601 luma) of RGBA pixels. */
function grey(rgba: Uint8Array | Uint8ClampedArray, n: number): Uint8Array {
  const g = new Uint8Array(n);
  for (let i = 0; i < n; i++) g[i] = (rgba[i * 4]! * 77 + rgba[i * 4 + 1]! * 150 + rgba[i * 4 + 2]! * 29) >> 8;
  return g;
}

/** Cells whose contrast is strong and runs one way (horizontal, vertical or diagonal). */
function barCells(g: Uint8Array, width: number, height: number, o: Required<CandidateOptions>): { cols: number; rows: number; marked: Uint8Array } {
  const cols = Math.floor((width - 1) / o.cell);
  const rows = Math.floor((height - 1) / o.cell);
  const marked = new Uint8Array(Math.max(0, cols * rows));
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      // Mean absolute differences to the right, below, and along both diagonals.
      let dx = 0;
      let dy = 0;
      let d1 = 0;
      let d2 = 0;
      // Every other row: bars run the whole height of a cell, and the pass costs half.
      let n = 0;
      for (let y = cy * o.cell + 1; y < (cy + 1) * o.cell; y += 2) {
        const row = y * width;
        for (let x = cx * o.cell; x < (cx + 1) * o.cell; x++) {
          const v = g[row + x]!;
          dx += Math.abs(g[row + x + 1]! - v);
          dy += Math.abs(g[row + width + x]! - v);
          d1 += Math.abs(g[row + width + x + 1]! - v);
          d2 += Math.abs(g[row - width + x + 1]! - v);
        }
        n += o.cell;
      }
      const most = Math.max(dx, dy, d1, d2) / n;
      const least = Math.min(dx, dy, d1, d2) / n;
      if (most >= o.minContrast && most >= o.minAnisotropy * (least + 1)) marked[cy * cols + cx] = 1;
    }
  }
  return { cols, rows, marked };
}

/** Candidate boxes, in the overview's pixels, grown by half their size for the quiet zone. */
export function barcodeCandidates(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, options: CandidateOptions = {}): Box[] {
  const o = { ...DEFAULTS, ...options };
  if (width < o.cell * 2 || height < o.cell * 2) return [];
  const { cols, rows, marked } = barCells(grey(rgba, width * height), width, height, o);
  // Connected groups of marked cells (8-neighbours: diagonal bars mark cells corner to corner).
  const seen = new Uint8Array(marked.length);
  const groups: Array<{ cells: number; x0: number; y0: number; x1: number; y1: number }> = [];
  for (let start = 0; start < marked.length; start++) {
    if (!marked[start] || seen[start]) continue;
    const group = { cells: 0, x0: cols, y0: rows, x1: 0, y1: 0 };
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const cx = at % cols;
      const cy = (at - cx) / cols;
      group.cells += 1;
      group.x0 = Math.min(group.x0, cx);
      group.y0 = Math.min(group.y0, cy);
      group.x1 = Math.max(group.x1, cx + 1);
      group.y1 = Math.max(group.y1, cy + 1);
      for (let ny = Math.max(0, cy - 1); ny <= Math.min(rows - 1, cy + 1); ny++) {
        for (let nx = Math.max(0, cx - 1); nx <= Math.min(cols - 1, cx + 1); nx++) {
          const next = ny * cols + nx;
          if (marked[next] && !seen[next]) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    // An edge (a dark object on a light ground) marks a line of cells one cell thick, or a
    // sparse diagonal; bars fill a patch at least two cells across both ways.
    const [gw, gh] = [group.x1 - group.x0, group.y1 - group.y0];
    if (group.cells >= o.minCells && Math.min(gw, gh) >= 2 && group.cells >= 0.4 * gw * gh) groups.push(group);
  }
  groups.sort((a, b) => b.cells - a.cells);
  const boxes: Box[] = [];
  for (const gr of groups) {
    const [w, h] = [(gr.x1 - gr.x0) * o.cell, (gr.y1 - gr.y0) * o.cell];
    const grow = Math.max(w, h) / 2;
    const x = Math.max(0, gr.x0 * o.cell - grow);
    const y = Math.max(0, gr.y0 * o.cell - grow);
    const box: Box = [x, y, Math.min(width, gr.x1 * o.cell + grow) - x, Math.min(height, gr.y1 * o.cell + grow) - y];
    // A group inside a box already taken is read with it.
    if (boxes.some((b) => box[0] >= b[0] && box[1] >= b[1] && box[0] + box[2] <= b[0] + b[2] && box[1] + box[3] <= b[1] + b[3])) continue;
    boxes.push(box);
    if (boxes.length >= o.max) break;
  }
  return boxes;
}
