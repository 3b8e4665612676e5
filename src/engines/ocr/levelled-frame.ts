import type { Rect } from './text-regions';

/**
 * Geometry of a levelled crop: `src` (bitmap pixels) drawn at `scale` and turned by
 * `-angleDeg` about its centre, so that lines tilted by `angleDeg` come out level. Pure, so
 * the mapping back to the bitmap (where the boxes must land) is tested in Node.
 */
export interface LevelledFrame {
  width: number;
  height: number;
  /** A point of the levelled crop, in bitmap pixels. */
  toBitmap: (x: number, y: number) => [number, number];
}

export function levelledFrame(src: Rect, scale: number, angleDeg: number): LevelledFrame {
  const t = (angleDeg * Math.PI) / 180;
  const dw = src.w * scale;
  const dh = src.h * scale;
  const width = Math.max(1, Math.ceil(Math.abs(dw * Math.cos(t)) + Math.abs(dh * Math.sin(t))));
  const height = Math.max(1, Math.ceil(Math.abs(dw * Math.sin(t)) + Math.abs(dh * Math.cos(t))));
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const toBitmap = (x: number, y: number): [number, number] => {
    const rx = x - width / 2;
    const ry = y - height / 2;
    // Undo the turn (rotate by +t), then leave the scaled region's frame.
    const qx = rx * cos - ry * sin + dw / 2;
    const qy = rx * sin + ry * cos + dh / 2;
    return [src.x + qx / scale, src.y + qy / scale];
  };
  return { width, height, toBitmap };
}
