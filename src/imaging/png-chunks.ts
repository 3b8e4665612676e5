import { ascii, u32be } from './bytes';

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  /** Offset of the length field. */
  start: number;
  dataStart: number;
  length: number;
  /** Offset just past the CRC. */
  end: number;
}

export interface PngLayout {
  chunks: PngChunk[];
  /** Offset just past IEND's CRC; undefined when the file stops before it. */
  iendEnd: number | undefined;
  problem: 'truncated' | 'malformed' | undefined;
}

export function walkPng(b: Uint8Array): PngLayout {
  const chunks: PngChunk[] = [];
  if (b.length < 8 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return { chunks, iendEnd: undefined, problem: 'malformed' };
  let pos = 8;
  while (pos + 12 <= b.length) {
    const length = u32be(b, pos);
    const end = pos + 12 + length;
    if (end > b.length) return { chunks, iendEnd: undefined, problem: 'truncated' };
    const type = ascii(b, pos + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return { chunks, iendEnd: undefined, problem: 'malformed' };
    chunks.push({ type, start: pos, dataStart: pos + 8, length, end });
    pos = end;
    if (type === 'IEND') return { chunks, iendEnd: end, problem: undefined };
  }
  return { chunks, iendEnd: undefined, problem: 'truncated' };
}

export const chunkData = (b: Uint8Array, c: PngChunk): Uint8Array => b.subarray(c.dataStart, c.dataStart + c.length);
