import type { Box } from '../common/findings';
import { boxWithinCrop } from '../imaging/rect-geometry';
import { renameForType } from '../common/file-names';
import { MIME_BY_TYPE, sniffImageType, type ImageType } from '../common/image-type';
import type { ProtectOptions } from '../common/messages';
import { decodeImage } from '../engines/decode/decode-image';
import { mayHideColourUnderAlpha } from '../imaging/alpha-channel';
import { isDng } from '../imaging/tiff-picture';
import { attachIccProfile, extractIccProfile } from '../imaging/icc-profile';
import { redactRegions } from '../imaging/redact/redact-regions';
import { canStripLosslessly, StripError, stripMetadata } from '../imaging/strip-metadata';
import { releaseCanvas } from '../engines/release-memory';
import { said, SaidError } from '../common/said';

/**
 * Types a re-encoded copy keeps; TIFF becomes PNG and anything else a JPEG (HEIC, AVIF, GIF,
 * BMP, DNG). Decision: a TIFF is most often a document scan, whose fine print a clinician
 * must still read and which PNG keeps exactly (grey and bilevel scans also compress well
 * in it); a DNG's pixels come from its JPEG preview, so JPEG loses nothing more.
 */
const REENCODE_AS: Partial<Record<ImageType, ImageType>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', tiff: 'png' };
const QUALITY = 0.92;

/**
 * The type a protected copy made from pixels has, what to call the file's type, and whether
 * every copy is made from pixels.
 */
export function copyTypeOf(bytes: Uint8Array, type: ImageType | undefined): { type: ImageType; from: string; always: boolean } {
  // A DNG is never stripped losslessly: its IFD0, the one page the strip keeps, is a thumbnail.
  if (type === 'tiff' && isDng(bytes)) return { type: 'jpeg', from: 'DNG', always: true };
  return { type: (type && REENCODE_AS[type]) ?? 'jpeg', from: (type ?? 'jpeg').toUpperCase(), always: !type || !canStripLosslessly(type) };
}


async function reencode(
  bytes: Uint8Array,
  type: ImageType | undefined,
  file: Blob,
  options: ProtectOptions,
): Promise<{ bytes: Uint8Array; type: ImageType }> {
  // Decoded again rather than kept from the checks: several photos chosen together would
  // otherwise each hold their full picture until the person decides (~90 ms for 12 MP).
  const picture = await decodeImage(file, type, bytes);
  const crop = options.crop;
  const [cx, cy, cw, ch] = crop ?? [0, 0, picture.width, picture.height];
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(cw)), Math.max(1, Math.round(ch)));
  try {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new SaidError(said('protectReasonEdit'));
    ctx.drawImage(picture.bitmap, -Math.round(cx), -Math.round(cy));
    // The picture is not needed again once drawn: on a 48 MP photo that is 192 MB given
    // back before the redaction and the encoder take theirs.
    picture.bitmap.close();
    // A Box is itself an array, so filter rather than flatMap.
    const inside = crop ? options.boxes.map((b) => boxWithinCrop(b, crop)).filter((b): b is Box => b !== undefined) : options.boxes;
    for (const box of inside) redactOnCanvas(ctx, box, options.style);
    const outType = copyTypeOf(bytes, type).type;
    const blob = await canvas.convertToBlob({ type: MIME_BY_TYPE[outType], quality: QUALITY });
    let out: Uint8Array = new Uint8Array(await blob.arrayBuffer());
    const icc = type ? extractIccProfile(bytes, type) : undefined;
    if (icc) out = attachIccProfile(out, outType, icc) ?? out;
    return { bytes: out, type: outType };
  } finally {
    releaseCanvas(canvas);
  }
}

/**
 * Redacts one box, reading back only its own pixels: the redaction looks at nothing outside
 * the box, and a copy of the whole canvas would be another 192 MB on a 48 MP photo.
 */
function redactOnCanvas(ctx: OffscreenCanvasRenderingContext2D, box: Box, style: ProtectOptions['style']): void {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(ctx.canvas.width, Math.ceil(box[0] + box[2]));
  const y1 = Math.min(ctx.canvas.height, Math.ceil(box[1] + box[3]));
  if (!(x1 > x0 && y1 > y0)) return;
  const pixels = ctx.getImageData(x0, y0, x1 - x0, y1 - y0);
  redactRegions(pixels, [[box[0] - x0, box[1] - y0, box[2], box[3]]], style);
  ctx.putImageData(pixels, x0, y0);
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
 * image bytes); with boxes, a crop or an alpha channel the picture is re-encoded from
 * pixels, upright, with its colour profile and nothing else. The canvas stores premultiplied
 * pixels, so colour under alpha 0 is gone in the re-encoded copy (checked on the bytes in
 * the e2e suite).
 */
export async function protectPhoto(file: File, options: ProtectOptions): Promise<File> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes.subarray(0, 512));
  // Colour under transparent pixels survives a lossless strip: such files are redrawn.
  const pixelEdit = options.boxes.length > 0 || options.crop !== undefined || mayHideColourUnderAlpha(bytes, type) || copyTypeOf(bytes, type).always;
  let result: { bytes: Uint8Array; type: ImageType };
  const stripped = !pixelEdit && type && canStripLosslessly(type) ? stripOrUndefined(bytes, type) : undefined;
  if (stripped && type) {
    result = { bytes: stripped, type };
  } else {
    result = await reencode(bytes, type, file, options);
  }
  return new File([result.bytes as Uint8Array<ArrayBuffer>], renameForType(file.name, type, result.type), {
    type: MIME_BY_TYPE[result.type],
    lastModified: file.lastModified,
  });
}
