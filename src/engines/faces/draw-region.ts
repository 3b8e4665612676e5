import type { Box } from '../../common/findings';

/**
 * Draws one region of the photo, scaled, onto a reused OffscreenCanvas. The canvas
 * does the downscaling with smoothing, which keeps small faces recognisable; the
 * detector's own resize to its 192 px input is a plain bilinear sample that would
 * alias a 4000 px photo badly.
 */
export interface DrawOptions {
  /** Mid-grey border on each side, in drawing px (the drawing is outW + 2 padX wide). */
  padX?: number;
  padY?: number;
  /** Mirror the region left to right. */
  mirror?: boolean;
  /** Turn the region clockwise; `outW`, `outH` are then the turned drawing's size. Not with a border or mirror. */
  turn?: 90 | 180 | 270;
}

/** Canvas transforms that turn a drawing clockwise within a w × h (turned) canvas. */
function turnTransform(turn: 90 | 180 | 270, w: number, h: number): [number, number, number, number, number, number] {
  if (turn === 90) return [0, 1, -1, 0, w, 0];
  if (turn === 180) return [-1, 0, 0, -1, w, h];
  return [0, -1, 1, 0, 0, h];
}

export function createRegionDrawer(): (image: ImageBitmap | OffscreenCanvas, region: Box, outW: number, outH: number, o?: DrawOptions) => OffscreenCanvas {
  const canvas = new OffscreenCanvas(1, 1);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('OffscreenCanvas 2D context is not available');
  return (image, region, outW, outH, o = {}) => {
    const padX = o.padX ?? 0;
    const padY = o.padY ?? 0;
    const w = outW + 2 * padX;
    const h = outH + 2 * padY;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (padX > 0 || padY > 0) {
      // Mid-grey is the detector's zero after its (x - 127.5) / 127.5 normalisation.
      ctx.fillStyle = 'rgb(128, 128, 128)';
      ctx.fillRect(0, 0, w, h);
    }
    // Mirrored, the region still lands on the same pixels (the border is symmetric).
    if (o.mirror) ctx.setTransform(-1, 0, 0, 1, w, 0);
    if (o.turn) ctx.setTransform(...turnTransform(o.turn, w, h));
    const across = o.turn === 90 || o.turn === 270;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, region[0], region[1], region[2], region[3], padX, padY, across ? outH : outW, across ? outW : outH);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return canvas;
  };
}
