import { describe, expect, it } from 'vitest';
import { planDelivery } from '../../../src/review/plan-delivery';

describe('planDelivery', () => {
  it('protects every photo by default, in order', () => {
    expect(planDelivery(['protected', 'protected'], true)).toEqual([
      { from: 0, use: 'protected' },
      { from: 1, use: 'protected' },
    ]);
  });

  it('leaves out a photo marked "Leave it out" and keeps which photo each file replaces', () => {
    expect(planDelivery(['skip', 'protected', 'skip', 'as-is'], true)).toEqual([
      { from: 1, use: 'protected' },
      { from: 3, use: 'original' },
    ]);
  });

  it('sends a protected copy for "as is" when the policy forbids originals', () => {
    expect(planDelivery(['as-is'], false)).toEqual([{ from: 0, use: 'protected' }]);
  });

  it('sends nothing when every photo is left out', () => {
    expect(planDelivery(['skip', 'skip'], true)).toEqual([]);
  });
});
