import { startsWithAscii, u32be } from '../../imaging/bytes';
import { emptyReport, type ContainerReport } from './container-report';

/** The top-level `meta` box of a HEIF/AVIF file, where item properties and references live. */
function metaBox(b: Uint8Array): Uint8Array | undefined {
  let at = 0;
  while (at + 8 <= b.length) {
    let size = u32be(b, at);
    if (size === 1 && at + 16 <= b.length) size = u32be(b, at + 12); // 64-bit size, small file
    if (size === 0) size = b.length - at;
    if (size < 8) return undefined;
    if (startsWithAscii(b, at + 4, 'meta')) return b.subarray(at, Math.min(at + size, b.length));
    at += size;
  }
  return undefined;
}

/** Offsets of boxes named `type` inside `meta`, found by name with a plausible size before it. */
function boxesNamed(meta: Uint8Array, type: string, minSize: number): number[] {
  const found: number[] = [];
  for (let at = 4; at + 4 <= meta.length; at++) {
    if (!startsWithAscii(meta, at, type)) continue;
    const size = u32be(meta, at - 4);
    if (size >= minSize && at - 4 + size <= meta.length) found.push(at - 4);
  }
  return found;
}

/**
 * Whether the top-level boxes lead from `ftyp` to `meta` with sane sizes. exifr 7.1.3 walks
 * them with `while (kind !== 'meta') offset += length`, which never ends on a box of length 0
 * (an `await` per turn, so not even a timer can stop it: it starves the worker). Found by the
 * fuzz suite; files that fail this are not handed to exifr.
 */
export function heifBoxesReachMeta(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  let at = u32be(b, 0); // exifr starts after the ftyp box, whatever its size says
  for (let steps = 0; steps < 10_000; steps++) {
    if (at < 8 || at + 8 > b.length) return false;
    let size = u32be(b, at);
    if (size === 1) {
      if (at + 16 > b.length || u32be(b, at + 8) !== 0) return false;
      size = u32be(b, at + 12);
    }
    if (startsWithAscii(b, at + 4, 'meta')) return size >= 12;
    if (size < 8) return false;
    at += size;
  }
  return false;
}

/**
 * Pixel size and thumbnails of a HEIC/AVIF, which exifr does not report. A light scan of
 * the `meta` box rather than a full ISO-BMFF parser: the decoder (libheif) is the authority
 * on pixels, this only feeds the findings. The largest `ispe` is the primary (or its grid).
 */
export function heifStructure(b: Uint8Array): ContainerReport {
  const report = emptyReport();
  const meta = metaBox(b);
  if (!meta) return report;
  let best = 0;
  for (const at of boxesNamed(meta, 'ispe', 20)) {
    const w = u32be(meta, at + 12);
    const h = u32be(meta, at + 16);
    if (w * h > best) {
      best = w * h;
      report.width = w;
      report.height = h;
    }
  }
  // An `iref` entry of type `thmb` links a thumbnail item to the picture.
  const iref = boxesNamed(meta, 'iref', 12)[0];
  if (iref !== undefined && boxesNamed(meta.subarray(iref, iref + u32be(meta, iref)), 'thmb', 14).length > 0) {
    report.findings.push({ kind: 'metadata', field: 'thumbnail', text: 'HEIF thumbnail image' });
  }
  return report;
}
