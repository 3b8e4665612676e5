import { startsWithAscii, u16le, u32le } from '../../imaging/bytes';
import { riffData, walkWebp } from '../../imaging/riff-chunks';
import { emptyReport, isPadding, sizeText, type ContainerReport } from './container-report';
import { exifPayloadAsTiff, xmpPacketAsJpeg } from './exifr-wrappers';

const u24le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);

function frameSize(fourcc: string, d: Uint8Array): { width: number; height: number } | undefined {
  if (fourcc === 'VP8X' && d.length >= 10) return { width: u24le(d, 4) + 1, height: u24le(d, 7) + 1 };
  if (fourcc === 'VP8 ' && d.length >= 10 && d[3] === 0x9d && d[4] === 0x01 && d[5] === 0x2a) {
    return { width: u16le(d, 6) & 0x3fff, height: u16le(d, 8) & 0x3fff };
  }
  if (fourcc === 'VP8L' && d.length >= 5 && d[0] === 0x2f) {
    const bits = u32le(d, 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/** WebP size, its EXIF and XMP payloads (handed to exifr), and bytes beyond the RIFF end. */
export function webpStructure(b: Uint8Array): ContainerReport {
  const report = emptyReport();
  const { chunks, problem } = walkWebp(b);
  report.damaged = problem !== undefined;
  for (const c of chunks) {
    const d = riffData(b, c);
    const size = report.width === undefined ? frameSize(c.fourcc, d) : undefined;
    if (size) Object.assign(report, size);
    if (c.fourcc === 'EXIF') {
      report.exifTiff ??= exifPayloadAsTiff(d);
      report.exifrInputs.push(report.exifTiff);
    }
    if (c.fourcc === 'XMP ') {
      const jpeg = xmpPacketAsJpeg(d);
      if (jpeg) report.exifrInputs.push(jpeg);
    }
  }
  const declaredEnd = b.length >= 8 && startsWithAscii(b, 0, 'RIFF') ? 8 + u32le(b, 4) : b.length;
  const after = b.subarray(Math.min(declaredEnd, b.length));
  if (after.length > 0 && !isPadding(after)) {
    report.findings.push({ kind: 'metadata', field: 'trailing-data', text: `${sizeText(after.length)} after the picture` });
  }
  return report;
}
