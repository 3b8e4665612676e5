/**
 * Tiny images built in code for the strip and metadata tests. The base64 pictures were made
 * once with ImageMagick (`convert -size 8x8 gradient:red-blue -strip …`); everything around
 * them (EXIF, XMP, chunks, trailers) is assembled here so each test says what it contains.
 */
import { deflateSync } from 'node:zlib';
import { concatBytes } from '../../../src/imaging/bytes';
import { pngChunk } from '../../../src/imaging/strip-png';

const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** 8×8 baseline JPEG, JFIF, no metadata. */
export const TINY_JPEG = fromBase64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAWEAEBAQAAAAAAAAAAAAAAAAAAFWL/xAAVAQEBAAAAAAAAAAAAAAAAAAAFB//EABkRAAEFAAAAAAAAAAAAAAAAAAAFFlOR8P/aAAwDAQACEQMRAD8AjdnQCtM1Jj1DLsU5NZ//2Q==',
);

/** 16×16 progressive JPEG: several scans with tables between them. */
export const PROGRESSIVE_JPEG = fromBase64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wgARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAUG/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/aAAwDAQACEAMQAAAByqcYe//EABUQAQEAAAAAAAAAAAAAAAAAAAAS/9oACAEBAAEFArWtb//EABYRAAMAAAAAAAAAAAAAAAAAAAAVYf/aAAgBAwEBPwFzT//EABYRAAMAAAAAAAAAAAAAAAAAAAAVYf/aAAgBAgEBPwFFD//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEABj8CH//EABQQAQAAAAAAAAAAAAAAAAAAACD/2gAIAQEAAT8hAf/aAAwDAQACAAMAAAAQN//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQMBAT8QX//EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQIBAT8QX//EABUQAQEAAAAAAAAAAAAAAAAAAABx/9oACAEBAAE/EKUpT//Z',
);

/** 8×8 lossless WebP (a bare VP8L chunk). */
export const TINY_WEBP = fromBase64(
  'UklGRkwAAABXRUJQVlA4TD8AAAAvB8ABAD8AEIT/bRMCgRQO0wKBxJ/xXJ5/gkmaajtGB+eDASEkW0khhRRSSCGFFPK32Ivof3y86uJUu1qY1QAA',
);

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

// ---------------------------------------------------------------- TIFF / EXIF

export type TiffValue =
  | { type: 'ascii'; value: string }
  | { type: 'short'; value: number[] }
  | { type: 'long'; value: number[] }
  | { type: 'rational'; value: Array<[number, number]> }
  | { type: 'byte'; value: number[] }
  | { type: 'undefined'; value: Uint8Array };

export interface TiffSpec {
  littleEndian?: boolean;
  ifd0: Record<number, TiffValue>;
  exif?: Record<number, TiffValue>;
  gps?: Record<number, TiffValue>;
  /** A JPEG thumbnail put in IFD1. */
  thumbnail?: Uint8Array;
  /** Pixel strip for a real TIFF image (StripOffsets/StripByteCounts filled in). */
  strip?: Uint8Array;
}

const TYPE_CODE = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5, undefined: 7 } as const;

