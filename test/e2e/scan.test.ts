import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { withExif } from '../support/exif-builder';
import type { ScanOutputLine as Line } from '../../src/scan/scan';

/**
 * `npm run scan` as clinics and the measurements use it: the same analysis and protection
 * code, in headless Chromium, one JSON line per file; `--out` writes protected copies.
 */
const run = promisify(execFile);
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const hasFixtures = existsSync(join(FIXTURES, 'labels.json'));
if (!hasFixtures) console.log(`scan tests on the labelled fixtures skipped: ${FIXTURES}/labels.json is not there`);

const CHEAP = 'metadata,barcodes';

async function scan(files: string[], out?: string, checks?: string): Promise<Line[]> {
  const args = ['tsx', 'scripts/scan.ts', '--json', ...(checks ? ['--checks', checks] : []), ...(out ? ['--out', out] : []), ...files];
  const { stdout } = await run('npx', args, { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
}

/** A tiny baseline JPEG (8×8 grey), made once with ImageMagick for this test. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AJ//Z',
  'base64',
);

describe('npm run scan', () => {
  it('reports the location of a GPS-tagged JPEG and writes a copy without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ug-scan-'));
    const photo = join(dir, 'gps.jpg');
    writeFileSync(photo, withExif(new Uint8Array(TINY_JPEG), { lat: 51.5007, lon: -0.1246, artist: 'Jane Roe' }));
    const out = join(dir, 'out');
    const [line] = await scan([photo, join(dir, 'missing.jpg')], out);
    expect(line?.file).toBe(photo);
    const location = line?.findings.find((f) => f.kind === 'location');
    expect(location?.lat).toBeCloseTo(51.5007, 3);
    expect(location?.lon).toBeCloseTo(-0.1246, 3);
    const copy = readFileSync(join(out, 'gps.jpg'));
    expect(await exifr.parse(copy, { gps: true, tiff: true }).catch(() => undefined)).toBeUndefined();
  }, 120_000);

  it.skipIf(!hasFixtures)('finds GPS in every labelled fixture, in every container, and the copies hold none of it', async () => {
    const labels = JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8')) as Record<string, { gps?: boolean; size_px?: [number, number] }>;
    const files = Object.keys(labels).filter((f) => f.startsWith('exif/') || f.startsWith('synthetic/meta_'));
    const out = mkdtempSync(join(tmpdir(), 'ug-scan-out-'));
    // Location and the copies' metadata need no faces or OCR; the barcode check makes the
    // worker open each picture, so sizes and decode errors are still reported (a third of
    // the time of all checks on these 40 files).
    const lines = await scan(files.map((f) => join(FIXTURES, f)), out, CHEAP);
    expect(lines).toHaveLength(files.length);
    const missed: string[] = [];
    const extra: string[] = [];
    for (const [i, line] of lines.entries()) {
      const label = labels[files[i]!]!;
      const found = line.findings.some((f) => f.kind === 'location' && f.field === 'gps');
      if (label.gps && !found) missed.push(files[i]!);
      if (!label.gps && found) extra.push(files[i]!);
    }
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
    // Copies: no GPS, serials, owner names, thumbnails, XMP or IPTC; the same upright size.
    const copies = readdirSync(out).map((name) => join(out, name));
    expect(copies.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const copy of copies) {
      const meta = await exifr.parse(readFileSync(copy), { gps: true, tiff: true, exif: true, xmp: true, iptc: true, ifd1: true, mergeOutput: false }).catch(() => undefined);
      const text = JSON.stringify(meta ?? {});
      if (/latitude|SerialNumber|Artist|Copyright|By-line|creator|ImageDescription/i.test(text) || (meta as { ifd1?: unknown } | undefined)?.ifd1) leaks.push(`${copy}: ${text.slice(0, 200)}`);
    }
    expect(leaks).toEqual([]);
    const rescanned = await scan(copies, undefined, CHEAP);
    for (const line of rescanned) {
      expect(line.error, line.file).toBeNull();
      const original = lines.find((l) => l.out === line.file);
      if (original && original.width > 0) expect([line.width, line.height], line.file).toEqual([original.width, original.height]);
      expect(line.findings.filter((f) => f.kind === 'location'), line.file).toEqual([]);
    }
  }, 600_000);

  it.skipIf(!hasFixtures)('reports boxed faces in group photos, and none on photos without faces', async () => {
    const lines = await scan([
      join(FIXTURES, 'faces/fr_two_people.jpg'),
      join(FIXTURES, 'faces/dlib_2008_002506.jpg'),
      join(FIXTURES, 'no_faces/skimage_coffee.png'),
      join(FIXTURES, 'no_faces/mp_hand_thumb_up.jpg'),
    ]);
    const faces = lines.map((l) => l.findings.filter((f) => f.kind === 'face'));
    expect(faces[0]).toHaveLength(2);
    expect(faces[1]!.length).toBeGreaterThanOrEqual(3);
    for (const f of [...faces[0]!, ...faces[1]!]) expect((f as { box?: number[] }).box).toHaveLength(4);
    expect(faces[2]).toEqual([]);
    expect(faces[3]).toEqual([]);
  }, 300_000);
});
