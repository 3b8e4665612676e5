import { iou } from './faces/box-math';
import type { CheckName, CheckResult, Finding } from '../common/findings';
import type { Check, CheckInput } from './ports';
import { runChecks } from './run-checks';

/** Two findings of the two views are one when they say the same thing about the same place. */
const DUPLICATE_IOU = 0.5;

function sameFinding(a: Finding, b: Finding): boolean {
  if (a.kind !== b.kind || a.field !== b.field || a.format !== b.format) return false;
  if (a.box && b.box) return iou(a.box, b.box) >= DUPLICATE_IOU;
  return !a.box && !b.box && a.text === b.text;
}

/**
 * One check's results on several views of the same picture, as one result: everything any
 * view found (a thing seen on white is there even if black hides it), and `failed` when any
 * view failed, since then a part of the picture as someone may see it was not looked at.
 */
export function mergeViewResults(results: readonly CheckResult[]): CheckResult {
  const [first, ...rest] = results;
  if (!first) throw new Error('mergeViewResults needs at least one result');
  const findings = [...first.findings];
  for (const result of rest) for (const f of result.findings) if (!findings.some((g) => sameFinding(f, g))) findings.push(f);
  const failed = results.find((r) => r.status === 'failed');
  const notes = failed?.notes ?? results.find((r) => r.notes && r.notes.length > 0)?.notes;
  const detail = failed?.detail;
  return {
    check: first.check,
    status: failed ? 'failed' : 'done',
    findings,
    ms: Math.max(...results.map((r) => r.ms)),
    ...(notes ? { notes } : {}),
    ...(detail ? { detail } : {}),
  };
}

/**
 * Runs the checks on every view (e.g. a transparent picture shown on white and on black) and
 * reports each check once, when all its views are done (one view after the other). Partial findings come from the first
 * view only, so an early warning is never replaced by another view's smaller set.
 */
export async function runChecksOnViews<Img>(
  checks: readonly Check<Img>[],
  views: readonly CheckInput<Img>[],
  onResult: (result: CheckResult) => void,
  options: { timeoutMs?: number; onPartial?: (check: CheckName, findings: Finding[]) => void } = {},
): Promise<CheckResult[]> {
  if (views.length === 1) return runChecks(checks, views[0]!, onResult, options);
  // One view after the other: the engines are shared and each expects one picture at a time.
  const perView: CheckResult[][] = [];
  for (const [i, view] of views.entries()) {
    const last = i === views.length - 1;
    const report = (result: CheckResult): void => {
      if (last) onResult(mergeViewResults([...perView.map((results) => results.find((r) => r.check === result.check)!), result]));
    };
    const viewOptions = { ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(i === 0 && options.onPartial ? { onPartial: options.onPartial } : {}) };
    perView.push(await runChecks(checks, view, report, viewOptions));
  }
  return checks.map((check) => mergeViewResults(perView.map((results) => results.find((r) => r.check === check.name)!)));
}
