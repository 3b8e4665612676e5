import { describe, expect, it } from 'vitest';
import { attachIccProfile, extractIccProfile, ICC_CHUNK } from '../../../src/imaging/icc-profile';
import { walkJpeg } from '../../../src/imaging/jpeg-segments';
import { StripError } from '../../../src/imaging/strip-error';
import { fakeIccProfile, iccSegments, jpegImageData, TINY_JPEG, withSegments } from './build-images';
import { expectSameBytes } from '../same-bytes';

describe('JPEG colour profile', () => {
  it('reassembles a profile split over several APP2 segments, in sequence order', () => {
    const profile = fakeIccProfile(150_000);
    const [a, b, c] = iccSegments(profile);
    const jpeg = withSegments(TINY_JPEG, [c!, a!, b!]); // out of order on purpose
    const found = extractIccProfile(jpeg, 'jpeg');
    expect(found?.encoding).toBe('raw');
    expectSameBytes(found?.data, profile);
  });

  it('attaches a profile after JFIF in 65519-byte slices and round-trips it', () => {
    const profile = fakeIccProfile(ICC_CHUNK + 10);
    const jpeg = attachIccProfile(TINY_JPEG, 'jpeg', { encoding: 'raw', data: profile });
    const segments = walkJpeg(jpeg).segments;
    expect(segments.map((s) => s.marker).slice(0, 3)).toEqual([0xe0, 0xe2, 0xe2]);
    expect(segments[1]!.end - segments[1]!.start).toBe(65535 + 2);
    expectSameBytes(extractIccProfile(jpeg, 'jpeg')?.data, profile);
    expect(jpegImageData(jpeg)).toEqual(jpegImageData(TINY_JPEG));
  });

  it('refuses a still-compressed PNG profile for a JPEG, and finds none where there is none', () => {
    expect(() => attachIccProfile(TINY_JPEG, 'jpeg', { encoding: 'zlib', data: new Uint8Array(4) })).toThrow(StripError);
    expect(extractIccProfile(TINY_JPEG, 'jpeg')).toBeUndefined();
    expect(extractIccProfile(new Uint8Array(3), 'png')).toBeUndefined();
  });
});
