import { defineConfig } from 'vitest/config';

/**
 * The unit tests that Stryker runs against each mutant (`npm run mutate`, stryker.config.mjs).
 * The same files as the `unit` project in vitest.config.ts, less:
 * - the random fuzz files (test/unit/fuzz/parsers, strip): 20,000 inputs per parser, which
 *   every mutant of a parser they reach would run; the fixed cases they found
 *   (regressions.test.ts) stay in;
 * - tests of the build, the scripts, the manifest and the locale files, which run none of
 *   the mutated code.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: [
      'test/unit/fuzz/parsers.test.ts',
      'test/unit/fuzz/strip.test.ts',
      'test/unit/check-cycles.test.ts',
      'test/unit/package-zip.test.ts',
      'test/unit/manifest.test.ts',
      'test/unit/locales.test.ts',
      'test/unit/eval-*.test.ts',
    ],
    environment: 'node',
    // One worker per Stryker process on a shared two-core machine; the profile tests take
    // 5-14 s there under load.
    testTimeout: 60_000,
  },
});
