import type { Gray } from './text-regions';

/** 1 for counts spread evenly over the bins; larger as they crowd into a few (lines and gaps). */
function peakedness(bins: Uint32Array): number {
  let sum = 0;
  let squares = 0;
  for (const n of bins) {
    sum += n;
    squares += n * n;
  }
  return sum === 0 ? 1 : (squares * bins.length) / (sum * sum);
}

/**
 * How strongly print falls into rows (`across`) and into columns (`down`). Lines of print
 * leave rows of letter edges with blank rows between: the profile along the other axis is
 * flatter. A card photographed sideways (a phone held upright over a landscape card, or a
 * file turned by its EXIF orientation) has its lines in columns. Pure, tested in Node.
 */
export function lineProfiles(img: Gray, edge = 40): { across: number; down: number; edges: number } {
  const { data, width, height } = img;
  const rows = new Uint32Array(height);
  const cols = new Uint32Array(width);
  let edges = 0;
  for (let y = 0; y + 1 < height; y++) {
    for (let x = 0; x + 1 < width; x++) {
      const i = y * width + x;
      const v = data[i] ?? 0;
      if (Math.abs(v - (data[i + 1] ?? 0)) > edge || Math.abs(v - (data[i + width] ?? 0)) > edge) {
        rows[y] = (rows[y] ?? 0) + 1;
        cols[x] = (cols[x] ?? 0) + 1;
        edges++;
      }
    }
  }
  return { across: peakedness(rows), down: peakedness(cols), edges };
}

/** Print whose lines run top to bottom: worth reading a quarter turn round. */
export function printRunsSideways(img: Gray, margin = 1.25): boolean {
  const { across, down, edges } = lineProfiles(img);
  return edges >= 200 && down > across * margin;
}
