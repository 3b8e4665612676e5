import type { Box } from '../analysis/findings';
import { boxWithinCrop } from '../imaging/rect-geometry';
import { renameForType } from '../common/file-names';
import { MIME_BY_TYPE, sniffImageType, type ImageType } from '../common/image-type';
import type { ProtectOptions } from '../common/messages';
import { decodeImage, type Decoded } from '../engines/decode/decode-image';
import { attachIccProfile, extractIccProfile } from '../imaging/icc-profile';
import { redactRegions } from '../imaging/redact/redact-regions';
import { canStripLosslessly, StripError, stripMetadata } from '../imaging/strip-metadata';

/** Types a re-encoded copy keeps; anything else becomes a JPEG (HEIC, AVIF, GIF, BMP, TIFF). */
const REENCODE_AS: Partial<Record<ImageType, ImageType>> = { jpeg: 'jpeg', png: 'png', webp: 'webp' };
const QUALITY = 0.92;


async function reencode(
  bytes: Uint8Array,
  type: ImageType | undefined,
  file: Blob,
  options: ProtectOptions,
  decoded: Decoded | undefined,
): Promise<{ bytes: Uint8Array; type: ImageType }> {
  const picture = decoded ?? (await decodeImage(file, type, bytes));
  const crop = options.crop;
  const [cx, cy, cw, ch] = crop ?? [0, 0, picture.width, picture.height];
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(cw)), Math.max(1, Math.round(ch)));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('The picture could not be edited here.');
  ctx.drawImage(picture.bitmap, -Math.round(cx), -Math.round(cy));
  if (options.boxes.length > 0) {
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    // A Box is itself an array, so filter rather than flatMap.
    const inside = crop ? options.boxes.map((b) => boxWithinCrop(b, crop)).filter((b): b is Box => b !== undefined) : options.boxes;
    redactRegions(pixels, inside, options.style);
    ctx.putImageData(pixels, 0, 0);
  }
  const outType = (type && REENCODE_AS[type]) ?? 'jpeg';
  const blob = await canvas.convertToBlob({ type: MIME_BY_TYPE[outType], quality: QUALITY });
  let out: Uint8Array = new Uint8Array(await blob.arrayBuffer());
  const icc = type ? extractIccProfile(bytes, type) : undefined;
  if (icc) out = attachIccProfile(out, outType, icc) ?? out;
  return { bytes: out, type: outType };
}

/**
 * A damaged file (cut off, broken structure) cannot be cleaned losslessly: then the copy is
 * made from the pixels the browser could decode, which by construction carry no hidden
 * data. If those cannot be decoded either, `reencode` throws and the dialog says so.
 */
function stripOrUndefined(bytes: Uint8Array, type: ImageType): Uint8Array | undefined {
  try {
    return stripMetadata(bytes, type);
  } catch (error) {
    if (error instanceof StripError && error.code !== 'unsupported-type') return undefined;
    throw error;
  }
}

/**
 * The protected copy. With no pixel edits the hidden data is removed losslessly (same
 * image bytes); with boxes or a crop the picture is re-encoded from pixels, upright, with
 * its colour profile and nothing else.
 */
export async function protectPhoto(
  file: File,
  options: ProtectOptions,
  decoded: Promise<Decoded | undefined> | undefined,
): Promise<File> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes.subarray(0, 512));
  const pixelEdit = options.boxes.length > 0 || options.crop !== undefined;
  let result: { bytes: Uint8Array; type: ImageType };
  const stripped = !pixelEdit && type && canStripLosslessly(type) ? stripOrUndefined(bytes, type) : undefined;
  if (stripped && type) {
    result = { bytes: stripped, type };
  } else {
    result = await reencode(bytes, type, file, options, await decoded);
  }
  return new File([result.bytes as Uint8Array<ArrayBuffer>], renameForType(file.name, type, result.type), {
    type: MIME_BY_TYPE[result.type],
    lastModified: file.lastModified,
  });
}
