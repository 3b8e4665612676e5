import { deflateSync } from 'node:zlib';

/**
 * TIFF and DNG-like files made in code, with real pixels, for the decoder tests: strips or
 * tiles, uncompressed, Deflate or PackBits, 8 or 16 bits, grey or RGB, several pages, and
 * DNG's layout (a small RGB thumbnail in IFD0, a JPEG preview and raw sensor data in SubIFDs).
 */
export type Tag = { type: 3 | 4; values: number[] } | { type: 1 | 2 | 7; bytes: Uint8Array };

export interface TiffPage {
  width: number;
  height: number;
  /** Stored samples, row after row (8-bit: one byte each; 16-bit: two, in the file's byte order). */
  samples?: Uint8Array;
  samplesPerPixel?: 1 | 3 | 4;
  bitsPerSample?: 8 | 16;
  compression?: 1 | 8 | 32773;
  /** Square tiles of this size instead of strips. */
  tile?: number;
  rowsPerStrip?: number;
  /** A whole JPEG stream as the picture data (Compression 7), as DNG previews store it. */
  jpeg?: Uint8Array;
  tags?: Record<number, Tag>;
  subIfds?: TiffPage[];
}

/** PackBits with literal runs only: valid, if not small. */
function packBits(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 128) {
    const run = data.subarray(i, Math.min(data.length, i + 128));
    out.push(run.length - 1, ...run);
  }
  return Uint8Array.from(out);
}

function compress(data: Uint8Array, compression: number): Uint8Array {
  if (compression === 8) return new Uint8Array(deflateSync(data));
  if (compression === 32773) return packBits(data);
  return data;
}

/** The page's stored blocks (strips or tiles), each compressed. */
function blocks(page: TiffPage): Uint8Array[] {
  if (page.jpeg) return [page.jpeg];
  const spp = page.samplesPerPixel ?? 3;
  const bytesPerPixel = spp * ((page.bitsPerSample ?? 8) / 8);
  const samples = page.samples ?? new Uint8Array(page.width * page.height * bytesPerPixel);
  const compression = page.compression ?? 1;
  if (page.tile) {
    const t = page.tile;
    const out: Uint8Array[] = [];
    for (let ty = 0; ty < page.height; ty += t) {
      for (let tx = 0; tx < page.width; tx += t) {
        const tileBytes = new Uint8Array(t * t * bytesPerPixel);
        for (let y = 0; y < t && ty + y < page.height; y++) {
          const from = ((ty + y) * page.width + tx) * bytesPerPixel;
          const n = Math.min(t, page.width - tx) * bytesPerPixel;
          tileBytes.set(samples.subarray(from, from + n), y * t * bytesPerPixel);
        }
        out.push(compress(tileBytes, compression));
      }
    }
    return out;
  }
  const rows = page.rowsPerStrip ?? page.height;
  const out: Uint8Array[] = [];
  for (let y = 0; y < page.height; y += rows) {
    const from = y * page.width * bytesPerPixel;
    out.push(compress(samples.subarray(from, from + Math.min(rows, page.height - y) * page.width * bytesPerPixel), compression));
  }
  return out;
}

