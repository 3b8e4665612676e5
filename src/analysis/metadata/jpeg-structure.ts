import { startsWithAscii, u16be, u32be } from '../../imaging/bytes';
import { isStartOfFrame, segmentData, walkJpeg, type JpegSegment } from '../../imaging/jpeg-segments';
import { openTiff, readIfd } from '../../imaging/tiff-ifd';
import { addText, emptyReport, isPadding, sizeText, type ContainerReport } from './container-report';

const COM = 0xfe;
const PHOTOSHOP = 'Photoshop 3.0\0';
/** Photoshop image resources that hold a JPEG thumbnail of the picture. */
const PS_THUMBNAILS = new Set([0x0409, 0x040c]);
/** Comments written by encoders, which say nothing about the person. */
const ENCODER_COMMENT = /^(CREATOR: gd-jpeg|LEAD Technologies|Intel\(R\) JPEG|Optimized by JPEGmini|File written by Adobe|AppleMark|Created with GIMP|Compressed by jpeg-recompress)/i;

function photoshopHasThumbnail(data: Uint8Array): boolean {
  let at = PHOTOSHOP.length;
  while (at + 12 <= data.length && startsWithAscii(data, at, '8BIM')) {
    const id = u16be(data, at + 4);
    const nameLen = data[at + 6]!;
    const nameEnd = at + 6 + ((nameLen + 2) & ~1); // Pascal string padded to even
    if (nameEnd + 4 > data.length) return false;
    const size = u32be(data, nameEnd);
    if (PS_THUMBNAILS.has(id) && size > 0) return true;
    at = nameEnd + 4 + size + (size & 1);
  }
  return false;
}

interface Mpf {
  extraImages: number;
  extraBytes: number;
  /** File offset just past the last image the MPF index points to. */
  coveredEnd: number;
}

/** Multi-Picture Format index: the other pictures (gain maps, depth maps, previews) after EOI. */
function readMpf(b: Uint8Array, s: JpegSegment): Mpf | undefined {
  const base = s.dataStart + 4; // MPF offsets count from the TIFF header after "MPF\0"
  const t = openTiff(b.subarray(base, s.end));
  const ifd = t && readIfd(t, t.ifd0);
  const entry = ifd?.entries.find((e) => e.tag === 0xb002);
  if (!t || !entry) return undefined;
  let extraImages = 0;
  let extraBytes = 0;
  let coveredEnd = 0;
  for (let i = 0; i < Math.floor(entry.byteLength / 16); i++) {
    const at = entry.valueAt + i * 16;
    if (at + 16 > t.b.length) break;
    const size = t.u32(at + 4);
    const offset = t.u32(at + 8);
    if (offset === 0) continue; // the primary image itself
    extraImages++;
    extraBytes += size;
    coveredEnd = Math.max(coveredEnd, base + offset + size);
  }
  return { extraImages, extraBytes, coveredEnd };
}

/** Hidden parts of a JPEG that exifr does not report: comments, previews, extra images, trailers. */
export function jpegStructure(b: Uint8Array): ContainerReport {
  const report = emptyReport();
  const { segments, eoiEnd, problem } = walkJpeg(b);
  report.damaged = problem !== undefined;
  let preview = false;
  let jfifThumbnail = false;
  let mpf: Mpf | undefined;
  for (const s of segments) {
    const data = segmentData(b, s);
    if (isStartOfFrame(s.marker) && data.length >= 5 && report.width === undefined) {
      report.height = u16be(data, 1);
      report.width = u16be(data, 3);
    } else if (s.marker === COM) {
      const text = new TextDecoder('latin1').decode(data);
      addText(report, ENCODER_COMMENT.test(text.trim()) ? 'software' : 'description', text);
    } else if (s.marker === 0xe1 && startsWithAscii(data, 0, 'Exif\0\0')) {
      report.exifTiff ??= data.subarray(6);
    } else if (s.marker === 0xed && startsWithAscii(data, 0, PHOTOSHOP)) {
      preview ||= photoshopHasThumbnail(data);
    } else if (s.marker === 0xe0 && startsWithAscii(data, 0, 'JFXX\0')) {
      jfifThumbnail = true;
    } else if (s.marker === 0xe0 && startsWithAscii(data, 0, 'JFIF\0') && data.length >= 14) {
      jfifThumbnail ||= data[12]! > 0 && data[13]! > 0;
    } else if (s.marker === 0xe2 && startsWithAscii(data, 0, 'MPF\0')) {
      mpf ??= readMpf(b, s);
    }
  }
  if (preview) report.findings.push({ kind: 'metadata', field: 'preview', text: 'Photoshop preview image' });
  if (jfifThumbnail) report.findings.push({ kind: 'metadata', field: 'thumbnail', text: 'JFIF thumbnail image' });
  if (mpf && mpf.extraImages > 0) {
    const n = mpf.extraImages;
    report.findings.push({
      kind: 'metadata',
      field: 'secondary-image',
      text: `${n} more image${n > 1 ? 's' : ''} (${sizeText(mpf.extraBytes)})`,
    });
  }
  if (eoiEnd !== undefined) {
    const after = b.subarray(Math.max(eoiEnd, mpf?.coveredEnd ?? 0));
    if (after.length > 0 && !isPadding(after)) {
      const isPicture = after[0] === 0xff && after[1] === 0xd8;
      report.findings.push({
        kind: 'metadata',
        field: 'trailing-data',
        text: `${sizeText(after.length)} after the picture${isPicture ? ' (another image)' : ''}`,
      });
    }
  }
  return report;
}
