import { u16be } from './bytes';

/** One marker segment of a JPEG, with offsets into the file. */
export interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF that starts the marker (after any fill bytes). */
  start: number;
  /** Offset of the payload (after the length field); equals `end` for markers without one. */
  dataStart: number;
  /** Offset just past the segment; for SOS it includes the entropy-coded data that follows. */
  end: number;
}

export interface JpegLayout {
  segments: JpegSegment[];
  /** Offset just past the first image's EOI; undefined when the file stops before it. */
  eoiEnd: number | undefined;
  /** Set when the walk stopped early: cut-off file or a byte that is not a marker. */
  problem: 'truncated' | 'malformed' | undefined;
}

export const SOI = 0xd8;
export const EOI = 0xd9;
export const SOS = 0xda;

/** Markers that stand alone, without a length field. */
const isStandalone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** Where the entropy-coded data after a scan header stops: at the next real marker. */
function scanDataEnd(b: Uint8Array, from: number): number | undefined {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1]!;
    // 0x00 is a stuffed data byte, RSTn markers belong to the scan, 0xFF is fill.
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return i;
  }
  return undefined;
}

/**
 * Walks the first image of a JPEG (SOI to its EOI), never reading past the end and always
 * moving forward, so a damaged file ends the walk instead of looping.
 */
export function walkJpeg(b: Uint8Array): JpegLayout {
  const segments: JpegSegment[] = [];
  if (b.length < 2 || b[0] !== 0xff || b[1] !== SOI) return { segments, eoiEnd: undefined, problem: 'malformed' };
  let pos = 2;
  for (;;) {
    if (pos >= b.length) return { segments, eoiEnd: undefined, problem: 'truncated' };
    if (b[pos] !== 0xff) return { segments, eoiEnd: undefined, problem: 'malformed' };
    while (pos < b.length && b[pos] === 0xff && b[pos + 1] === 0xff) pos++; // fill bytes
    if (pos + 1 >= b.length) return { segments, eoiEnd: undefined, problem: 'truncated' };
    const marker = b[pos + 1]!;
    const start = pos;
    if (marker === EOI) return { segments, eoiEnd: pos + 2, problem: undefined };
    if (isStandalone(marker)) {
      segments.push({ marker, start, dataStart: pos + 2, end: pos + 2 });
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) return { segments, eoiEnd: undefined, problem: 'truncated' };
    const length = u16be(b, pos + 2);
    if (length < 2) return { segments, eoiEnd: undefined, problem: 'malformed' };
    const headerEnd = pos + 2 + length;
    if (headerEnd > b.length) return { segments, eoiEnd: undefined, problem: 'truncated' };
    if (marker !== SOS) {
      segments.push({ marker, start, dataStart: pos + 4, end: headerEnd });
      pos = headerEnd;
      continue;
    }
    const dataEnd = scanDataEnd(b, headerEnd);
    if (dataEnd === undefined) {
      segments.push({ marker, start, dataStart: pos + 4, end: b.length });
      return { segments, eoiEnd: undefined, problem: 'truncated' };
    }
    segments.push({ marker, start, dataStart: pos + 4, end: dataEnd });
    pos = dataEnd;
  }
}

/** Payload of a segment (without marker and length). */
export const segmentData = (b: Uint8Array, s: JpegSegment): Uint8Array => b.subarray(s.dataStart, s.end);

/** SOF markers that carry the frame size (C4 DHT, C8 JPG and CC DAC are not frames). */
export const isStartOfFrame = (m: number): boolean =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
