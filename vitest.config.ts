import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Browser files that rely on the product's own time limit under load run one at a time,
 * after the others: faces without WebGL (in Chromium and in Firefox) take seconds on the
 * CPU path, and the product stops a check at 10 s, so another browser beside them can turn
 * a finding into "could not run". Every other bound in the browser files says "answered,
 * never hung", well past the product's limits; speed is measured by `npm run bench`.
 * Firefox's upload paths stay here with its faces test: beside the Chromium files (tried, three
 * clean-clone runs) the suite was no faster, being CPU-bound, and Firefox's tests took longer.
 */
const ALONE = ['test/e2e/firefox-e2e.test.ts', 'test/e2e/no-webgl.test.ts'];
/** Workers for the unit files and the other browser files together. */
const WORKERS = 3;

/**
 * The parallel browser files, longest first (seconds in a clean-clone run, 2026-12-03). A
 * clean clone has no timings cached, and vitest then keeps the files' own order: the
 * longest file began eleventh and finished last, with one core half idle meanwhile.
 */
const LONGEST_FIRST = [
  'review-guard', // 85
  'bad-input', // 73
  'every-path', // 69
  'text-barcodes', // 68
  'protected-copy', // 62
  'upload-path', // 47
  'dialog', // 45
  'sites', // 39
  'hostile-pages', // 37
  'cross-origin-frame', // 37
  'locale', // 16
  'firefox', // 11
  'scan', // 8 (72 with ../shared)
];

const rank = (spec: TestSpecification): number => {
  const name = /([^/]+)\.test\.ts$/.exec(spec.moduleId)?.[1] ?? '';
  const i = LONGEST_FIRST.indexOf(name);
  return i < 0 ? LONGEST_FIRST.length : i;
};

/** Vitest's order (groups, projects, cached timings) with the list above where no timing is cached. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cached = (spec: TestSpecification): boolean => this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`) !== undefined;
    if (sorted.some(cached)) return sorted;

    // Within a project, by the list (a stable sort); projects and groups stay where vitest put them.
    const place = new Map(sorted.map((spec, i) => [spec, i]));
    return [...sorted].sort((a, b) => (a.project === b.project ? rank(a) - rank(b) : place.get(a)! - place.get(b)!));
  }
}

const e2e = { environment: 'node' as const, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // The files share a worker's loaded modules (none keeps state between files; the one
          // that fakes timers restores them): 32 → 15 core-s, on two cores busy with browsers.
          isolate: false,
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
          // As the unit files: each file starts its own browsers and servers and closes them.
          isolate: false,
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
