import { describe, expect, it } from 'vitest';
import { protectOptionsFor, type PhotoState } from '../../../src/review/review-state';

const photo = (over: Partial<PhotoState> = {}): PhotoState => ({
  index: 0,
  file: new File([], 'a.jpg'),
  opened: undefined,
  checks: new Map(),
  findings: [
    { uid: 'f1', finding: { kind: 'face', box: [10, 10, 20, 20] }, hide: true },
    { uid: 'f2', finding: { kind: 'face', box: [50, 10, 20, 20] }, hide: false },
    { uid: 'l1', finding: { kind: 'location', lat: 1, lon: 2 }, hide: true },
  ],
  marked: [{ uid: 'm1', box: [0, 80, 30, 10] }],
  crop: undefined,
  choice: 'protected',
  done: true,
  ...over,
});

describe('protectOptionsFor', () => {
  it('covers every hidden box and every marked area, not a box the person ticked off', () => {
    expect(protectOptionsFor(photo(), 'pixelate')).toEqual({ boxes: [[10, 10, 20, 20], [0, 80, 30, 10]], style: 'pixelate' });
  });

  it('carries the crop when there is one', () => {
    expect(protectOptionsFor(photo({ crop: [5, 5, 90, 90], marked: [] }), 'fill')).toEqual({ boxes: [[10, 10, 20, 20]], style: 'fill', crop: [5, 5, 90, 90] });
  });
});
