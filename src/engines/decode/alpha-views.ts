/// <reference lib="webworker" />

/** Rows read at a time when looking for transparency: bounds the copy to width × 256 × 4 bytes. */
const STRIP_ROWS = 256;

/** Whether any pixel of the picture is not fully opaque. */
export function hasTransparency(bitmap: ImageBitmap): boolean {
  const rows = Math.min(STRIP_ROWS, bitmap.height);
  const canvas = new OffscreenCanvas(bitmap.width, rows);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas in this worker.');
  for (let y = 0; y < bitmap.height; y += rows) {
    const h = Math.min(rows, bitmap.height - y);
    ctx.clearRect(0, 0, bitmap.width, rows);
    ctx.drawImage(bitmap, 0, y, bitmap.width, h, 0, 0, bitmap.width, h);
    const data = ctx.getImageData(0, 0, bitmap.width, h).data;
    for (let i = 3; i < data.length; i += 4) if (data[i]! < 255) return true;
  }
  return false;
}

function onBackground(bitmap: ImageBitmap, colour: string): ImageBitmap {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas in this worker.');
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, bitmap.width, bitmap.height);
  ctx.drawImage(bitmap, 0, 0);
  return canvas.transferToImageBitmap();
}

/**
 * A picture with transparent parts shows differently on a white page and on a dark one:
 * black text on a clear background disappears on black, white text on white. The checks look
 * at both (DESIGN promise: what a person could see is checked), so a transparent picture
 * gets two views; an opaque one (most PNG screenshots carry an alpha channel they never use)
 * gets none and is checked as it is.
 */
export function transparentViews(bitmap: ImageBitmap): [onWhite: ImageBitmap, onBlack: ImageBitmap] | undefined {
  if (!hasTransparency(bitmap)) return undefined;
  return [onBackground(bitmap, '#ffffff'), onBackground(bitmap, '#000000')];
}
