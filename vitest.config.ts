import { defineConfig } from 'vitest/config';

/**
 * Browser files that rely on the product's own time limit under load run one at a time,
 * after the others: faces without WebGL (in Chromium and in Firefox) take seconds on the
 * CPU path, and the product stops a check at 10 s, so another browser beside them can turn
 * a finding into "could not run". Every other bound in the browser files says "answered,
 * never hung", well past the product's limits; speed is measured by `npm run bench`.
 * Firefox's other tests run beside the rest: alone, its 35 s left one of the two cores idle.
 */
const ALONE = ['test/e2e/firefox-faces.test.ts', 'test/e2e/no-webgl.test.ts'];
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
