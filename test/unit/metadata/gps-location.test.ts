import { describe, expect, it } from 'vitest';
import { gpsLocation, parseXmpCoordinate } from '../../../src/analysis/metadata/gps-location';
import type { Blocks } from '../../../src/analysis/metadata/exifr-blocks';

/**
 * The position a person is warned about, read from exifr's blocks (what read-metadata hands
 * over): the place, its sign, how precise it is, and what else the GPS section says.
 */
const eiffel = { GPSLatitude: [48, 51, 29.52], GPSLatitudeRef: 'N', GPSLongitude: [2, 17, 40.2], GPSLongitudeRef: 'E' };

const found = (blocks: Blocks) => gpsLocation(blocks).finding;

describe('gpsLocation from EXIF', () => {
  it('reads degrees, minutes and seconds as the place they name, to four decimals', () => {
    const f = found({ gps: eiffel });
    expect(f).toMatchObject({ kind: 'location', field: 'gps', text: '48.8582, 2.2945' });
    expect(f?.lat).toBeCloseTo(48.858200, 5);
    expect(f?.lon).toBeCloseTo(2.294500, 5);
  });

  it('south and west are negative, whether exifr gave a signed number or the raw parts', () => {
    expect(found({ gps: { ...eiffel, GPSLatitudeRef: 'S', GPSLongitudeRef: 'W' } })?.text).toBe('-48.8582, -2.2945');
    expect(found({ gps: { latitude: 33.8568, longitude: 151.2153, GPSLatitude: [33, 51, 24.48], GPSLatitudeRef: 'S', GPSLongitude: [151, 12, 55.08], GPSLongitudeRef: 'E' } })?.text).toBe(
      '-33.8568, 151.2153',
    );
  });

  it('a single number (no parts) is a position too, taken as good to 10 m', () => {
    const f = found({ gps: { GPSLatitude: 10.5, GPSLatitudeRef: 'N', GPSLongitude: 20.25, GPSLongitudeRef: 'W' } });
    expect(f?.text).toBe('10.5000, -20.2500');
    expect(f?.accuracyM).toBe(10);
  });

  it('accuracy: the stated positioning error wins, rounded', () => {
    expect(found({ gps: { ...eiffel, GPSHPositioningError: 12.4 } })?.accuracyM).toBe(12);
    // Zero or nonsense is not a statement: the precision of the numbers is used.
    expect(found({ gps: { ...eiffel, GPSHPositioningError: 0 } })?.accuracyM).toBe(5);
    expect(found({ gps: { ...eiffel, GPSHPositioningError: 'n/a' } })?.accuracyM).toBe(5);
  });

  it('accuracy from how finely the numbers were written, never under 5 m', () => {
    // Seconds to hundredths: 0.3 m, shown as the 5 m a phone can do.
    expect(found({ gps: eiffel })?.accuracyM).toBe(5);
    // Whole seconds: 1/3600° = 31 m.
    expect(found({ gps: { ...eiffel, GPSLatitude: [48, 51, 29], GPSLongitude: [2, 17, 40] } })?.accuracyM).toBe(31);
    // Decimal minutes with a zero placeholder for seconds: tenths of a minute, 186 m, not 31.
    expect(found({ gps: { ...eiffel, GPSLatitude: [48, 51.5, 0], GPSLongitude: [2, 17.7, 0] } })?.accuracyM).toBe(186);
    // Whole degrees: 111 km. The coarser of the two coordinates counts.
    expect(found({ gps: { ...eiffel, GPSLatitude: [48, 0, 0] } })?.accuracyM).toBe(111_320);
    // Every part zero (Null Island): the seconds are not placeholders then.
    expect(found({ gps: { GPSLatitude: [0, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [0, 0, 0], GPSLongitudeRef: 'E' } })?.accuracyM).toBe(31);
    // A number in exponent form is taken as very fine.
    expect(found({ gps: { GPSLatitude: [1e-7], GPSLatitudeRef: 'N', GPSLongitude: [1e-7], GPSLongitudeRef: 'E' } })?.accuracyM).toBe(5);
  });

  it('says the altitude and the direction the camera faced, when the file has them', () => {
    expect(found({ gps: { ...eiffel, GPSAltitude: 35.6, GPSImgDirection: 270.2 } })?.text).toBe('48.8582, 2.2945, alt 36 m, facing 270°');
    expect(found({ gps: { ...eiffel, GPSAltitude: 35.6 } })?.text).toBe('48.8582, 2.2945, alt 36 m');
    expect(found({ gps: { ...eiffel, GPSImgDirection: 90 } })?.text).toBe('48.8582, 2.2945, facing 90°');
    expect(found({ gps: { ...eiffel, GPSAltitude: 'high' } })?.text).toBe('48.8582, 2.2945');
  });

  it('the poles and the date line are places; a degree past them is not', () => {
    expect(found({ gps: { GPSLatitude: [90], GPSLatitudeRef: 'N', GPSLongitude: [180], GPSLongitudeRef: 'E' } })?.field).toBe('gps');
    expect(found({ gps: { GPSLatitude: [91], GPSLatitudeRef: 'N', GPSLongitude: [10], GPSLongitudeRef: 'E' } })?.field).toBe('gps-invalid');
    expect(found({ gps: { GPSLatitude: [10], GPSLatitudeRef: 'N', GPSLongitude: [181], GPSLongitudeRef: 'W' } })?.field).toBe('gps-invalid');
  });
});

describe('gpsLocation: a position that names no place', () => {
  it('latitude 213.6 is still a sign that the file records where it was taken, said with its numbers', () => {
    const r = gpsLocation({ gps: { GPSLatitude: [213, 36, 0], GPSLatitudeRef: 'N', GPSLongitude: [2, 17, 40.2], GPSLongitudeRef: 'E' } });
    expect(r).toEqual({ unreadable: false, finding: { kind: 'location', field: 'gps-invalid', text: '213.6000, 2.2945' } });
  });

  it('an out-of-range XMP or drone position is reported the same way', () => {
    expect(found({ exif: { GPSLatitude: '95,0N', GPSLongitude: '10,0E' } })).toMatchObject({ field: 'gps-invalid', text: '95.0000, 10.0000' });
    expect(found({ 'drone-dji': { GpsLatitude: 10, GpsLongitude: 400 } })).toMatchObject({ field: 'gps-invalid', text: '10.0000, 400.0000' });
    expect(found({ 'drone-dji': { Latitude: -100, Longitude: 1 } })).toMatchObject({ field: 'gps-invalid', text: '-100.0000, 1.0000' });
  });

  it('a GPS section without a usable position is "could not be read", not "nothing found"', () => {
    expect(gpsLocation({ gps: { GPSVersionID: '2.2.0.0' } })).toEqual({ finding: undefined, unreadable: true });
    expect(gpsLocation({ gps: { GPSLatitude: [48, 51, 29], GPSLatitudeRef: 'N' } })).toEqual({ finding: undefined, unreadable: true });
    expect(gpsLocation({ exif: { GPSLatitude: 'garbled' } })).toEqual({ finding: undefined, unreadable: true });
    expect(gpsLocation({ exif: { GPSLongitude: 'garbled' } })).toEqual({ finding: undefined, unreadable: true });
  });

  it('no GPS at all, or an empty GPS section, is nothing to report', () => {
    expect(gpsLocation({})).toEqual({ finding: undefined, unreadable: false });
    expect(gpsLocation({ gps: {} })).toEqual({ finding: undefined, unreadable: false });
    expect(gpsLocation({ exif: { Make: 'Phone' } })).toEqual({ finding: undefined, unreadable: false });
  });
});

describe('gpsLocation from XMP', () => {
  it('reads the exif: namespace and both drone spellings; EXIF wins when both are there', () => {
    expect(found({ exif: { GPSLatitude: '52,31.2N', GPSLongitude: '13,24.6E' } })?.text).toBe('52.5200, 13.4100');
    expect(found({ 'drone-dji': { GpsLatitude: 22.5431, GpsLongitude: 114.0579 } })?.text).toBe('22.5431, 114.0579');
    expect(found({ 'drone-dji': { Latitude: '22.5431', Longitude: '114.0579' } })).toBeUndefined();
    expect(found({ 'drone-dji': { Latitude: 22.5431, Longitude: 114.0579 } })?.text).toBe('22.5431, 114.0579');
    expect(found({ gps: eiffel, exif: { GPSLatitude: '52,31.2N', GPSLongitude: '13,24.6E' } })?.text).toBe('48.8582, 2.2945');
  });

  it('half a position (a latitude alone) is "could not be read"', () => {
    expect(gpsLocation({ exif: { GPSLatitude: '52,31.2N' } })).toEqual({ finding: undefined, unreadable: true });
    expect(gpsLocation({ exif: { GPSLongitude: '13,24.6E' } })).toEqual({ finding: undefined, unreadable: true });
  });

  it('XMP accuracy comes from its written precision, the coarser coordinate counting', () => {
    expect(found({ exif: { GPSLatitude: '52,31.2N', GPSLongitude: '13,24,36.01E' } })?.accuracyM).toBe(186);
    expect(found({ exif: { GPSLatitude: '52,31,12.03N', GPSLongitude: '13,24.6E' } })?.accuracyM).toBe(186);
    // Tenths of a minute: 186 m; hundredths of a second: the 5 m floor.
    expect(found({ exif: { GPSLatitude: '52,31.2N', GPSLongitude: '13,24.6E' } })?.accuracyM).toBe(186);
    expect(found({ exif: { GPSLatitude: '52,31,12.03N', GPSLongitude: '13,24,36.01E' } })?.accuracyM).toBe(5);
  });
});

describe('parseXmpCoordinate', () => {
  it('degrees and decimal minutes, or degrees, minutes and seconds, with the hemisphere last', () => {
    expect(parseXmpCoordinate('52,31.2N')).toEqual({ deg: 52.52, parts: [52, 31.2] });
    expect(parseXmpCoordinate('52,31,12S')?.deg).toBeCloseTo(-52.52, 6);
    expect(parseXmpCoordinate('13,24.6w')?.deg).toBeCloseTo(-13.41, 6);
    expect(parseXmpCoordinate(' 13,24.6 E ')?.deg).toBeCloseTo(13.41, 6);
    expect(parseXmpCoordinate('52N')).toEqual({ deg: 52, parts: [52] });
    // Any number of decimals in any part.
    expect(parseXmpCoordinate('52.25N')).toEqual({ deg: 52.25, parts: [52.25] });
    expect(parseXmpCoordinate('52,31.25N')?.parts).toEqual([52, 31.25]);
    expect(parseXmpCoordinate('52,31,12.25N')?.parts).toEqual([52, 31, 12.25]);
  });

  it('numbers as they are; anything else is not a coordinate', () => {
    expect(parseXmpCoordinate(-33.5)).toEqual({ deg: -33.5, parts: [-33.5] });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '52,31.2', 'N52,31.2', '52,31.2X', 'x52,31.2N', '52,31.2Nx', '52;31N', undefined, null, [52, 31]]) {
      expect(parseXmpCoordinate(bad), String(bad)).toBeUndefined();
    }
  });
});
