/**
 * Benchmark photos made in Chromium itself (OffscreenCanvas + convertToBlob), so the
 * bench needs nothing from outside the repo: a textured "skin" background with
 * photo-like detail (JPEG sizes close to a phone's), optionally a real face from the
 * shared fixtures composited in, and GPS EXIF spliced in with test/support/exif-builder.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { withExif, type ExifSpec } from '../../test/support/exif-builder';

export interface PhotoSpec {
  width: number;
  height: number;
  /** JPEG bytes of a photo with a face, drawn so the face is ~`faceShare` of the height. */
  face?: { jpeg: Uint8Array; box: [number, number, number, number] } | undefined;
  faceShare?: number;
  seed?: number;
  quality?: number;
}

export interface MadePhoto {
  bytes: Uint8Array;
  /** Where the face was drawn, in photo pixels, when there is one. */
  faceBox?: [number, number, number, number];
}

/** A face from the shared fixtures, when they are on this machine. */
export interface FixtureFace {
  path: string;
  jpeg: Uint8Array;
  box: [number, number, number, number];
}

export const FIXTURES_DIR = '/work/shared/fixtures';
const FACE_FIXTURE = 'faces/fr_obama.jpg';

export function fixtureFace(dir = FIXTURES_DIR): FixtureFace | undefined {
  const path = `${dir}/${FACE_FIXTURE}`;
  if (!existsSync(path)) return undefined;
  let box: [number, number, number, number] = [364, 68, 273, 284];
  try {
    const labels = JSON.parse(readFileSync(`${dir}/labels.json`, 'utf8')) as Record<string, { face_boxes?: [number, number, number, number][] }>;
    box = labels[FACE_FIXTURE]?.face_boxes?.[0] ?? box;
  } catch {
    // The default box above is the labelled one; labels.json only refines it.
  }
  return { path, jpeg: new Uint8Array(readFileSync(path)), box };
}

const toB64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/**
 * Draws and encodes one photo on `page` (any page: the test site's unprotected host is
 * used, so the extension is not involved). The result comes back in 4 MB chunks, as a
 * 48 MP JPEG is tens of MB of base64.
 */
export async function makePhoto(page: Page, spec: PhotoSpec): Promise<MadePhoto> {
  const meta = await page.evaluate(
    async ({ width, height, faceB64, faceBox, faceShare, seed, quality }) => {
      let s = seed >>> 0;
      const rnd = (): number => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, '#e9c3a9');
      g.addColorStop(0.5, '#d49c7e');
      g.addColorStop(1, '#a86a4e');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, width, height);
      // Blotches (a rash, freckles) at every scale.
      const k = width / 4000;
      for (let i = 0; i < 3000; i++) {
        const r = (2 + rnd() * rnd() * 120) * k;
        ctx.fillStyle = `hsla(${10 + rnd() * 20}, ${40 + rnd() * 30}%, ${35 + rnd() * 35}%, ${0.15 + rnd() * 0.5})`;
        ctx.beginPath();
        ctx.ellipse(rnd() * width, rnd() * height, r, r * (0.5 + rnd()), rnd() * Math.PI, 0, Math.PI * 2);
        ctx.fill();
      }
      // Sensor-like grain: a noise tile repeated over the whole photo.
      const tile = new OffscreenCanvas(509, 509);
      const tctx = tile.getContext('2d')!;
      const noise = tctx.createImageData(509, 509);
      for (let i = 0; i < noise.data.length; i += 4) {
        const v = Math.floor(rnd() * 255);
        noise.data[i] = v;
        noise.data[i + 1] = v;
        noise.data[i + 2] = v;
        noise.data[i + 3] = 40;
      }
      tctx.putImageData(noise, 0, 0);
      ctx.fillStyle = ctx.createPattern(tile, 'repeat')!;
      ctx.fillRect(0, 0, width, height);
      let drawn: [number, number, number, number] | undefined;
      if (faceB64 && faceBox) {
        const bytes = Uint8Array.from(atob(faceB64), (c) => c.charCodeAt(0));
        const face = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
        // Scale so the labelled face is `faceShare` of the photo height; place it left of centre.
        const scale = (height * faceShare) / faceBox[3];
        const w = face.width * scale;
        const h = face.height * scale;
        const x = width * 0.12;
        const y = height * 0.15;
        ctx.drawImage(face, x, y, w, h);
        drawn = [x + faceBox[0] * scale, y + faceBox[1] * scale, faceBox[2] * scale, faceBox[3] * scale].map(Math.round) as [number, number, number, number];
        face.close();
      }
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      (window as unknown as { __photo: Blob }).__photo = blob;
      return { size: blob.size, drawn };
    },
    {
      width: spec.width,
      height: spec.height,
      faceB64: spec.face ? toB64(spec.face.jpeg) : '',
      faceBox: spec.face?.box,
      faceShare: spec.faceShare ?? 0.12,
      seed: spec.seed ?? 1,
      quality: spec.quality ?? 0.92,
    },
  );
  const CHUNK = 3 * 1024 * 1024;
  const parts: Buffer[] = [];
  for (let at = 0; at < meta.size; at += CHUNK) {
    const b64 = await page.evaluate(
      async ({ at, end }) => {
        const bytes = new Uint8Array(await (window as unknown as { __photo: Blob }).__photo.slice(at, end).arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
      },
      { at, end: Math.min(meta.size, at + CHUNK) },
    );
    parts.push(Buffer.from(b64, 'base64'));
  }
  await page.evaluate(() => delete (window as unknown as { __photo?: Blob }).__photo);
  return { bytes: new Uint8Array(Buffer.concat(parts)), ...(meta.drawn ? { faceBox: meta.drawn } : {}) };
}

/** GPS, make and model as a phone writes them (a Tokyo clinic's neighbourhood). */
export const BENCH_GPS: ExifSpec = { lat: 35.6586, lon: 139.7454, make: 'BenchPhone', model: 'B1' };

export function withGps(jpeg: Uint8Array, spec: ExifSpec = BENCH_GPS): Uint8Array {
  return withExif(jpeg, spec);
}
