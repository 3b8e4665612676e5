import type { CheckResult, Finding } from '../analysis/findings';
import type { CheckName } from '../analysis/findings';
import { ALL_CHECKS, AnalysisClient } from './analysis-client';

/**
 * The scan page: the same worker, checks and protection as the review frame, driven by
 * `npm run scan` (and benchmarks) through `window.uploadGuardScan`.
 */
export interface ScanLine {
  type: string | null;
  width: number;
  height: number;
  findings: Finding[];
  timings: Record<string, number>;
  error: string | null;
  notes: string[];
  /** The protected copy, base64, when asked for. */
  protected?: { name: string; base64: string } | { error: string };
}

const client = new AnalysisClient();

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function scanOne(file: File, withCopy: boolean, checks: readonly CheckName[]): Promise<ScanLine> {
  return new Promise((resolve) => {
    const line: ScanLine = { type: null, width: 0, height: 0, findings: [], timings: {}, error: null, notes: [] };
    const failures: string[] = [];
    client.analyze(file, [...checks], {
      onOpened: (o) => {
        line.type = o.imageType ?? null;
        line.width = o.width;
        line.height = o.height;
        o.preview?.close();
        if (o.error) line.error = o.error;
      },
      onResult: (r: CheckResult) => {
        line.findings.push(...r.findings);
        if (r.status === 'failed') failures.push(`${r.check}: ${r.note ?? 'could not run'}`);
        else if (r.note) line.notes.push(r.note);
      },
      onDone: (timings) => {
        line.timings = timings;
        if (!line.error && failures.length > 0) line.error = failures.join('; ');
        if (line.error && failures.length > 0 && !line.error.includes(failures[0] ?? '')) line.notes.push(...failures);
        if (!withCopy) {
          resolve(line);
          return;
        }
        const boxes = line.findings.flatMap((f) => (f.box ? [f.box] : []));
        client
          .protect(file, { boxes, style: 'pixelate' })
          .then(async (copy) => {
            line.protected = { name: copy.name, base64: toBase64(new Uint8Array(await copy.arrayBuffer())) };
          })
          .catch((error: unknown) => {
            line.protected = { error: error instanceof Error ? error.message : String(error) };
          })
          .finally(() => resolve(line));
      },
    });
  });
}

declare global {
  interface Window {
    /** `checks` defaults to all of them; `npm run scan -- --checks` narrows it (eval iterations). */
    uploadGuardScan(index: number, withCopy: boolean, checks?: readonly CheckName[]): Promise<ScanLine>;
    uploadGuardReady: boolean;
  }
}

window.uploadGuardScan = async (index, withCopy, checks = ALL_CHECKS) => {
  const file = (document.getElementById('files') as HTMLInputElement).files?.[index];
  if (!file) throw new Error(`no file at ${index}`);
  const known = checks.filter((c) => ALL_CHECKS.includes(c));
  if (known.length !== checks.length) throw new Error(`unknown check in ${checks.join(',')}`);
  return scanOne(file, withCopy, known);
};
window.uploadGuardReady = true;
