import { snippet, type Finding } from '../../common/findings';
import type { Blocks } from './exifr-blocks';

/** A phone's GPS is rarely better than this, whatever the number of digits says. */
const MIN_ACCURACY_M = 5;
const METRES_PER_DEGREE = 111_320;

const decimals = (n: number): number => {
  const s = String(n);
  if (s.includes('e')) return 10;
  return s.split('.')[1]?.length ?? 0;
};

/**
 * How finely a coordinate was written down, in metres: the smallest step of its last
 * meaningful part (seconds, or minutes when seconds are a zero placeholder).
 */
function precisionM(parts: unknown): number | undefined {
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  const nums = parts.map(Number);
  let last = nums.length - 1;
  // Trailing zeros are placeholders (decimal minutes), unless every part is zero.
  if (nums.some((n) => n !== 0)) while (last > 0 && nums[last] === 0) last--;
  const stepDeg = 10 ** -decimals(nums[last] ?? 0) / 60 ** last;
  return stepDeg * METRES_PER_DEGREE;
}

/** XMP writes "52,31.2005N" (degrees, decimal minutes) or "52,31,12.03N". */
export function parseXmpCoordinate(value: unknown): { deg: number; parts: number[] } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { deg: value, parts: [value] } : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEW])\s*$/i.exec(value);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  const deg = (parts[0] ?? 0) + (parts[1] ?? 0) / 60 + (parts[2] ?? 0) / 3600;
  return { deg: /[SW]/i.test(m[4]!) ? -deg : deg, parts };
}

const valid = (lat: number, lon: number): boolean =>
  Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

interface Position {
  lat: number;
  lon: number;
  precision: number | undefined;
}

/** exifr's own `latitude`, or the raw tag (exifr computes none from a single rational). */
function exifDegrees(value: unknown, ref: unknown): number | undefined {
  const parts = Array.isArray(value) ? value.map(Number) : value === undefined ? [] : [Number(value)];
  if (parts.length === 0) return undefined;
  const deg = (parts[0] ?? 0) + (parts[1] ?? 0) / 60 + (parts[2] ?? 0) / 3600;
  return ref === 'S' || ref === 'W' ? -Math.abs(deg) : deg;
}

function fromExifGps(gps: Record<string, unknown> | undefined): Position | undefined {
  if (!gps) return undefined;
  const lat = exifDegrees(gps.latitude ?? gps.GPSLatitude, gps.GPSLatitudeRef);
  const lon = exifDegrees(gps.longitude ?? gps.GPSLongitude, gps.GPSLongitudeRef);
  if (lat === undefined || lon === undefined || !valid(lat, lon)) return undefined;
  const p = [precisionM(gps.GPSLatitude), precisionM(gps.GPSLongitude)].filter((x): x is number => x !== undefined);
  return { lat, lon, precision: p.length ? Math.max(...p) : undefined };
}

function fromXmp(blocks: Blocks): Position | undefined {
  // The XMP exif: namespace shares exifr's `exif` block; drones write their own namespaces.
  const sources: Array<[unknown, unknown]> = [
    [blocks.exif?.GPSLatitude, blocks.exif?.GPSLongitude],
    [blocks['drone-dji']?.GpsLatitude, blocks['drone-dji']?.GpsLongitude],
    [blocks['drone-dji']?.Latitude, blocks['drone-dji']?.Longitude],
  ];
  for (const [la, lo] of sources) {
    const lat = parseXmpCoordinate(la);
    const lon = parseXmpCoordinate(lo);
    if (lat && lon && valid(lat.deg, lon.deg)) {
      return { lat: lat.deg, lon: lon.deg, precision: Math.max(precisionM(lat.parts) ?? 0, precisionM(lon.parts) ?? 0) };
    }
  }
  return undefined;
}

function accuracyOf(gps: Record<string, unknown> | undefined, pos: Position): number {
  const stated = Number(gps?.GPSHPositioningError);
  if (Number.isFinite(stated) && stated > 0) return Math.round(stated);
  return Math.max(MIN_ACCURACY_M, Math.round(pos.precision ?? 10));
}

function extrasText(gps: Record<string, unknown> | undefined): string {
  const alt = Number(gps?.GPSAltitude);
  const dir = Number(gps?.GPSImgDirection);
  const bits: string[] = [];
  if (gps?.GPSAltitude !== undefined && Number.isFinite(alt)) bits.push(`alt ${Math.round(alt)} m`);
  if (gps?.GPSImgDirection !== undefined && Number.isFinite(dir)) bits.push(`facing ${Math.round(dir)}°`);
  return bits.length ? `, ${bits.join(', ')}` : '';
}

/**
 * Coordinates that are numbers but name no place on Earth (latitude 213.6, longitude 400):
 * a writer's bug or a damaged value, but still a sign that the file records where it was
 * taken, and a near-miss of the real place may be recoverable (swapped or mis-scaled parts).
 * Reported as a location finding of its own rather than a "could not be read" note.
 */
function invalidPosition(blocks: Blocks): string | undefined {
  const finite = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);
  const xmp = (v: unknown): number | undefined => parseXmpCoordinate(v)?.deg;
  const gps = blocks.gps;
  const pairs: Array<[number | undefined, number | undefined]> = [
    [exifDegrees(gps?.latitude ?? gps?.GPSLatitude, gps?.GPSLatitudeRef), exifDegrees(gps?.longitude ?? gps?.GPSLongitude, gps?.GPSLongitudeRef)],
    [xmp(blocks.exif?.GPSLatitude), xmp(blocks.exif?.GPSLongitude)],
    [xmp(blocks['drone-dji']?.GpsLatitude), xmp(blocks['drone-dji']?.GpsLongitude)],
    [xmp(blocks['drone-dji']?.Latitude), xmp(blocks['drone-dji']?.Longitude)],
  ];
  for (const [lat, lon] of pairs) {
    if ((finite(lat) && Math.abs(lat) > 90) || (finite(lon) && Math.abs(lon) > 180)) {
      return [lat, lon].filter(finite).map((n) => n.toFixed(4)).join(', ');
    }
  }
  return undefined;
}

export interface GpsResult {
  finding: Finding | undefined;
  /** A GPS section exists but holds no usable position (damaged or half-written). */
  unreadable: boolean;
}

/** The GPS position in EXIF (preferred: it carries precision) or XMP, as one finding. */
export function gpsLocation(blocks: Blocks): GpsResult {
  const gps = blocks.gps;
  const pos = fromExifGps(gps) ?? fromXmp(blocks);
  if (!pos) {
    const invalid = invalidPosition(blocks);
    if (invalid !== undefined) {
      return { unreadable: false, finding: { kind: 'location', field: 'gps-invalid', text: snippet(invalid) } };
    }
    const hasGpsSection = gps !== undefined && Object.keys(gps).length > 0;
    const hasCoordinateTag = blocks.exif?.GPSLatitude !== undefined || blocks.exif?.GPSLongitude !== undefined;
    return { finding: undefined, unreadable: hasGpsSection || hasCoordinateTag };
  }
  return {
    unreadable: false,
    finding: {
      kind: 'location',
      field: 'gps',
      lat: pos.lat,
      lon: pos.lon,
      accuracyM: accuracyOf(gps, pos),
      text: snippet(`${pos.lat.toFixed(4)}, ${pos.lon.toFixed(4)}${extrasText(gps)}`),
    },
  };
}
