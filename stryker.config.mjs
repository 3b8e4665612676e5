// Mutation testing of the pure core (`npm run mutate`; not part of `npm test`).
// Stryker copies the project into .stryker-tmp/sandbox-*, so the fixtures test would look for
// ../shared/fixtures beside the sandbox: tell it where the real folder is (the test runner
// processes inherit this environment).
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(root, '../shared/fixtures');
if (existsSync(fixtures) && process.env.UG_FIXTURES === undefined) process.env.UG_FIXTURES = fixtures;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  coverageAnalysis: 'perTest',
  // The pure modules the unit tests cover (README, "Mutation testing").
  mutate: [
    'src/analysis/id-text/**/*.ts',
    'src/analysis/faces/**/*.ts',
    'src/analysis/metadata/**/*.ts',
    'src/analysis/run-on-views.ts',
    'src/analysis/run-checks.ts',
    'src/imaging/**/*.ts',
    'src/content/merge-files.ts',
    'src/review/review-state.ts',
    'src/review/plan-delivery.ts',
    'src/common/sites.ts',
    'src/common/settings.ts',
  ],
  // Two cores, shared: one or two test runners, never more.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'dist-firefox', 'artifacts', 'docs', 'reports'],
  cleanTempDir: true,
  thresholds: { high: 80, low: 60, break: null },
};
