import { ascii, startsWithAscii, u32le } from './bytes';

export interface RiffChunk {
  fourcc: string;
  start: number;
  dataStart: number;
  size: number;
  /** Offset just past the chunk, including its pad byte when the size is odd. */
  end: number;
}

export interface WebpLayout {
  chunks: RiffChunk[];
  /** Where the RIFF container says the file ends (8 + RIFF size), clamped to the input. */
  riffEnd: number;
  problem: 'truncated' | 'malformed' | undefined;
}

export function walkWebp(b: Uint8Array): WebpLayout {
  const chunks: RiffChunk[] = [];
  if (b.length < 12 || !startsWithAscii(b, 0, 'RIFF') || !startsWithAscii(b, 8, 'WEBP')) {
    return { chunks, riffEnd: 0, problem: 'malformed' };
  }
  const declaredEnd = 8 + u32le(b, 4);
  const riffEnd = Math.min(declaredEnd, b.length);
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const size = u32le(b, pos + 4);
    const dataEnd = pos + 8 + size;
    if (dataEnd > riffEnd) return { chunks, riffEnd, problem: 'truncated' };
    const end = Math.min(dataEnd + (size & 1), riffEnd);
    chunks.push({ fourcc: ascii(b, pos, 4), start: pos, dataStart: pos + 8, size, end });
    pos = end;
  }
  const problem = declaredEnd > b.length ? 'truncated' : undefined;
  return { chunks, riffEnd, problem };
}

export const riffData = (b: Uint8Array, c: RiffChunk): Uint8Array => b.subarray(c.dataStart, c.dataStart + c.size);
