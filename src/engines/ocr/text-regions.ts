/**
 * A cheap "is there text, and where" pass on a small greyscale copy, so that a photo of a
 * rash or a cat never reaches the OCR engine (which costs 0.5–2 s), and OCR reads only
 * the parts that look like print. Pure: works on a plain grey buffer, tested in Node.
 *
 * Printed text is dense in sharp light/dark transitions both across and along a line;
 * skin, sky, fur and soft shadows are not. Cells rich in both are grouped into rectangles.
 */

export interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RegionOptions {
  /** Cell size in pixels of the small copy. */
  cell?: number;
  /** Grey-level step that counts as an edge. */
  edge?: number;
  /** Share of pixels in a cell with a horizontal-gradient edge. */
  minAcross?: number;
  /** Share with a vertical-gradient edge. */
  minAlong?: number;
  /** Smallest region kept, in cells. */
  minCells?: number;
}

const DEFAULTS: Required<RegionOptions> = { cell: 8, edge: 36, minAcross: 0.1, minAlong: 0.05, minCells: 3 };

/** Marks cells dense in edges both ways. */
function textCells(img: Gray, o: Required<RegionOptions>): { cols: number; rows: number; on: Uint8Array } {
  const { data, width, height } = img;
  const cols = Math.ceil(width / o.cell);
  const rows = Math.ceil(height / o.cell);
  const across = new Uint32Array(cols * rows);
  const along = new Uint32Array(cols * rows);
  for (let y = 0; y < height - 1; y += 1) {
    const row = y * width;
    const cy = Math.floor(y / o.cell) * cols;
    for (let x = 0; x < width - 1; x += 1) {
      const v = data[row + x] ?? 0;
      const c = cy + Math.floor(x / o.cell);
      if (Math.abs(v - (data[row + x + 1] ?? 0)) > o.edge) across[c] = (across[c] ?? 0) + 1;
      if (Math.abs(v - (data[row + width + x] ?? 0)) > o.edge) along[c] = (along[c] ?? 0) + 1;
    }
  }
  const area = o.cell * o.cell;
  const on = new Uint8Array(cols * rows);
  for (let i = 0; i < on.length; i += 1) {
    on[i] = (across[i] ?? 0) / area >= o.minAcross && (along[i] ?? 0) / area >= o.minAlong ? 1 : 0;
  }
  return { cols, rows, on };
}

/** Closes gaps between letters and words along a line (one cell each side). */
function dilateRow(on: Uint8Array, cols: number, rows: number): Uint8Array {
  const out = new Uint8Array(on.length);
  for (let y = 0; y < rows; y += 1) {
    for (let x = 0; x < cols; x += 1) {
      const i = y * cols + x;
      out[i] = on[i] || (x > 0 && on[i - 1]) || (x < cols - 1 && on[i + 1]) ? 1 : 0;
    }
  }
  return out;
}

/** Connected groups of marked cells (4-neighbour), as rectangles in cell units. */
function components(on: Uint8Array, cols: number, rows: number, minCells: number): Array<Rect & { cells: number }> {
  const seen = new Uint8Array(on.length);
  const found: Array<Rect & { cells: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < on.length; start += 1) {
    if (!on[start] || seen[start]) continue;
    let minX = cols, minY = rows, maxX = 0, maxY = 0, cells = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % cols;
      const y = (i - x) / cols;
      cells += 1;
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      const next = [x > 0 ? i - 1 : -1, x < cols - 1 ? i + 1 : -1, y > 0 ? i - cols : -1, y < rows - 1 ? i + cols : -1];
      for (const n of next) {
        if (n >= 0 && on[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    if (cells >= minCells && maxX - minX + 1 >= 2) {
      found.push({ x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1, cells });
    }
  }
  return found;
}

/**
 * Rectangles (in pixels of `img`) that probably hold text, padded by one cell so that
 * OCR sees whole letters. Empty when the picture has no print-like detail.
 */
export function findTextRegions(img: Gray, options: RegionOptions = {}): Rect[] {
  const o = { ...DEFAULTS, ...options };
  const { cols, rows, on } = textCells(img, o);
  const groups = components(dilateRow(on, cols, rows), cols, rows, o.minCells);
  return groups.map((g) => {
    const x = Math.max(0, (g.x - 1) * o.cell);
    const y = Math.max(0, (g.y - 1) * o.cell);
    return {
      x,
      y,
      w: Math.min(img.width, (g.x + g.w + 1) * o.cell) - x,
      h: Math.min(img.height, (g.y + g.h + 1) * o.cell) - y,
    };
  });
}

/** Merges overlapping or near rectangles until none touch, so OCR runs a few times, not dozens. */
export function mergeRects(rects: Rect[], gap: number): Rect[] {
  const out = rects.map((r) => ({ ...r }));
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i += 1) {
      for (let j = i + 1; j < out.length && !merged; j += 1) {
        const a = out[i];
        const b = out[j];
        if (!a || !b) continue;
        const near = a.x <= b.x + b.w + gap && b.x <= a.x + a.w + gap &&
          a.y <= b.y + b.h + gap && b.y <= a.y + a.h + gap;
        if (near) {
          const x = Math.min(a.x, b.x);
          const y = Math.min(a.y, b.y);
          out[i] = { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
          out.splice(j, 1);
          merged = true;
        }
      }
    }
  }
  return out;
}

export function area(r: Rect): number {
  return r.w * r.h;
}
