/**
 * EXIF/TIFF Orientation (1-8) as a canvas transform: drawing the stored picture with
 * `ctx.setTransform(...matrix)` on a canvas of `width` × `height` shows it upright, as
 * viewers do. Browsers apply this themselves for the types they decode; pictures decoded
 * here from pixels (TIFF pages, DNG previews) need it done by hand.
 */
export interface Upright {
  width: number;
  height: number;
  /** a, b, c, d, e, f of `setTransform`: x' = a·x + c·y + e, y' = b·x + d·y + f. */
  matrix: [number, number, number, number, number, number];
}

export function uprightTransform(orientation: number, w: number, h: number): Upright {
  switch (orientation) {
    case 2: return { width: w, height: h, matrix: [-1, 0, 0, 1, w, 0] }; // mirrored
    case 3: return { width: w, height: h, matrix: [-1, 0, 0, -1, w, h] }; // turned 180°
    case 4: return { width: w, height: h, matrix: [1, 0, 0, -1, 0, h] }; // flipped
    case 5: return { width: h, height: w, matrix: [0, 1, 1, 0, 0, 0] }; // transposed
    case 6: return { width: h, height: w, matrix: [0, 1, -1, 0, h, 0] }; // turned 90° clockwise
    case 7: return { width: h, height: w, matrix: [0, -1, -1, 0, h, w] }; // transverse
    case 8: return { width: h, height: w, matrix: [0, -1, 1, 0, 0, w] }; // turned 90° anticlockwise
    default: return { width: w, height: h, matrix: [1, 0, 0, 1, 0, 0] };
  }
}
