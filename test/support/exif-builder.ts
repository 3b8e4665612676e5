/**
 * Builds small EXIF blocks for test photos, so the suite needs no photo from outside the
 * repo. Big-endian TIFF with IFD0 (Make, Model, Artist) and a GPS IFD.
 */
export interface ExifSpec {
  lat?: number;
  lon?: number;
  make?: string;
  model?: string;
  artist?: string;
  orientation?: number;
}

interface Entry {
  tag: number;
  type: number; // 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL
  count: number;
  value: Uint8Array; // raw bytes, big-endian
}

const ascii = (s: string): Entry['value'] => new TextEncoder().encode(`${s}\0`);
const u16 = (n: number): Uint8Array => new Uint8Array([n >> 8, n & 255, 0, 0]);
const u32 = (n: number): Uint8Array => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

function rationals(values: [number, number][]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  values.forEach(([n, d], i) => {
    out.set(u32(n), i * 8);
    out.set(u32(d), i * 8 + 4);
  });
  return out;
}

function dms(deg: number): [number, number][] {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
  return [
    [d, 1],
    [m, 1],
    [s, 10000],
  ];
}

/** Writes one IFD at `offset`; values longer than 4 bytes follow it. Returns its bytes. */
function writeIfd(entries: Entry[], offset: number, next = 0): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const headSize = 2 + sorted.length * 12 + 4;
  const extra: Uint8Array[] = [];
  let extraAt = offset + headSize;
  const head = new Uint8Array(headSize);
  head.set([sorted.length >> 8, sorted.length & 255], 0);
  sorted.forEach((e, i) => {
    const at = 2 + i * 12;
    head.set([e.tag >> 8, e.tag & 255, 0, e.type], at);
    head.set(u32(e.count), at + 4);
    if (e.value.length <= 4) {
      head.set(e.value, at + 8);
    } else {
      head.set(u32(extraAt), at + 8);
      const padded = e.value.length % 2 ? new Uint8Array([...e.value, 0]) : e.value;
      extra.push(padded);
      extraAt += padded.length;
    }
  });
  head.set(u32(next), headSize - 4);
  const out = new Uint8Array(extraAt - offset);
  out.set(head, 0);
  let at = headSize;
  for (const x of extra) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

export function buildExifTiff(spec: ExifSpec): Uint8Array {
  const ifd0: Entry[] = [];
  if (spec.make) ifd0.push({ tag: 0x010f, type: 2, count: spec.make.length + 1, value: ascii(spec.make) });
  if (spec.model) ifd0.push({ tag: 0x0110, type: 2, count: spec.model.length + 1, value: ascii(spec.model) });
  if (spec.artist) ifd0.push({ tag: 0x013b, type: 2, count: spec.artist.length + 1, value: ascii(spec.artist) });
  if (spec.orientation) ifd0.push({ tag: 0x0112, type: 3, count: 1, value: u16(spec.orientation) });
  const hasGps = spec.lat !== undefined && spec.lon !== undefined;
  if (hasGps) ifd0.push({ tag: 0x8825, type: 4, count: 1, value: u32(0) }); // patched below
  const ifd0Bytes = writeIfd(ifd0, 8);
  const parts = [new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]), ifd0Bytes];
  if (hasGps) {
    const gpsOffset = 8 + ifd0Bytes.length;
    const gps: Entry[] = [
      { tag: 0x0000, type: 1, count: 4, value: new Uint8Array([2, 3, 0, 0]) },
      { tag: 0x0001, type: 2, count: 2, value: ascii(spec.lat! >= 0 ? 'N' : 'S') },
      { tag: 0x0002, type: 5, count: 3, value: rationals(dms(spec.lat!)) },
      { tag: 0x0003, type: 2, count: 2, value: ascii(spec.lon! >= 0 ? 'E' : 'W') },
      { tag: 0x0004, type: 5, count: 3, value: rationals(dms(spec.lon!)) },
    ];
    parts.push(writeIfd(gps, gpsOffset));
    // Point IFD0's GPS entry at the GPS IFD.
    const sorted = [...ifd0].sort((a, b) => a.tag - b.tag);
    const index = sorted.findIndex((e) => e.tag === 0x8825);
    ifd0Bytes.set(u32(gpsOffset), 2 + index * 12 + 8);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Inserts an EXIF APP1 right after SOI of a baseline JPEG. */
export function withExif(jpeg: Uint8Array, spec: ExifSpec): Uint8Array {
  const tiff = buildExifTiff(spec);
  const payload = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff]);
  const len = payload.length + 2;
  const app1 = new Uint8Array([0xff, 0xe1, len >> 8, len & 255, ...payload]);
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}
