/**
 * The Firefox build: derived from the built `dist/` (into a private directory, so a parallel
 * rebuild cannot interfere) and checked with Mozilla's own linter, `web-ext lint`, which must
 * report zero errors. Warnings are printed, not failed: the remaining ones are in vendored
 * engines (tesseract's worker, the WASM loaders).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFirefox, GECKO_ANDROID_MIN_VERSION, GECKO_ID } from '../../scripts/build-firefox';

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  if (!existsSync('dist/manifest.json')) throw new Error('dist/ is missing: run npm run build first.');
  dir = join(mkdtempSync(join(tmpdir(), 'upload-guard-firefox-')), 'ext');
  buildFirefox('dist', dir);
});

afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

describe('Firefox build', () => {
  it('has a Firefox MV3 manifest: background scripts, gecko id, no data collection, no dynamic URLs', () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.manifest_version).toBe(3);
    expect(m.background.scripts).toEqual([expect.stringMatching(/\.js$/)]);
    expect(m.background.service_worker).toBeUndefined();
    expect(m.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    // A UUID-style id (AMO accepts that or an email-like one on a domain the project holds).
    expect(GECKO_ID).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
    expect(m.browser_specific_settings.gecko_android).toEqual({ strict_min_version: GECKO_ANDROID_MIN_VERSION });
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(JSON.stringify(m.web_accessible_resources)).not.toContain('use_dynamic_url');
    expect(m.permissions).toEqual(['storage', 'scripting', 'activeTab']);
  });

  it('web-ext lint reports zero errors', { timeout: 180_000 }, async () => {
    const { stdout } = await run('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-input'], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { errors: LintMessage[]; warnings: LintMessage[] };
    for (const w of report.warnings) console.log(`web-ext lint warning ${w.code} ${w.file ?? ''}: ${w.message}`);
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  });
});
