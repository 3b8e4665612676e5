import type { Box } from '../../common/findings';

/**
 * Where to cut a picture into overlapping square tiles. A face detector shrinks its
 * whole input to a small square (192 px for the full-range model), so a face that is
 * 25 px in a 4000 px photo vanishes; cut into tiles, each tile is shrunk far less.
 */

/** Start positions along one axis so that tiles of `tile` px with at least `overlap` px overlap cover `length`. */
export function tileStarts(length: number, tile: number, overlap: number): number[] {
  if (tile >= length) return [0];
  const step = Math.max(1, tile - overlap);
  const count = Math.ceil((length - tile) / step) + 1;
  // Spread the tiles evenly instead of leaving a thin last one: every tile then has
  // at least the requested overlap and the last one ends exactly at the edge.
  const stride = (length - tile) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * stride));
}

export function planTiles(width: number, height: number, tile: number, overlapFraction: number): Box[] {
  const side = Math.max(1, Math.round(tile));
  const overlap = Math.round(side * overlapFraction);
  const tiles: Box[] = [];
  for (const y of tileStarts(height, side, overlap)) {
    for (const x of tileStarts(width, side, overlap)) {
      tiles.push([x, y, Math.min(side, width - x), Math.min(side, height - y)]);
    }
  }
  return tiles;
}

export interface SmallFacePlan {
  /** Tiles in full-picture pixels, finest level first. Empty when the overview suffices. */
  tiles: Box[];
  /** Tile side of each level, in full-picture pixels. */
  sides: number[];
}

export interface SmallFaceOptions {
  /** Smallest face (px in the full picture) the tiles must make detectable. */
  minFace: number;
  /** Smallest face size, as a share of the detector input side, found reliably. */
  minFaceShare: number;
  /** Overlap between neighbouring tiles as a share of the tile side. */
  overlap: number;
  /** Upper bound on tiles over all levels, to bound time on huge photos. */
  maxTiles: number;
}

/**
 * Share of the photo's long side above which the overview pass finds a face by itself
 * (measured: the full-range model is reliable from ~1/12 of its input).
 */
export const OVERVIEW_MIN_SHARE = 0.08;

function levelSides(longSide: number, first: number, o: SmallFaceOptions): number[] {
  const sides: number[] = [];
  // A face up to `overlap × side` lies wholly inside some tile of a level; the next
  // level must start finding faces below that size, and the last level must reach
  // the faces the overview finds. Without this chain a 200 px face in a 12 MP photo
  // would be cut by every fine tile and still too small for the overview.
  for (let side = first; side * 1.25 < longSide; side = Math.floor((side * o.overlap) / o.minFaceShare)) {
    sides.push(side);
    if (side * o.overlap >= longSide * OVERVIEW_MIN_SHARE) break;
  }
  return sides;
}

/**
 * Picks the tile levels: the finest has the largest side at which a `minFace` face
 * still fills `minFaceShare` of the tile, coarser levels bridge up to the overview.
 * When that needs more than `maxTiles` tiles the finest side grows until it fits,
 * giving up the smallest faces on very large photos rather than taking seconds.
 */
export function planSmallFaceTiles(width: number, height: number, o: SmallFaceOptions): SmallFacePlan {
  const longSide = Math.max(width, height);
  let first = Math.ceil(o.minFace / o.minFaceShare);
  for (;;) {
    const sides = levelSides(longSide, first, o);
    const tiles = sides.flatMap((side) => planTiles(width, height, side, o.overlap));
    if (tiles.length <= o.maxTiles || sides.length === 0) return { tiles, sides };
    first = Math.ceil(first * 1.1);
  }
}
