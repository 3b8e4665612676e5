import type { Box } from '../../analysis/findings';

/**
 * Draws one region of the photo, scaled, onto a reused OffscreenCanvas. The canvas
 * does the downscaling with smoothing, which keeps small faces recognisable; the
 * detector's own resize to its 192 px input is a plain bilinear sample that would
 * alias a 4000 px photo badly.
 */
export function createRegionDrawer(): (image: ImageBitmap, region: Box, outW: number, outH: number) => OffscreenCanvas {
  const canvas = new OffscreenCanvas(1, 1);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('OffscreenCanvas 2D context is not available');
  return (image, region, outW, outH) => {
    if (canvas.width !== outW || canvas.height !== outH) {
      canvas.width = outW;
      canvas.height = outH;
    }
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, region[0], region[1], region[2], region[3], 0, 0, outW, outH);
    return canvas;
  };
}