/** Writes a TIFF block: header, IFD0, EXIF and GPS IFDs, IFD1, values, then data. */
export function buildTiff(spec: TiffSpec): Uint8Array {
  const le = spec.littleEndian ?? false;
  const buf = new Uint8Array(64 * 1024);
  const dv = new DataView(buf.buffer);
  buf.set(le ? [0x49, 0x49] : [0x4d, 0x4d]);
  dv.setUint16(2, 42, le);
  dv.setUint32(4, 8, le);
  let heap = 8;
  const alloc = (n: number): number => {
    const at = heap;
    heap += n + (n & 1);
    return at;
  };
  const valueBytes = (v: TiffValue): Uint8Array => {
    const w = new DataView(new ArrayBuffer(512));
    if (v.type === 'ascii') return ascii(`${v.value}\0`);
    if (v.type === 'undefined') return v.value;
    if (v.type === 'byte') return new Uint8Array(v.value);
    if (v.type === 'short') v.value.forEach((x, i) => w.setUint16(i * 2, x, le));
    if (v.type === 'long') v.value.forEach((x, i) => w.setUint32(i * 4, x, le));
    if (v.type === 'rational') v.value.forEach(([n, d], i) => (w.setUint32(i * 8, n, le), w.setUint32(i * 8 + 4, d, le)));
    const size = v.type === 'short' ? 2 : v.type === 'long' ? 4 : 8;
    return new Uint8Array(w.buffer, 0, v.value.length * size);
  };
  const count = (v: TiffValue): number => (v.type === 'ascii' ? v.value.length + 1 : v.value.length);
  /** Writes one IFD; `late` lets pointer tags be patched once their target exists. */
  const writeIfd = (entries: Record<number, TiffValue>): { at: number; patch: (tag: number, value: number) => void; next: number } => {
    const tags = Object.keys(entries).map(Number).sort((a, b) => a - b);
    const at = alloc(2 + tags.length * 12 + 4);
    dv.setUint16(at, tags.length, le);
    const slots = new Map<number, number>();
    tags.forEach((tag, i) => {
      const v = entries[tag]!;
      const e = at + 2 + i * 12;
      const bytes = valueBytes(v);
      dv.setUint16(e, tag, le);
      dv.setUint16(e + 2, TYPE_CODE[v.type], le);
      dv.setUint32(e + 4, count(v), le);
      if (bytes.length <= 4) buf.set(bytes, e + 8);
      else {
        const where = alloc(bytes.length);
        buf.set(bytes, where);
        dv.setUint32(e + 8, where, le);
      }
      slots.set(tag, e + 8);
    });
    const next = at + 2 + tags.length * 12;
    return { at, next, patch: (tag, value) => dv.setUint32(slots.get(tag)!, value, le) };
  };
  const ifd0Entries = { ...spec.ifd0 };
  if (spec.exif) ifd0Entries[0x8769] = { type: 'long', value: [0] };
  if (spec.gps) ifd0Entries[0x8825] = { type: 'long', value: [0] };
  if (spec.strip) {
    ifd0Entries[273] = { type: 'long', value: [0] };
    ifd0Entries[279] = { type: 'long', value: [spec.strip.length] };
  }
  const ifd0 = writeIfd(ifd0Entries);
  if (spec.exif) ifd0.patch(0x8769, writeIfd(spec.exif).at);
  if (spec.gps) ifd0.patch(0x8825, writeIfd(spec.gps).at);
  if (spec.thumbnail) {
    const ifd1 = writeIfd({ 259: { type: 'short', value: [6] }, 513: { type: 'long', value: [0] }, 514: { type: 'long', value: [spec.thumbnail.length] } });
    dv.setUint32(ifd0.next, ifd1.at, le);
    const where = alloc(spec.thumbnail.length);
    buf.set(spec.thumbnail, where);
    ifd1.patch(513, where);
  }
  if (spec.strip) {
    const where = alloc(spec.strip.length);
    buf.set(spec.strip, where);
    ifd0.patch(273, where);
  }
  return buf.slice(0, heap);
}

const str = (value: string): TiffValue => ({ type: 'ascii', value });
const dms = (deg: number): TiffValue => {
  const d = Math.floor(deg);
  const m = Math.floor((deg - d) * 60);
  const s = Math.round(((deg - d) * 60 - m) * 60 * 1000);
  return { type: 'rational', value: [[d, 1], [m, 1], [s, 1000]] };
};

