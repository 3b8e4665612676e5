import { heifStructure } from '../../analysis/metadata/heif-structure';
import { said, SaidError } from '../../common/said';
import type { ImageType } from '../../common/image-type';
import { decodeHeic } from './decode-heic';
import { decodeTiff } from './decode-tiff';
import { dngPreviewTooSmall, tiffPicture } from '../../imaging/tiff-picture';
import { readImageSize, type ImageSize } from '../../imaging/image-size';

export interface Decoded {
  bitmap: ImageBitmap;
  width: number;
  height: number;
}

/**
 * Types Chromium decodes itself; HEIC goes through libheif (WASM), TIFF and DNG through UTIF
 * or their embedded JPEG (`decode-tiff.ts`); the rest cannot be opened.
 */
const NATIVE: ReadonlySet<ImageType> = new Set(['jpeg', 'png', 'webp', 'gif', 'bmp', 'avif']);
const DECODABLE: ReadonlySet<ImageType> = new Set([...NATIVE, 'heic', 'tiff']);

/**
 * The largest picture (in pixels, as its header claims) that is decoded. 100 MP is well
 * above any phone or camera photo (a 108 MP phone sensor bins to 12 MP by default) and
 * needs 400 MB as RGBA; past it a decoder would need gigabytes. Such a header is a
 * decompression bomb or a scan we cannot check safely: it is refused before any decoder
 * runs, with a plain-language message, and the person can still upload it as is or cancel.
 *
 * The checks see large JPEGs decoded at reduced size (`decodeForChecks`), but the bound
 * stays: a protected copy needs every pixel, other formats decode whole (Chromium's
 * `createImageBitmap(blob, {resizeWidth, resizeHeight})` decodes the whole picture first
 * and scales afterwards, see docs/bad-input.md), and a progressive JPEG's decoder holds
 * coefficients for the whole picture whatever the output size.
 */
export const MAX_DECODE_PIXELS = 100_000_000;

/** Why a picture cannot be opened, as a `_locales` message (see `SaidError`). */
export class DecodeError extends SaidError {}

let heicWasmUrl: string | undefined;

/** Where libheif's WASM is (an extension URL); HEIC stays undecodable until this is set. */
export function configureHeicDecoder(wasmUrl: string): void {
  heicWasmUrl = wasmUrl;
}

const megapixels = (s: ImageSize): string => String(Math.round((s.width * s.height) / 1_000_000));

/** What the header claims, for the types a decoder here would open. */
export function claimedSize(bytes: Uint8Array, type: ImageType): ImageSize | undefined {
  if (type === 'avif' || type === 'heic') {
    const report = heifStructure(bytes);
    return report.width !== undefined && report.height !== undefined ? { width: report.width, height: report.height } : undefined;
  }
  if (type === 'tiff') {
    // The picture that is decoded: a TIFF's first full page, a DNG's preview (IFD0 may be a
    // thumbnail while a later page is huge).
    const picture = tiffPicture(bytes);
    return picture?.width !== undefined && picture.height !== undefined ? { width: picture.width, height: picture.height } : readImageSize(bytes, type);
  }
  return readImageSize(bytes, type);
}

/**
 * Refuses, in plain language, what must not be decoded: an empty file, a file that is not a
 * picture, a drawing (SVG), and a picture whose header claims more than `MAX_DECODE_PIXELS`.
 */
export function checkDecodable(bytes: Uint8Array, type: ImageType | undefined): void {
  if (bytes.length === 0) throw new DecodeError(said('decodeEmpty'));
  if (type === undefined) {
    throw new DecodeError(said('decodeNotAPicture'));
  }
  if (type === 'svg') {
    // Decision (docs/bad-input.md): an SVG is a drawing that can hold scripts and links, not
    // a photo; it is never rendered here, so it cannot be checked.
    throw new DecodeError(said('decodeSvg'));
  }
  if (!DECODABLE.has(type)) throw new DecodeError(said('decodeTypeUnsupported', type.toUpperCase()));
  const size = claimedSize(bytes, type);
  if (size && (size.width === 0 || size.height === 0)) {
    throw new DecodeError(said('decodeNoPixels'));
  }
  if (size && size.width * size.height > MAX_DECODE_PIXELS) {
    throw new DecodeError(said('decodeTooLarge', String(size.width), String(size.height), megapixels(size)));
  }
  const thumbnailOnly = type === 'tiff' ? dngPreviewTooSmall(bytes) : undefined;
  if (thumbnailOnly) {
    const [w, h] = thumbnailOnly.raw;
    throw new DecodeError(said('decodeRawThumbnailOnly', String(w), String(h)));
  }
}

/**
 * Decodes the upright picture (EXIF orientation applied, as every viewer shows it). Boxes
 * found on it are in the same pixels the dialog draws and the redaction covers. `bytes`
 * are the file's bytes when the caller has them already, or just its head holding the
 * header (not for HEIC and TIFF, which are decoded from the bytes).
 *
 * Animated pictures (GIF, APNG, animated WebP): the first frame is decoded and checked;
 * a protected copy made from pixels is a still picture of that frame (docs/bad-input.md).
 */
export async function decodeImage(file: Blob, type: ImageType | undefined, bytes?: Uint8Array): Promise<Decoded> {
  const data = bytes ?? new Uint8Array(await file.arrayBuffer());
  checkDecodable(data, type);
  try {
    const bitmap =
      type === 'heic' && heicWasmUrl
        ? await decodeHeic(data, heicWasmUrl)
        : type === 'tiff'
          ? await decodeTiff(data)
          : await createImageBitmap(file, { imageOrientation: 'from-image' });
    if (bitmap.width === 0 || bitmap.height === 0) {
      bitmap.close();
      throw new Error('empty');
    }
    return { bitmap, width: bitmap.width, height: bitmap.height };
  } catch {
    throw new DecodeError(said('decodeDamaged'));
  }
}

/** A small upright copy for the dialog's preview; it never leaves the extension. */
export async function makePreview(bitmap: ImageBitmap, longSide = 1280): Promise<ImageBitmap> {
  const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
  return createImageBitmap(bitmap, {
    resizeWidth: Math.max(1, Math.round(bitmap.width * scale)),
    resizeHeight: Math.max(1, Math.round(bitmap.height * scale)),
    resizeQuality: 'medium',
  });
}
