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
  // The pure modules the unit tests cover (README, "Mutation testing"). All of it is about
  // 6,000 mutants, hours on this machine; `npm run mutate -- --mutate 'src/common/sites.ts'`
  // runs a part (the README lists the parts measured).
  mutate: [
    'src/analysis/id-text/**/*.ts',
    'src/analysis/faces/**/*.ts',
    'src/analysis/metadata/**/*.ts',
    'src/analysis/run-on-views.ts',
    'src/analysis/run-checks.ts',
    'src/analysis/analyze-photo.ts',
    'src/imaging/**/*.ts',
    'src/engines/ocr/find-cards.ts',
    'src/content/merge-files.ts',
    'src/review/review-state.ts',
    'src/review/plan-delivery.ts',
    'src/common/sites.ts',
    'src/common/settings.ts',
    'src/common/message-table.ts',
  ],
  // Two cores, shared: one or two test runners, never more.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // A mutant that makes a parser loop for ever is "timed out" (counted as found) 5 s past
  // the covering tests' own time.
  timeoutMS: 5_000,
  // Static mutants (module-level constants: the site PATTERN, the label and value tables of
  // id-text) would each need every test rerun in a fresh process; they are listed as Ignored
  // in the report and not counted in the score.
  ignoreStatic: true,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // `npm run mutate -- --incremental` retests only what changed since the last run.
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'dist-firefox', 'artifacts', 'docs', 'reports'],
  cleanTempDir: true,
  thresholds: { high: 80, low: 60, break: null },
};