/** A phone-like EXIF block: GPS (Tokyo Tower), camera, serial, owner, and a thumbnail. */
export function phoneExif(opts: { orientation?: number; littleEndian?: boolean; thumbnail?: Uint8Array } = {}): Uint8Array {
  return buildTiff({
    littleEndian: opts.littleEndian,
    ifd0: {
      0x010e: str('rash on left arm, day 3'),
      0x010f: str('ExampleCam'),
      0x0110: str('EC-100'),
      0x0112: { type: 'short', value: [opts.orientation ?? 1] },
      0x0131: str('FirmWare 1.2'),
      0x013b: str('Jane Sample'),
      0x8298: str('(c) Jane Sample'),
    },
    exif: {
      0x9003: str('2024:05:02 10:41:00'),
      0xa420: str('a1b2c3d4e5f60718293a4b5c6d7e8f90'),
      0xa430: str('Jane Sample'),
      0xa431: str('SN-00451234'),
      0xa435: str('LS-778899'),
    },
    gps: {
      0x0001: str('N'),
      0x0002: dms(35.6586),
      0x0003: str('E'),
      0x0004: dms(139.7454),
      0x001f: { type: 'rational', value: [[12, 1]] },
    },
    thumbnail: opts.thumbnail ?? TINY_JPEG,
  });
}

// ---------------------------------------------------------------- JPEG

export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return concatBytes([new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload]);
}

export const app1Exif = (tiff: Uint8Array): Uint8Array => jpegSegment(0xe1, concatBytes([ascii('Exif\0\0'), tiff]));

export const app1Xmp = (xmp: string): Uint8Array =>
  jpegSegment(0xe1, concatBytes([ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(xmp)]));

export const comment = (text: string): Uint8Array => jpegSegment(0xfe, ascii(text));

export function iccSegments(profile: Uint8Array, chunk = 65519): Uint8Array[] {
  const n = Math.ceil(profile.length / chunk);
  return Array.from({ length: n }, (_, i) =>
    jpegSegment(0xe2, concatBytes([ascii('ICC_PROFILE\0'), new Uint8Array([i + 1, n]), profile.subarray(i * chunk, (i + 1) * chunk)])),
  );
}

/** Photoshop APP13 with an IPTC record (By-line, City) and a thumbnail resource. */
export function app13Photoshop(): Uint8Array {
  const dataset = (tag: number, text: string): Uint8Array =>
    concatBytes([new Uint8Array([0x1c, 0x02, tag, 0, text.length]), ascii(text)]);
  const iptc = concatBytes([dataset(80, 'Jane Sample'), dataset(90, 'Springfield')]);
  const resource = (id: number, data: Uint8Array): Uint8Array => {
    const head = new Uint8Array(12);
    head.set(ascii('8BIM'));
    head[4] = id >> 8;
    head[5] = id & 0xff;
    // empty Pascal name (2 bytes), then size
    new DataView(head.buffer).setUint32(8, data.length);
    return concatBytes([head, data, new Uint8Array(data.length & 1)]);
  };
  const thumb = concatBytes([new Uint8Array(28), TINY_JPEG]);
  return jpegSegment(0xed, concatBytes([ascii('Photoshop 3.0\0'), resource(0x0404, iptc), resource(0x040c, thumb)]));
}

/** MPF APP2 that points at `second`, a picture stored right after the main image's EOI. */
export function mpfSegment(mainLengthAfterMpf: number, second: Uint8Array): Uint8Array {
  // Offsets count from the MPF TIFF header, which starts 8 bytes into this segment.
  const tiff = buildTiff({
    ifd0: {
      0xb000: { type: 'undefined', value: ascii('0100') },
      0xb001: { type: 'long', value: [2] },
      0xb002: { type: 'undefined', value: new Uint8Array(32) },
    },
  });
  const dv = new DataView(tiff.buffer);
  const entryAt = dv.getUint32(8 + 2 + 2 * 12 + 8); // value offset of tag 0xB002 (third entry)
  const segmentLength = 4 + 4 + tiff.length;
  dv.setUint32(entryAt + 16 + 4, second.length);
  dv.setUint32(entryAt + 16 + 8, segmentLength - 8 + mainLengthAfterMpf);
  return jpegSegment(0xe2, concatBytes([ascii('MPF\0'), tiff]));
}

