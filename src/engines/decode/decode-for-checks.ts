import type { ImageType } from '../../common/image-type';
import { checkDecodable, claimedSize, decodeImage, type Decoded } from './decode-image';

/** The picture the checks look at, and the size of the full picture their boxes belong to. */
export interface ForChecks {
  /** Upright, at most about `maxPixels`. */
  picture: Decoded;
  /** The full upright picture's size; boxes found on `picture` are scaled to it. */
  fullWidth: number;
  fullHeight: number;
}

/**
 * Decodes the picture for the checks, never larger than `maxPixels` (faces, text and
 * barcodes need no more than ~16 MP).
 *
 * A large JPEG is decoded straight at a reduced size: WebCodecs' ImageDecoder with a
 * desired size makes Chromium's JPEG decoder scale by n/8 while it decodes (it picks the
 * largest n whose area fits, measured on this machine), so a 48 MP photo never exists in
 * memory at full size: +76 MB instead of +200 MB for the decode alone, and 210 ms instead of
 * 290 ms plus 250 ms of scaling. The frame comes out upright (EXIF orientation applied by
 * `createImageBitmap(frame)`). Everything else, and any JPEG the ImageDecoder refuses
 * (a cut-off file, a browser without it), is decoded whole and scaled down.
 */
export async function decodeForChecks(file: Blob, type: ImageType | undefined, head: Uint8Array, maxPixels: number): Promise<ForChecks> {
  // `head` is the start of the file (or all of it). The whole file is read only where the
  // head is not enough: libheif and UTIF decode from bytes (and a TIFF's page may be
  // described anywhere in the file), and a header past the head must still be read before
  // anything is decoded (the decompression-bomb guard).
  // What cannot be decoded at all is refused from the head alone.
  checkDecodable(head, type);
  let bytes = head;
  if (head.length < file.size && (type === 'heic' || type === 'tiff' || (type !== undefined && claimedSize(head, type) === undefined))) {
    bytes = new Uint8Array(await file.arrayBuffer());
    checkDecodable(bytes, type);
  }
  const stored = type === 'jpeg' ? claimedSize(bytes, type) : undefined;
  if (stored && stored.width * stored.height > maxPixels && typeof ImageDecoder !== 'undefined') {
    const reduced = await decodeJpegReduced(file, stored.width, stored.height, maxPixels).catch(() => undefined);
    if (reduced) return reduced;
  }
  const full = await decodeImage(file, type, bytes);
  if (full.width * full.height <= maxPixels) return { picture: full, fullWidth: full.width, fullHeight: full.height };
  const picture = await scaleDown(full.bitmap, maxPixels);
  full.bitmap.close();
  return { picture, fullWidth: full.width, fullHeight: full.height };
}

async function decodeJpegReduced(file: Blob, width: number, height: number, maxPixels: number): Promise<ForChecks> {
  const k = Math.sqrt(maxPixels / (width * height));
  const decoder = new ImageDecoder({
    type: 'image/jpeg',
    // Streamed from the file: the decoder's own buffer is the only copy, gone at close().
    data: file.stream(),
    desiredWidth: Math.max(1, Math.floor(width * k)),
    desiredHeight: Math.max(1, Math.floor(height * k)),
  });
  try {
    const { image } = await decoder.decode();
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(image);
    } finally {
      image.close();
    }
    // Orientation 5-8 turns the picture: its upright size is the stored one swapped.
    const turned = width !== height && bitmap.width > bitmap.height !== width > height;
    const fullWidth = turned ? height : width;
    const fullHeight = turned ? width : height;
    if (bitmap.width * bitmap.height <= maxPixels) return { picture: { bitmap, width: bitmap.width, height: bitmap.height }, fullWidth, fullHeight };
    // A decoder that ignored the desired size still gets the checks a bounded picture.
    const picture = await scaleDown(bitmap, maxPixels);
    bitmap.close();
    return { picture, fullWidth, fullHeight };
  } finally {
    decoder.close();
  }
}

async function scaleDown(bitmap: ImageBitmap, maxPixels: number): Promise<Decoded> {
  const k = Math.sqrt(maxPixels / (bitmap.width * bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * k));
  const height = Math.max(1, Math.round(bitmap.height * k));
  return { bitmap: await createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' }), width, height };
}
