import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../../src/analysis/findings';
import type { Check, CheckInput } from '../../../src/analysis/ports';
import { mergeViewResults, runChecksOnViews } from '../../../src/analysis/run-on-views';
import { said } from '../../../src/common/said';

/** The "picture" of each view is a word; a fake check finds what its table says for that word. */
const view = (image: string): CheckInput<string> => ({ bytes: new Uint8Array(4), type: 'png', image, width: 100, height: 50 });

function textCheck(found: Record<string, Finding[]>): Check<string> {
  return { name: 'text', needsPixels: true, run: async ({ image }) => ({ findings: found[image ?? ''] ?? [] }) };
}

const label: Finding = { kind: 'id-text', field: 'name', box: [10, 10, 50, 10] };
const result = (findings: Finding[], status: CheckResult['status'] = 'done', note?: string): CheckResult => ({
  check: 'text',
  status,
  findings,
  ms: 5,
  ...(note ? { notes: [said('noteCheckCouldNotRun')], detail: note } : {}),
});

describe('runChecksOnViews', () => {
  it('reports what only one view shows (black print on a clear background is seen on white)', async () => {
    const seen: CheckResult[] = [];
    const results = await runChecksOnViews([textCheck({ white: [label] })], [view('white'), view('black')], (r) => seen.push(r));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.findings).toEqual([label]);
    expect(results[0]?.findings).toEqual([label]);
    // And the other way round: white print is seen on black.
    const other = await runChecksOnViews([textCheck({ black: [label] })], [view('white'), view('black')], () => undefined);
    expect(other[0]?.findings).toEqual([label]);
  });

  it('reports each check once, after its last view', async () => {
    const order: string[] = [];
    const check: Check<string> = {
      name: 'faces',
      needsPixels: true,
      run: async ({ image }) => {
        order.push(`run ${image}`);
        return { findings: [] };
      },
    };
    await runChecksOnViews([check], [view('white'), view('black')], (r) => order.push(`result ${r.check}`));
    expect(order).toEqual(['run white', 'run black', 'result faces']);
  });

  it('passes partial findings from the first view only', async () => {
    const partials: string[] = [];
    const check: Check<string> = {
      name: 'faces',
      needsPixels: true,
      run: async ({ image }, _signal, report) => {
        report?.([{ kind: 'face', box: [0, 0, 5, 5], text: image ?? '' }]);
        return { findings: [] };
      },
    };
    await runChecksOnViews([check], [view('white'), view('black')], () => undefined, { onPartial: (_c, f) => partials.push(f[0]?.text ?? '') });
    expect(partials).toEqual(['white']);
  });

  it('with one view, is runChecks', async () => {
    const seen: CheckResult[] = [];
    await runChecksOnViews([textCheck({ only: [label] })], [view('only')], (r) => seen.push(r));
    expect(seen.map((r) => r.findings)).toEqual([[label]]);
  });
});

describe('mergeViewResults', () => {
  it('keeps one of two findings that say the same about the same place', () => {
    const moved: Finding = { ...label, box: [11, 10, 50, 10] };
    expect(mergeViewResults([result([label]), result([moved])]).findings).toEqual([label]);
  });

  it('keeps findings of another kind, field or place', () => {
    const elsewhere: Finding = { ...label, box: [10, 40, 50, 10] };
    const otherField: Finding = { ...label, field: 'birth-date' };
    expect(mergeViewResults([result([label]), result([elsewhere, otherField])]).findings).toEqual([label, elsewhere, otherField]);
  });

  it('is failed when any view failed, with that note, and keeps what the other found', () => {
    const merged = mergeViewResults([result([label]), result([], 'failed', 'The text engine could not start.')]);
    expect(merged).toMatchObject({ status: 'failed', notes: [said('noteCheckCouldNotRun')], detail: 'The text engine could not start.', findings: [label] });
  });
});