/** Puts segments right after SOI (and after JFIF APP0 if `afterJfif`). */
export function withSegments(jpeg: Uint8Array, segments: Uint8Array[], afterJfif = true): Uint8Array {
  const jfifEnd = afterJfif && jpeg[3] === 0xe0 ? 4 + ((jpeg[4]! << 8) | jpeg[5]!) : 2;
  return concatBytes([jpeg.subarray(0, jfifEnd), ...segments, jpeg.subarray(jfifEnd)]);
}

/** The bytes from the first DQT to EOI: tables, frame and compressed data. */
export function jpegImageData(jpeg: Uint8Array): Uint8Array {
  for (let i = 2; i + 1 < jpeg.length; i++) if (jpeg[i] === 0xff && jpeg[i + 1] === 0xdb) return jpeg.subarray(i);
  throw new Error('no DQT');
}

// ---------------------------------------------------------------- PNG

const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 2×2 RGB PNG with extra chunks inserted before IDAT (`before`) and after it (`after`). */
export function buildPng(before: Uint8Array[] = [], after: Uint8Array[] = []): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, 2);
  new DataView(ihdr.buffer).setUint32(4, 2);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return concatBytes([
    PNG_SIG,
    pngChunk('IHDR', ihdr),
    ...before,
    pngChunk('IDAT', new Uint8Array(deflateSync(raw))),
    ...after,
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

export const tEXt = (keyword: string, text: string): Uint8Array => pngChunk('tEXt', ascii(`${keyword}\0${text}`));
export const zTXt = (keyword: string, text: string): Uint8Array =>
  pngChunk('zTXt', concatBytes([ascii(`${keyword}\0\0`), new Uint8Array(deflateSync(ascii(text)))]));
export const iTXtXmp = (xmp: string): Uint8Array => pngChunk('iTXt', ascii(`XML:com.adobe.xmp\0\0\0\0\0${xmp}`));

// ---------------------------------------------------------------- WebP

export function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  head.set(ascii(fourcc));
  new DataView(head.buffer).setUint32(4, data.length, true);
  return concatBytes([head, data, new Uint8Array(data.length & 1)]);
}

/** The VP8L chunk of TINY_WEBP, verbatim. */
export const tinyVp8l = (): Uint8Array => TINY_WEBP.subarray(12);

/** An extended WebP (VP8X) around the tiny VP8L, with the given extra chunks and flags. */
export function buildWebp(chunks: { iccp?: Uint8Array; exif?: Uint8Array; xmp?: string }, trailing?: Uint8Array): Uint8Array {
  const vp8x = new Uint8Array(10);
  vp8x[0] = (chunks.iccp ? 0x20 : 0) | (chunks.exif ? 0x08 : 0) | (chunks.xmp ? 0x04 : 0);
  vp8x.set([7, 0, 0, 7, 0, 0], 4); // 8×8 canvas, stored minus one
  const body = concatBytes([
    riffChunk('VP8X', vp8x),
    ...(chunks.iccp ? [riffChunk('ICCP', chunks.iccp)] : []),
    tinyVp8l(),
    ...(chunks.exif ? [riffChunk('EXIF', chunks.exif)] : []),
    ...(chunks.xmp ? [riffChunk('XMP ', ascii(chunks.xmp))] : []),
  ]);
  const head = new Uint8Array(12);
  head.set(ascii('RIFF'));
  new DataView(head.buffer).setUint32(4, 4 + body.length, true);
  head.set(ascii('WEBP'), 8);
  return concatBytes([head, body, trailing ?? new Uint8Array(0)]);
}

// ---------------------------------------------------------------- XMP

export function xmpPacket(props: string, children = ''): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" ${props}>${children}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

/** A fake but well-formed ICC profile of `size` bytes (content only has to round-trip). */
export function fakeIccProfile(size: number): Uint8Array {
  const p = new Uint8Array(size);
  for (let i = 0; i < size; i++) p[i] = (i * 7 + 3) & 0xff;
  new DataView(p.buffer).setUint32(0, size);
  p.set(ascii('acsp'), 36);
  return p;
}
