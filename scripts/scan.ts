/**
 * `npm run scan -- [--json] [--no-gl] [--checks LIST] [--out DIR] FILE...`
 *
 * Runs the extension's own analysis and protection code in headless Chromium on each file
 * and prints one line per file (DESIGN.md "Automation contract"). Exits non-zero only when
 * it cannot run at all; a bad file gets its own line with `error` set.
 *
 * `--no-gl` runs Chromium with no WebGL at all (no GPU, no software GL), as on blocklisted
 * GPUs, VMs and remote desktops: the faces check must find the same faces there.
 *
 * `--checks metadata,barcodes` runs only those checks (default: all). Any pixel check makes
 * the worker open the picture, so sizes and decode errors are still reported.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { launchExtension, NO_WEBGL_ARGS } from './lib/launch-extension';
// Also brings in the scan page's window typings (uploadGuardScan, uploadGuardReady).
import type { ScanOutputLine } from '../src/scan/scan';
import { parseCli } from './lib/cli-args';
import { ALL_CHECKS as CHECK_NAMES, type CheckName } from '../src/common/findings';
const USAGE = 'usage: npm run scan -- [--json] [--no-gl] [--checks metadata,faces,text,barcodes] [--out DIR] FILE...';

interface Args {
  json: boolean;
  noGl: boolean;
  out: string | undefined;
  checks: CheckName[];
  files: string[];
}

function parseChecks(list: string): CheckName[] {
  const names = list.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    console.error(`--checks: unknown check ${unknown.join(', ') || '(none given)'}; ${USAGE}`);
    process.exit(2);
  }
  return names as CheckName[];
}

const PER_FILE_TIMEOUT_MS = 30_000;

/** Unknown options are usage errors, not file names: a file named `-x.jpg` goes after `--`. */
function parseArgs(argv: string[]): Args {
  const { values, positionals } = parseCli(
    argv,
    {
      options: {
        json: { type: 'boolean', default: false },
        'no-gl': { type: 'boolean', default: false },
        out: { type: 'string' },
        checks: { type: 'string' },
      },
      allowPositionals: true,
    },
    USAGE,
  );
  const checks = values.checks === undefined ? [...CHECK_NAMES] : parseChecks(values.checks);
  return { json: values.json, noGl: values['no-gl'], out: values.out, checks, files: positionals };
}

function describe(line: ScanOutputLine): string {
  if (line.error && line.findings.length === 0) return `${line.file}: ${line.error}`;
  const kinds = line.findings.map((f) => f.kind);
  const counts = [...new Set(kinds)].map((k) => `${kinds.filter((x) => x === k).length} ${k}`).join(', ');
  return `${line.file}: ${line.type} ${line.width}×${line.height}: ${counts || 'nothing found'}${line.error ? ` (${line.error})` : ''}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.files.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  if (!existsSync('dist/manifest.json')) {
    console.error('The extension is not built: run `npm run build` first.');
    process.exit(2);
  }
  if (args.out) mkdirSync(args.out, { recursive: true });
  const browser = await launchExtension(args.noGl ? { args: NO_WEBGL_ARGS } : {});
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/src/scan/scan.html`);
    await page.waitForFunction(() => window.uploadGuardReady === true, undefined, { polling: 50 });
    for (const file of args.files) {
      const line: ScanOutputLine = { file, type: null, width: 0, height: 0, findings: [], timings: {}, error: null };
      try {
        const path = resolve(file);
        if (!existsSync(path) || !statSync(path).isFile()) throw new Error('No such file.');
        await page.setInputFiles('#files', path);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const result = await Promise.race([
          page.evaluate(({ withCopy, checks }) => window.uploadGuardScan(0, withCopy, checks), { withCopy: Boolean(args.out), checks: args.checks }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('The checks did not finish in time.')), PER_FILE_TIMEOUT_MS);
          }),
        ]).finally(() => clearTimeout(timer));
        Object.assign(line, { type: result.type, width: result.width, height: result.height, findings: result.findings, timings: result.timings, error: result.error });
        if (result.notes.length > 0) line.notes = result.notes;
        if (args.out && result.protected) {
          if ('base64' in result.protected) {
            const target = join(args.out, basename(result.protected.name));
            writeFileSync(target, Buffer.from(result.protected.base64, 'base64'));
            line.out = target;
          } else {
            line.error = [line.error, `protected copy: ${result.protected.error}`].filter(Boolean).join('; ');
          }
        }
      } catch (error) {
        line.error = error instanceof Error ? error.message : String(error);
        if (page.isClosed()) throw error;
      }
      console.log(args.json ? JSON.stringify(line) : describe(line));
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`scan could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
