import { defineConfig } from 'vitest/config';

/**
 * Browser files that assert on the product's own time limits (a bad file answered within 5 s,
 * the first one on a cold review frame; the "cannot start" note within 2 s, measured 1.3 s;
 * the 10 s check limit on faces without WebGL, in Chromium and in Firefox) run one at a time,
 * after the others, so another browser never eats into those limits. (With the bad-file
 * corpus among the parallel files, its first, cold file took over 5 s in 1 of 6 clean runs.)
 */
const ALONE = ['test/e2e/bad-input.test.ts', 'test/e2e/review-guard.test.ts', 'test/e2e/firefox-e2e.test.ts', 'test/e2e/no-webgl.test.ts'];
/** Workers for the unit files and the other browser files together. */
const WORKERS = 3;

const e2e = { environment: 'node' as const, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // In the same workers as the parallel browser files (a group shares its workers).
          maxWorkers: WORKERS,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...e2e,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ALONE,
          // Three browsers at a time on this two-core machine: most of a browser test is
          // waiting (page loads, engines, the person's pauses), not computing.
          fileParallelism: true,
          maxWorkers: WORKERS,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...e2e,
          name: 'e2e-alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
