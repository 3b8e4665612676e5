/**
 * Runs the metadata reader and the lossless strippers over the shared, labelled fixtures
 * (read in place, never copied into the repo) and prints a per-container summary.
 */
import exifr from 'exifr';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { sniffImageType, type ImageType } from '../../../src/common/image-type';
import { walkJpeg } from '../../../src/imaging/jpeg-segments';
import { walkPng } from '../../../src/imaging/png-chunks';
import { walkWebp } from '../../../src/imaging/riff-chunks';
import { canStripLosslessly, StripError, stripMetadata } from '../../../src/imaging/strip-metadata';
import { openTiff, readIfd } from '../../../src/imaging/tiff-ifd';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// UG_FIXTURES: set by stryker.config.mjs, whose sandbox copy has no ../shared beside it.
const FIXTURES = process.env.UG_FIXTURES ?? path.resolve(repoRoot, '../shared/fixtures');

interface Label {
  gps?: boolean;
  gps_latlon?: [number, number];
  orientation?: number | null;
  size_px?: [number, number];
  has_thumbnail?: boolean;
  thumbnail_kind?: string[];
  metadata_tags?: Record<string, string | number>;
  label_file?: boolean;
}

/** Which finding a labelled tag must produce. */
const TAG_FIELD: Record<string, string> = {
  'IFD0:Make': 'device', 'IFD0:Model': 'device',
  'ExifIFD:SerialNumber': 'serial', 'ExifIFD:LensSerialNumber': 'serial',
  'IFD0:Artist': 'owner', 'IFD0:Copyright': 'owner', 'ExifIFD:OwnerName': 'owner', 'IPTC:By-line': 'owner',
  'XMP-dc:Creator': 'owner', 'PNG:Author': 'owner',
  'IFD0:ImageDescription': 'description', 'PNG:Comment': 'description',
  'ExifIFD:DateTimeOriginal': 'datetime',
  'IPTC:City': 'place-name', 'IPTC:Sub-location': 'place-name', 'XMP-photoshop:City': 'place-name',
  'XMP-xmp:CreatorTool': 'software',
};
const PLACEHOLDER = /^(default|unknown)$/i;

/** The bytes that make the picture, to show a strip left them alone. */
function imageData(b: Uint8Array, type: ImageType): Uint8Array[] {
  if (type === 'jpeg') {
    const { segments, eoiEnd } = walkJpeg(b);
    const first = segments.find((s) => s.marker === 0xdb || s.marker === 0xc4 || (s.marker >= 0xc0 && s.marker <= 0xcf));
    return first && eoiEnd ? [b.subarray(first.start, eoiEnd)] : [];
  }
  if (type === 'png') return walkPng(b).chunks.filter((c) => c.type === 'IDAT' || c.type === 'fdAT').map((c) => b.subarray(c.start, c.end));
  if (type === 'webp') return walkWebp(b).chunks.filter((c) => /^(VP8 |VP8L|ALPH|ANMF)$/.test(c.fourcc)).map((c) => b.subarray(c.start, c.end));
  if (type === 'tiff') {
    const t = openTiff(b);
    const entries = (t && readIfd(t, t.ifd0)?.entries) ?? [];
    const get = (tag: number): number[] => {
      const e = entries.find((x) => x.tag === tag);
      if (!t || !e) return [];
      return Array.from({ length: e.count }, (_, i) => (e.type === 3 ? t.u16(e.valueAt + i * 2) : t.u32(e.valueAt + i * 4)));
    };
    const lens = get(279);
    return get(273).map((o, i) => b.subarray(o, o + (lens[i] ?? 0)));
  }
  return [];
}

const same = (a: Uint8Array[], b: Uint8Array[]): boolean =>
  a.length === b.length && a.every((x, i) => Buffer.compare(Buffer.from(x), Buffer.from(b[i]!)) === 0);

interface Row {
  files: number;
  gpsLabelled: number;
  gpsFound: number;
  withFindings: number;
  strippable: number;
  stripRefused: number;
  gpsRemoved: number;
  lossless: number;
  notes: number;
}
const table = new Map<string, Row>();
const sizes: string[] = [];
const row = (type: string): Row => {
  let r = table.get(type);
  if (!r) table.set(type, (r = { files: 0, gpsLabelled: 0, gpsFound: 0, withFindings: 0, strippable: 0, stripRefused: 0, gpsRemoved: 0, lossless: 0, notes: 0 }));
  return r;
};

