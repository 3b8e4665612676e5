import type * as Utif from 'utif2';
import { tiffPicture } from '../../imaging/tiff-picture';
import { uprightTransform } from '../../imaging/orientation';
import { releaseCanvas } from '../release-memory';

/**
 * TIFF and DNG decoding, because browsers cannot open either (Safari aside). A TIFF page is
 * decoded with UTIF (utif2: strips and tiles; uncompressed, LZW, Deflate, PackBits, CCITT
 * G3/G4 fax, old and new JPEG; 1-32 bits, grey, RGB, palette, CMYK); a DNG is opened through
 * its embedded JPEG preview, which Chromium decodes itself (see `tiffPicture`). The result is
 * upright: the Orientation tag of IFD0 is applied here, as viewers do.
 *
 * The caller has already bounded the page's claimed size (`checkDecodable`).
 */
export async function decodeTiff(bytes: Uint8Array): Promise<ImageBitmap> {
  const picture = tiffPicture(bytes);
  if (!picture) throw new Error('no picture in this TIFF');
  let stored: ImageBitmap;
  if (picture.kind === 'jpeg') {
    stored = await createImageBitmap(new Blob([bytes.slice(picture.start, picture.end)], { type: 'image/jpeg' }));
  } else {
    // UTIF reads from an ArrayBuffer of the whole file; a view of part of a buffer is copied.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = whole ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    // Loaded on the first TIFF page only: the worker that reads every photo's hidden data
    // never parses the decoder's 110 KB.
    const UTIF: typeof Utif = await import('utif2');
    // Maker notes are not needed for pixels (the typings omit this second argument).
    const ifds = (UTIF.decode as (b: ArrayBuffer, options: { parseMN: boolean; debug: boolean }) => Utif.IFD[])(buffer, { parseMN: false, debug: false });
    const page = ifds[picture.index];
    if (!page) throw new Error('the TIFF page could not be read');
    UTIF.decodeImage(buffer, page);
    const rgba = UTIF.toRGBA8(page);
    const { width, height } = page;
    if (!(width > 0 && height > 0) || rgba.length < width * height * 4) throw new Error('the TIFF page has no pixels');
    stored = await createImageBitmap(new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, width * height * 4), width, height));
  }
  return upright(stored, picture.orientation);
}

async function upright(stored: ImageBitmap, orientation: number): Promise<ImageBitmap> {
  if (orientation === 1) return stored;
  const turn = uprightTransform(orientation, stored.width, stored.height);
  const canvas = new OffscreenCanvas(turn.width, turn.height);
  try {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas to turn the picture upright');
    ctx.setTransform(...turn.matrix);
    ctx.drawImage(stored, 0, 0);
    stored.close();
    return await createImageBitmap(canvas);
  } finally {
    releaseCanvas(canvas);
  }
}
