import type { MessageKey } from '../../common/message-key';
import type { ImageType } from '../../common/image-type';
import type { Finding } from '../../common/findings';
import { ifd0Tags } from '../../imaging/tiff-ifd';
import { emptyReport, type ContainerReport } from './container-report';
import { mergeBlocks, parseWithExifr, type Blocks } from './exifr-blocks';
import { gpsLocation } from './gps-location';
import { heifStructure } from './heif-structure';
import { jpegStructure } from './jpeg-structure';
import { hiddenColourUnderAlpha, hidesPicture } from './png-hidden-colour';
import { pngStructure } from './png-structure';
import { hasExifThumbnail, tagFindings } from './tag-findings';
import { webpStructure } from './webp-structure';

export interface MetadataResult {
  findings: Finding[];
  /** Plain-language notes about what could not be read. */
  notes: MessageKey[];
  /** EXIF Orientation 1–8, when the file states one. */
  orientation?: number;
  /** Stored pixel size (before orientation is applied), when the container tells it. */
  width?: number;
  height?: number;
}

/** Notes are `_locales` message names: the dialog says them in the person's language. */
export const NOTE_DAMAGED: MessageKey = 'noteMetaDamaged';
export const NOTE_CUT_OFF: MessageKey = 'noteMetaCutOff';
export const NOTE_GPS_UNREADABLE: MessageKey = 'noteMetaGpsUnreadable';

/** exifr reads these containers itself; for WebP we hand it the payloads we found. */
const EXIFR_READS = new Set<ImageType>(['jpeg', 'tiff', 'png', 'heic', 'avif']);

async function containerReport(bytes: Uint8Array, type: ImageType): Promise<ContainerReport> {
  try {
    if (type === 'jpeg') return jpegStructure(bytes);
    if (type === 'png') return await pngStructure(bytes);
    if (type === 'webp') return webpStructure(bytes);
    if (type === 'heic' || type === 'avif') return heifStructure(bytes);
  } catch {
    // Our walkers bound every read, but a bug here must cost a note, not the whole check.
    return { ...emptyReport(), damaged: true };
  }
  return emptyReport();
}

const GPS_POINTER = 0x8825;
const declaresGps = (tiff: Uint8Array | undefined): boolean => tiff !== undefined && ifd0Tags(tiff).includes(GPS_POINTER);

function orientationOf(blocks: Blocks): number | undefined {
  const o = Number(blocks.ifd0?.Orientation);
  return Number.isInteger(o) && o >= 1 && o <= 8 ? o : undefined;
}

function tiffSize(blocks: Blocks): { width?: number; height?: number } {
  const w = Number(blocks.ifd0?.ImageWidth);
  const h = Number(blocks.ifd0?.ImageHeight ?? blocks.ifd0?.ImageLength);
  return w > 0 && h > 0 ? { width: w, height: h } : {};
}

/**
 * Everything identifying that hides in a photo's metadata, as findings for the dialog. Never
 * throws: what cannot be read becomes a plain-language note, and what could be read is kept.
 */
export async function readMetadata(bytes: Uint8Array, type: ImageType): Promise<MetadataResult> {
  const notes = new Set<MessageKey>();
  const report = await containerReport(bytes, type);
  if (report.damaged) notes.add(NOTE_CUT_OFF);

  const blocks: Blocks = {};
  const inputs = EXIFR_READS.has(type) ? [bytes, ...report.exifrInputs] : report.exifrInputs;
  for (const input of inputs) {
    const { blocks: found, damaged } = await parseWithExifr(input);
    mergeBlocks(blocks, found);
    if (damaged) notes.add(NOTE_DAMAGED);
  }

  const findings: Finding[] = [];
  const gps = gpsLocation(blocks);
  if (gps.finding) findings.push(gps.finding);
  else if (gps.unreadable || declaresGps(report.exifTiff ?? (type === 'tiff' ? bytes : undefined))) {
    // exifr drops a GPS section it cannot follow without a word; IFD0 still points at it.
    notes.add(NOTE_GPS_UNREADABLE);
  }
  findings.push(...tagFindings(blocks, report.texts));
  if (hasExifThumbnail(blocks) && !report.findings.some((f) => f.field === 'thumbnail')) {
    findings.push({ kind: 'metadata', field: 'thumbnail', text: 'EXIF thumbnail image' });
  }
  findings.push(...report.findings);
  if (type === 'png' && hidesPicture(await hiddenColourUnderAlpha(bytes))) {
    findings.push({ kind: 'metadata', field: 'hidden-pixels', text: 'colour under transparent pixels' });
  }

  const size = report.width && report.height ? { width: report.width, height: report.height } : type === 'tiff' ? tiffSize(blocks) : {};
  const orientation = orientationOf(blocks);
  return { findings, notes: [...notes], ...(orientation ? { orientation } : {}), ...size };
}
