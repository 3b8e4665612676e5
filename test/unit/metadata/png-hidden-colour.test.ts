import { describe, expect, it } from 'vitest';
import { hiddenColourUnderAlpha, hidesPicture } from '../../../src/analysis/metadata/png-hidden-colour';
import { readMetadata } from '../../../src/analysis/metadata/read-metadata';
import { mayHaveTransparency, mayHideColourUnderAlpha } from '../../../src/imaging/alpha-channel';
import { erasedMiddlePng, rgbaPng } from '../../support/rgba-png';
import { buildPng } from '../imaging/build-images';

describe('colour under transparent PNG pixels', () => {
  it('counts every erased pixel that still has colour, through all five row filters', async () => {
    const hidden = await hiddenColourUnderAlpha(erasedMiddlePng(200, 120));
    // The middle half of each side: 100 × 60 pixels, all with colour (blue is always 200).
    expect(hidden).toEqual({ pixels: 100 * 60, total: 200 * 120 });
    expect(hidesPicture(hidden)).toBe(true);
  });

  it('finds nothing where transparent pixels are cleared, or where nothing is transparent', async () => {
    const cleared = rgbaPng(64, 64, (x) => (x < 32 ? [0, 0, 0, 0] : [10, 20, 30, 255]));
    expect(await hiddenColourUnderAlpha(cleared)).toEqual({ pixels: 0, total: 64 * 64 });
    const opaque = rgbaPng(64, 64, (x, y) => [x, y, 9, 255]);
    expect(hidesPicture(await hiddenColourUnderAlpha(opaque))).toBe(false);
  });

  it('leaves a few anti-aliased edge pixels alone', async () => {
    const edge = rgbaPng(300, 300, (x, y) => (x === 0 && y < 20 ? [255, 255, 255, 0] : [200, 150, 120, 255]));
    expect(hidesPicture(await hiddenColourUnderAlpha(edge))).toBe(false);
  });

  it('is a finding of the hidden-data check', async () => {
    const { findings } = await readMetadata(erasedMiddlePng(), 'png');
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'metadata', field: 'hidden-pixels' }));
    const plain = await readMetadata(buildPng(), 'png');
    expect(plain.findings.some((f) => f.field === 'hidden-pixels')).toBe(false);
  });

  it('tells which files can store colour under alpha, so their protected copy is redrawn', () => {
    expect(mayHideColourUnderAlpha(erasedMiddlePng(), 'png')).toBe(true);
    expect(mayHideColourUnderAlpha(buildPng(), 'png')).toBe(false);
  });
});

describe('mayHaveTransparency (whether the checks scan the pixels for transparency)', () => {
  it('never for a JPEG or a PNG without alpha; for a PNG with alpha and for types the header cannot rule out', () => {
    expect(mayHaveTransparency(new Uint8Array([0xff, 0xd8, 0xff]), 'jpeg')).toBe(false);
    expect(mayHaveTransparency(buildPng(), 'png')).toBe(false);
    expect(mayHaveTransparency(erasedMiddlePng(), 'png')).toBe(true);
    expect(mayHaveTransparency(new Uint8Array(16), 'gif')).toBe(true);
  });
});
