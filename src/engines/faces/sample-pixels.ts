import type { Box } from '../../common/findings';
import { colourfulness } from '../../analysis/faces/skin-hue';

/** Side of the small drawings the hue of a photo or a box is read from. */
const PHOTO_SIDE = 96;
const BOX_SIDE = 24;

/**
 * Small drawings of a photo, read back as RGBA for `keepsFace`: the whole photo once (is it in
 * colour?) and the middle of a face box. A few hundred pixels each: the canvas averages them.
 */
export function createPixelSampler(image: ImageBitmap): { colour(): number; pixels(box: Box): Uint8ClampedArray } {
  // Made at the first weak detection: most photos have none.
  let ctx: OffscreenCanvasRenderingContext2D | null | undefined;
  let colour: number | undefined;
  const read = (region: Box, w: number, h: number): Uint8ClampedArray => {
    ctx ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
    if (!ctx) return new Uint8ClampedArray(0);
    const canvas = ctx.canvas;
    canvas.width = Math.max(1, w);
    canvas.height = Math.max(1, h);
    ctx.drawImage(image, region[0], region[1], Math.max(1, region[2]), Math.max(1, region[3]), 0, 0, canvas.width, canvas.height);
    return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  };
  return {
    colour() {
      if (colour === undefined) {
        const s = PHOTO_SIDE / Math.max(image.width, image.height, 1);
        colour = colourfulness(read([0, 0, image.width, image.height], Math.round(image.width * s), Math.round(image.height * s)));
      }
      return colour;
    },
    pixels: (box) => read(box, BOX_SIDE, BOX_SIDE),
  };
}
