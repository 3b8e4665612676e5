/**
 * Greyscale crops of an ImageBitmap via OffscreenCanvas (works in workers), and their
 * encoding as binary PGM: tesseract.js passes encoded bytes to Leptonica, and a PGM costs
 * nothing to write or read where a PNG of a 2000 px crop costs ~100 ms each way.
 */
import type { Gray, Rect } from './text-regions';
import { releaseBuffer, releaseCanvas } from '../release-memory';
import { levelledFrame } from './levelled-frame';

/** Draws `src` (a rectangle of the bitmap, in bitmap pixels) at `scale` and returns grey. */
export function grayCrop(bitmap: ImageBitmap, src: Rect, scale: number): Gray {
  const width = Math.max(1, Math.round(src.w * scale));
  const height = Math.max(1, Math.round(src.h * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas context');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, src.x, src.y, src.w, src.h, 0, 0, width, height);
  return { data: lumaOf(canvas, ctx), width, height };
}

/** The canvas's pixels as grey; the canvas and its RGBA copy are let go at once. */
function lumaOf(canvas: OffscreenCanvas, ctx: OffscreenCanvasRenderingContext2D): Uint8Array {
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  releaseCanvas(canvas);
  const gray = luma(rgba);
  releaseBuffer(rgba);
  return gray;
}

/** Rec. 601 luma in integer maths, one byte per pixel. */
function luma(rgba: Uint8ClampedArray): Uint8Array {
  const data = new Uint8Array(rgba.length / 4);
  for (let i = 0, p = 0; i < data.length; i += 1, p += 4) {
    data[i] = ((rgba[p] ?? 0) * 77 + (rgba[p + 1] ?? 0) * 150 + (rgba[p + 2] ?? 0) * 29) >> 8;
  }
  return data;
}

export function toPgm(img: Gray): Blob {
  const header = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  return new Blob([header, img.data as Uint8Array<ArrayBuffer>], { type: 'image/x-portable-graymap' });
}

/**
 * Like `grayCrop`, turned by `-angleDeg` about the region's centre so that lines tilted by
 * `angleDeg` come out level. `toBitmap` maps a point of the result back to bitmap pixels.
 */
export function grayCropLevelled(
  bitmap: ImageBitmap,
  src: Rect,
  scale: number,
  angleDeg: number,
): { gray: Gray; toBitmap: (x: number, y: number) => [number, number] } {
  const { width, height, toBitmap } = levelledFrame(src, scale, angleDeg);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.translate(width / 2, height / 2);
  ctx.rotate((-angleDeg * Math.PI) / 180);
  ctx.drawImage(bitmap, src.x, src.y, src.w, src.h, (-src.w * scale) / 2, (-src.h * scale) / 2, src.w * scale, src.h * scale);
  return { gray: { data: lumaOf(canvas, ctx), width, height }, toBitmap };
}
