import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { buildExifTiff } from '../support/exif-builder';

describe('test EXIF builder', () => {
  it('writes GPS and camera tags that exifr reads back', async () => {
    const tiff = buildExifTiff({ lat: 35.6586, lon: -139.7454, make: 'TestCam', model: 'T1', artist: 'Jane Roe' });
    const parsed = await exifr.parse(tiff, { tiff: true, gps: true });
    expect(parsed.latitude).toBeCloseTo(35.6586, 3);
    expect(parsed.longitude).toBeCloseTo(-139.7454, 3);
    expect(parsed.Make).toBe('TestCam');
    expect(parsed.Artist).toBe('Jane Roe');
  });
});
