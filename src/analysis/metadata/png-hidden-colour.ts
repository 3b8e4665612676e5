import { u32be } from '../../imaging/bytes';
import { chunkData, walkPng } from '../../imaging/png-chunks';

/**
 * Colour kept under fully transparent pixels of a PNG. A viewer shows nothing there, and
 * neither do our checks (they see the picture as composited), but the file still stores
 * the colours: a face "erased" to transparency comes back with the alpha channel switched
 * off. Pure: streams the pixel data through the platform's inflate, one row at a time.
 */
export interface HiddenColour {
  /** Transparent pixels whose stored colour is not black. */
  pixels: number;
  total: number;
}

/** Below this share of the picture, stray transparent pixels with colour are anti-aliasing noise, not a picture. */
const MIN_SHARE = 0.002;
const MIN_PIXELS = 64;

export const hidesPicture = (h: HiddenColour | undefined): boolean =>
  h !== undefined && h.pixels >= MIN_PIXELS && h.pixels >= h.total * MIN_SHARE;

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes one row's filter in place (`prev` is the unfiltered row above, zeros for the first). */
export function unfilterRow(filter: number, row: Uint8Array, prev: Uint8Array, bpp: number): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= bpp ? row[i - bpp]! : 0;
    const up = prev[i]!;
    const upLeft = i >= bpp ? prev[i - bpp]! : 0;
    const x = row[i]!;
    if (filter === 1) row[i] = x + left;
    else if (filter === 2) row[i] = x + up;
    else if (filter === 3) row[i] = x + ((left + up) >> 1);
    else if (filter === 4) row[i] = x + paeth(left, up, upLeft);
  }
}

/**
 * Counts transparent pixels with colour in an 8- or 16-bit grey+alpha or RGBA PNG that is
 * not interlaced; undefined for any other PNG, or when the data cannot be read.
 */
export async function hiddenColourUnderAlpha(bytes: Uint8Array): Promise<HiddenColour | undefined> {
  const layout = walkPng(bytes);
  const ihdr = layout.chunks[0];
  if (ihdr?.type !== 'IHDR' || ihdr.length < 13 || typeof DecompressionStream === 'undefined') return undefined;
  const h = chunkData(bytes, ihdr);
  const width = u32be(h, 0);
  const height = u32be(h, 4);
  const [depth, colourType, , , interlace] = [h[8]!, h[9]!, h[10], h[11], h[12]];
  const channels = colourType === 6 ? 4 : colourType === 4 ? 2 : 0;
  if (channels === 0 || (depth !== 8 && depth !== 16) || interlace !== 0 || width === 0 || height === 0) return undefined;
  const bpp = (channels * depth) / 8;
  const stride = width * bpp;
  const idat = layout.chunks.filter((c) => c.type === 'IDAT').map((c) => chunkData(bytes, c));
  const stream = new Blob(idat as Uint8Array<ArrayBuffer>[]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  let prev = new Uint8Array(stride);
  let row = new Uint8Array(stride);
  let filled = -1; // -1: the filter byte is next
  let filter = 0;
  let rows = 0;
  let pixels = 0;
  const alphaAt = bpp - depth / 8;
  try {
    while (rows < height) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.length && rows < height; ) {
        if (filled < 0) {
          filter = value[i++]!;
          filled = 0;
          continue;
        }
        const take = Math.min(stride - filled, value.length - i);
        row.set(value.subarray(i, i + take), filled);
        filled += take;
        i += take;
        if (filled < stride) continue;
        unfilterRow(filter, row, prev, bpp);
        for (let p = 0; p < stride; p += bpp) {
          // Alpha 0 (both bytes for 16 bit), any colour byte set.
          if (row[p + alphaAt] !== 0 || (depth === 16 && row[p + alphaAt + 1] !== 0)) continue;
          for (let c = 0; c < alphaAt; c++) {
            if (row[p + c] !== 0) {
              pixels++;
              break;
            }
          }
        }
        [prev, row] = [row, prev];
        filled = -1;
        rows++;
      }
    }
  } catch {
    return undefined;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return { pixels, total: width * height };
}