export function buildPixelTiff(pages: TiffPage[], littleEndian = true): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 8;
  const le = littleEndian;
  const append = (b: Uint8Array): number => {
    const at = size;
    chunks.push(b);
    size += b.length;
    if (b.length % 2 === 1) {
      chunks.push(new Uint8Array(1));
      size += 1;
    }
    return at;
  };
  const header = new Uint8Array(8);
  const hv = new DataView(header.buffer);
  header.set(le ? [0x49, 0x49] : [0x4d, 0x4d]);
  hv.setUint16(2, 42, le);

  const writeIfd = (page: TiffPage): { at: number; next: { view: DataView; at: number } } => {
    const sub = (page.subIfds ?? []).map((p) => writeIfd(p).at);
    const data = blocks(page).map((b) => ({ at: append(b), length: b.length }));
    const spp = page.samplesPerPixel ?? 3;
    const bps = page.bitsPerSample ?? 8;
    const tags: Record<number, Tag> = {
      256: { type: 4, values: [page.width] },
      257: { type: 4, values: [page.height] },
      258: { type: 3, values: new Array<number>(spp).fill(bps) },
      259: { type: 3, values: [page.jpeg ? 7 : (page.compression ?? 1)] },
      262: { type: 3, values: [page.jpeg ? 6 : spp === 1 ? 1 : 2] },
      277: { type: 3, values: [spp] },
      284: { type: 3, values: [1] },
      ...(page.tile
        ? { 322: { type: 3, values: [page.tile] }, 323: { type: 3, values: [page.tile] }, 324: { type: 4, values: data.map((d) => d.at) }, 325: { type: 4, values: data.map((d) => d.length) } }
        : { 273: { type: 4, values: data.map((d) => d.at) }, 278: { type: 4, values: [page.rowsPerStrip ?? page.height] }, 279: { type: 4, values: data.map((d) => d.length) } }),
      ...page.tags,
    };
    if (spp === 4) tags[338] = { type: 3, values: [2] };
    if (sub.length) tags[330] = { type: 4, values: sub };
    const list = Object.keys(tags).map(Number).sort((a, b) => a - b);
    // Out-of-line values first, then the IFD that points at them.
    const valueAt = new Map<number, number>();
    const encoded = new Map<number, { type: number; count: number; bytes: Uint8Array }>();
    for (const tag of list) {
      const v = tags[tag]!;
      let bytes: Uint8Array;
      let count: number;
      if ('bytes' in v) {
        bytes = v.bytes;
        count = v.bytes.length;
      } else {
        const unit = v.type === 3 ? 2 : 4;
        bytes = new Uint8Array(v.values.length * unit);
        const dv = new DataView(bytes.buffer);
        v.values.forEach((n, i) => (unit === 2 ? dv.setUint16(i * 2, n, le) : dv.setUint32(i * 4, n, le)));
        count = v.values.length;
      }
      encoded.set(tag, { type: v.type, count, bytes });
      if (bytes.length > 4) valueAt.set(tag, append(bytes));
    }
    const ifd = new Uint8Array(2 + list.length * 12 + 4);
    const dv = new DataView(ifd.buffer);
    dv.setUint16(0, list.length, le);
    list.forEach((tag, i) => {
      const e = encoded.get(tag)!;
      const at = 2 + i * 12;
      dv.setUint16(at, tag, le);
      dv.setUint16(at + 2, e.type, le);
      dv.setUint32(at + 4, e.count, le);
      if (e.bytes.length > 4) dv.setUint32(at + 8, valueAt.get(tag)!, le);
      else ifd.set(e.bytes, at + 8);
    });
    return { at: append(ifd), next: { view: dv, at: 2 + list.length * 12 } };
  };

  const written = pages.map((p) => writeIfd(p));
  hv.setUint32(4, written[0]!.at, le);
  written.forEach((w, i) => w.next.view.setUint32(w.next.at, written[i + 1]?.at ?? 0, le));
  const out = new Uint8Array(size);
  out.set(header);
  let at = 8;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** RGBA (from a canvas) as the samples of an RGB, grey or RGBA page. */
export function samplesFromRgba(rgba: Uint8Array, samplesPerPixel: 1 | 3 | 4, bitsPerSample: 8 | 16 = 8, littleEndian = true): Uint8Array {
  const n = rgba.length / 4;
  const bytes = bitsPerSample / 8;
  const out = new Uint8Array(n * samplesPerPixel * bytes);
  for (let i = 0; i < n; i++) {
    const px = samplesPerPixel === 1 ? [Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3)] : [...rgba.subarray(i * 4, i * 4 + samplesPerPixel)];
    px.forEach((v, c) => {
      const at = (i * samplesPerPixel + c) * bytes;
      if (bytes === 1) out[at] = v;
      else {
        // 16-bit: the 8-bit value spread over the full range (v * 257).
        const w = v * 257;
        out[at + (littleEndian ? 0 : 1)] = w & 0xff;
        out[at + (littleEndian ? 1 : 0)] = w >> 8;
      }
    });
  }
  return out;
}

export const DNG_VERSION_TAG: Record<number, Tag> = { 50706: { type: 1, bytes: new Uint8Array([1, 4, 0, 0]) } };
