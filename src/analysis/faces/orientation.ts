import type { Box } from '../../common/findings';

/**
 * EXIF orientation 1-8 describes how stored pixels must be turned to be upright.
 * Findings are reported on the upright picture; these helpers move boxes between
 * stored and upright pixels when an engine only sees the stored ones.
 */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Orientations 5-8 swap width and height. */
export function uprightSize(o: Orientation, storedW: number, storedH: number): [number, number] {
  return o >= 5 ? [storedH, storedW] : [storedW, storedH];
}

/** Maps a point of the stored picture to the upright picture. */
function pointToUpright(o: Orientation, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 1: return [x, y];
    case 2: return [w - x, y]; // mirrored
    case 3: return [w - x, h - y]; // 180°
    case 4: return [x, h - y]; // mirrored vertically
    case 5: return [y, x]; // transposed
    case 6: return [h - y, x]; // stored turned 90° anticlockwise; display turns it clockwise
    case 7: return [h - y, w - x]; // transverse
    case 8: return [y, w - x]; // display turns 90° anticlockwise
  }
}

/** Inverse of `pointToUpright`, on the upright picture of size (uw, uh). */
function pointToStored(o: Orientation, x: number, y: number, uw: number, uh: number): [number, number] {
  switch (o) {
    case 1: return [x, y];
    case 2: return [uw - x, y];
    case 3: return [uw - x, uh - y];
    case 4: return [x, uh - y];
    case 5: return [y, x];
    case 6: return [y, uw - x];
    case 7: return [uh - y, uw - x];
    case 8: return [uh - y, x];
  }
}

function boxFromCorners(a: [number, number], b: [number, number]): Box {
  const x = Math.min(a[0], b[0]);
  const y = Math.min(a[1], b[1]);
  return [x, y, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])];
}

export function boxToUpright(b: Box, o: Orientation, storedW: number, storedH: number): Box {
  return boxFromCorners(
    pointToUpright(o, b[0], b[1], storedW, storedH),
    pointToUpright(o, b[0] + b[2], b[1] + b[3], storedW, storedH),
  );
}

export function boxToStored(b: Box, o: Orientation, storedW: number, storedH: number): Box {
  const [uw, uh] = uprightSize(o, storedW, storedH);
  return boxFromCorners(
    pointToStored(o, b[0], b[1], uw, uh),
    pointToStored(o, b[0] + b[2], b[1] + b[3], uw, uh),
  );
}
