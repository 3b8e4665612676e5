import { expect } from 'vitest';

/** The first index where two byte arrays differ (a length difference counts), or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * Two byte arrays are the same, checked in one pass. `toEqual` on a 150 kB profile walks it
 * element by element (2-6 s on this machine, past vitest's 5 s limit under load) and, when they
 * differ, formats a diff of all of it, which made mutants of the profile code time out.
 */
export function expectSameBytes(actual: ArrayLike<number> | undefined, expected: ArrayLike<number>): void {
  expect(actual).toBeDefined();
  expect({ length: actual!.length, firstDifference: firstDifference(actual!, expected) }).toEqual({ length: expected.length, firstDifference: -1 });
}
