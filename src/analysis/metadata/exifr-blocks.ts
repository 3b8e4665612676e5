import exifr from 'exifr';
import { heifBoxesReachMeta } from './heif-structure';

/**
 * exifr's output with `mergeOutput: false`: one object per block (`ifd0`, `exif`, `gps`,
 * `ifd1`, `iptc`, and one per XMP namespace prefix such as `dc`, `photoshop`, `xmpMM`).
 * Note that the XMP `exif:` namespace lands in the same `exif` object as the EXIF IFD.
 */
export type Blocks = Record<string, Record<string, unknown>>;

const OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  icc: false,
  ifd1: true,
  jfif: false,
  ihdr: true,
  interop: false,
  makerNote: false,
  userComment: true,
  multiSegment: true,
  mergeOutput: false,
  // Raw values: numbers for Orientation, text dates exactly as stored (no time-zone shifts).
  translateValues: false,
  reviveValues: false,
  silentErrors: true,
};

export interface ExifrResult {
  blocks: Blocks;
  /** exifr reported (or threw) an error: some of the data was unreadable. */
  damaged: boolean;
}

/**
 * One bad IFD0 entry (a type 0, seen in a Sony DSC-HX5V file) makes exifr drop every block,
 * GPS included. Asked for IFD0's EXIF and GPS pointers alone, it skips the bad entry.
 */
const POINTERS_ONLY = { ...OPTIONS, ifd0: { pick: [0x8769, 0x8825] } };

/** Runs exifr on bytes it can read (JPEG, TIFF, PNG, HEIC, AVIF); never throws. */
export async function parseWithExifr(bytes: Uint8Array): Promise<ExifrResult> {
  const first = await parseOnce(bytes, OPTIONS);
  if (!first.damaged) return first;
  const again = await parseOnce(bytes, POINTERS_ONLY);
  return { blocks: mergeBlocks(first.blocks, again.blocks), damaged: true };
}

async function parseOnce(bytes: Uint8Array, options: typeof OPTIONS | typeof POINTERS_ONLY): Promise<ExifrResult> {
  // exifr takes anything starting with two zero bytes and a short `ftyp` for HEIF, whatever
  // else the file is, and then loops forever on a box of length 0 (heifBoxesReachMeta).
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] === 0 && !heifBoxesReachMeta(bytes)) return { blocks: {}, damaged: true };
  try {
    const out: unknown = await exifr.parse(bytes, options);
    if (!out || typeof out !== 'object') return { blocks: {}, damaged: false };
    const { errors, ...rest } = out as Record<string, unknown>;
    const blocks: Blocks = {};
    for (const [key, value] of Object.entries(rest)) {
      if (value && typeof value === 'object' && !(value instanceof Uint8Array)) blocks[key] = value as Record<string, unknown>;
      else if (value !== undefined) blocks[key] = { value }; // e.g. `userComment` comes as bare bytes
    }
    return { blocks, damaged: Array.isArray(errors) && errors.length > 0 };
  } catch (error) {
    // "Unknown file format" means nothing exifr reads is there, not that something broke.
    const unknown = error instanceof Error && /unknown file format/i.test(error.message);
    return { blocks: {}, damaged: !unknown };
  }
}

/** Later results fill in blocks and keys the earlier ones lack. */
export function mergeBlocks(into: Blocks, from: Blocks): Blocks {
  for (const [key, block] of Object.entries(from)) into[key] = { ...block, ...into[key] };
  return into;
}
