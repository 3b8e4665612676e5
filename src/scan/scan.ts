import type { CheckName, CheckResult, Finding } from '../common/findings';
import { ALL_CHECKS, AnalysisClient } from '../common/analysis-client';
import { ensureMessages, say } from '../common/i18n';
import { SaidError } from '../common/said';

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

/**
 * One line of `npm run scan -- --json` (scripts/scan.ts; DESIGN.md "Automation contract"):
 * the page's answer for `file`, without the copy's bytes (`out` is where the copy was
 * written), and `notes` only when there are some.
 */
export type ScanOutputLine = Omit<ScanLine, 'protected' | 'notes'> & { file: string; notes?: string[]; out?: string };

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
    client.analyze(file, checks, {
      onOpened: (o) => {
        line.type = o.imageType ?? null;
        line.width = o.width;
        line.height = o.height;
        o.preview?.close();
        if (o.error) line.error = say(o.error);
      },
      onResult: (r: CheckResult) => {
        line.findings.push(...r.findings);
        // In the scan browser's language (English unless told otherwise), with the engine's own words.
        const notes = [...(r.notes ?? []).map(say), ...(r.detail ? [r.detail] : [])].join(' ');
        if (r.status === 'failed') failures.push(`${r.check}: ${notes || 'could not run'}`);
        else if (notes) line.notes.push(notes);
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
            line.protected = { error: error instanceof SaidError ? say(error.said) : String(error) };
          })
          .finally(() => resolve(line));
      },
    });
  });
}

declare global {
  interface Window {
    uploadGuardScan(index: number, withCopy: boolean, checks?: readonly CheckName[]): Promise<ScanLine>;
    uploadGuardReady: boolean;
  }
}

window.uploadGuardScan = async (index, withCopy, checks = ALL_CHECKS) => {
  const file = (document.getElementById('files') as HTMLInputElement).files?.[index];
  if (!file) throw new Error(`no file at ${index}`);
  return scanOne(file, withCopy, checks);
};
void ensureMessages().then(() => {
  window.uploadGuardReady = true;
});