const hasFixtures = existsSync(path.join(FIXTURES, 'labels.json'));
if (!hasFixtures) console.log(`Skipping fixture checks: no labelled fixtures at ${FIXTURES}`);
const labels = hasFixtures ? (JSON.parse(readFileSync(path.join(FIXTURES, 'labels.json'), 'utf8')) as Record<string, Label>) : {};
const files = hasFixtures
  ? [
      ...readdirSync(path.join(FIXTURES, 'exif')).map((f) => `exif/${f}`),
      ...readdirSync(path.join(FIXTURES, 'synthetic')).filter((f) => f.startsWith('meta_')).map((f) => `synthetic/${f}`),
    ].filter((f) => labels[f] && !labels[f].label_file)
  : [];

  describe.skipIf(!hasFixtures)('shared metadata fixtures', () => {
    afterAll(() => {
      const lines = ['container | files | GPS labelled | GPS found | files with findings | notes | strippable | strip refused | GPS left after strip | lossless'];
      for (const [type, r] of [...table].sort()) {
        lines.push(`${type} | ${r.files} | ${r.gpsLabelled} | ${r.gpsFound} | ${r.withFindings} | ${r.notes} | ${r.strippable} | ${r.stripRefused} | ${r.strippable - r.gpsRemoved} | ${r.lossless}/${r.strippable - r.stripRefused}`);
      }
      console.log(`\nMetadata fixtures, per container:\n${lines.join('\n')}\n\nSizes before → after strip:\n${sizes.join('\n')}`);
    });

    it.each(files)('%s', async (file) => {
      const label = labels[file]!;
      const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, file)));
      const type = sniffImageType(bytes);
      expect(type).toBeDefined();
      const r = row(type!);
      r.files++;
      const result = await readMetadata(bytes, type!);
      const fields = new Set(result.findings.map((f) => f.field));
      const gps = result.findings.find((f) => f.field === 'gps');
      if (result.findings.length) r.withFindings++;
      if (result.notes.length) r.notes++;

      // Location: GPS label ⇔ a gps finding near the labelled position.
      if (label.gps) {
        r.gpsLabelled++;
        expect(gps, 'GPS expected').toBeDefined();
        expect(gps!.kind).toBe('location');
        expect(gps!.lat).toBeCloseTo(label.gps_latlon![0], 3);
        expect(gps!.lon).toBeCloseTo(label.gps_latlon![1], 3);
        expect(gps!.accuracyM).toBeGreaterThan(0);
      } else {
        expect(gps, 'no GPS expected').toBeUndefined();
      }
      if (gps) r.gpsFound++;

      // Orientation and pixel size as labelled (HEIF sizes may be the coded, even-rounded size).
      const o = label.orientation;
      expect(result.orientation).toBe(o && o >= 1 && o <= 8 ? o : o === null || o === 0 ? undefined : result.orientation);
      if (label.size_px) {
        const tolerance = type === 'heic' || type === 'avif' ? 2 : 0;
        expect(Math.abs((result.width ?? -99) - label.size_px[0])).toBeLessThanOrEqual(tolerance);
        expect(Math.abs((result.height ?? -99) - label.size_px[1])).toBeLessThanOrEqual(tolerance);
      }

      // Every labelled identifying tag lands in its finding.
      for (const [tag, value] of Object.entries(label.metadata_tags ?? {})) {
        const field = TAG_FIELD[tag];
        if (field && !PLACEHOLDER.test(String(value))) expect(fields, `${tag} → ${field}`).toContain(field);
      }
      for (const kind of label.thumbnail_kind ?? []) {
        expect(fields).toContain(kind.startsWith('Photoshop') ? 'preview' : 'thumbnail');
      }
      if (file.includes('broken') || file.includes('truncated')) expect(result.notes.length).toBeGreaterThan(0);

      // Lossless strip where the type allows it; then exifr must find no GPS.
      if (!canStripLosslessly(type!)) return;
      r.strippable++;
      let stripped: Uint8Array;
      try {
        stripped = stripMetadata(bytes, type!);
      } catch (error) {
        expect(error).toBeInstanceOf(StripError);
        r.stripRefused++;
        r.gpsRemoved++; // nothing was produced, so nothing leaks
        sizes.push(`${file}: ${bytes.length} → refused (${(error as StripError).code})`);
        return;
      }
      const again = await exifr.gps(stripped).catch(() => undefined);
      const left = again && Number.isFinite(again.latitude) ? again : undefined;
      expect(left, 'GPS left after strip').toBeUndefined();
      const reread = await readMetadata(stripped, type!);
      expect(reread.findings.filter((f) => f.kind === 'location')).toEqual([]);
      expect(reread.findings.map((f) => f.field).filter((f) => f !== 'datetime' || type !== 'png')).toEqual([]);
      if (o && o >= 1 && o <= 8 && type === 'jpeg') expect(reread.orientation ?? 1).toBe(o);
      r.gpsRemoved++;
      if (same(imageData(bytes, type!), imageData(stripped, type!)) && imageData(stripped, type!).length > 0) r.lossless++;
      else expect.fail(`image data changed in ${file}`);
      sizes.push(`${file}: ${bytes.length} → ${stripped.length}`);
    });
  });
