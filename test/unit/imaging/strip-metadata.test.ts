import { describe, expect, it } from 'vitest';
import type { ImageType } from '../../../src/common/image-type';
import { canStripLosslessly, StripError, stripMetadata } from '../../../src/imaging/strip-metadata';
import { app1Exif, buildPng, phoneExif, TINY_JPEG, TINY_WEBP, withSegments } from './build-images';

describe('stripMetadata', () => {
  it('dispatches by type', () => {
    expect(stripMetadata(withSegments(TINY_JPEG, [app1Exif(phoneExif())]), 'jpeg')).toEqual(TINY_JPEG);
    expect(stripMetadata(buildPng(), 'png')).toEqual(buildPng());
    expect(stripMetadata(TINY_WEBP, 'webp')).toEqual(TINY_WEBP);
  });

  it.each<ImageType>(['heic', 'avif', 'gif', 'bmp', 'svg'])('asks the caller to re-encode %s', (type) => {
    expect(canStripLosslessly(type)).toBe(false);
    expect(() => stripMetadata(TINY_JPEG, type)).toThrow(expect.objectContaining({ name: 'StripError', code: 'unsupported-type' }));
    expect(() => stripMetadata(TINY_JPEG, type)).toThrow(StripError);
  });
});
