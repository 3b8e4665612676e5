import { describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../../src/common/findings';
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

  it('keeps a face and a text line, or two barcode formats, found at the same place', () => {
    const face: Finding = { kind: 'face', box: label.box! };
    const qr: Finding = { kind: 'barcode', format: 'QRCode', box: [0, 0, 20, 20] };
    const pdf417: Finding = { ...qr, format: 'PDF417' };
    expect(mergeViewResults([result([label, qr]), result([face, pdf417])]).findings).toEqual([label, qr, face, pdf417]);
    const unlabelled: Finding = { kind: 'id-text', box: [0, 0, 9, 9] };
    expect(mergeViewResults([result([unlabelled]), result([{ kind: 'face', box: [0, 0, 9, 9] }])]).findings).toHaveLength(2);
  });

  it('boxes that overlap by exactly half are one finding', () => {
    // [0,0,30,10] and [10,0,30,10]: 200 px shared of 400 px in all.
    const a: Finding = { ...label, box: [0, 0, 30, 10] };
    const b: Finding = { ...label, box: [10, 0, 30, 10] };
    expect(mergeViewResults([result([a]), result([b])]).findings).toEqual([a]);
  });

  it('findings without a place are one when they say the same, and a boxed one is not the same as an unboxed one', () => {
    const phone: Finding = { kind: 'id-text', field: 'phone', text: '+1 555 0100' };
    const other: Finding = { ...phone, text: '+1 555 0199' };
    const boxed: Finding = { ...phone, box: [1, 1, 10, 10] };
    expect(mergeViewResults([result([phone]), result([{ ...phone }, other, boxed])]).findings).toEqual([phone, other, boxed]);
  });

  it('is done when no view failed, takes the longest time, and keeps the notes a view had', () => {
    const noted: CheckResult = { ...result([]), ms: 40, notes: [said('noteCheckCouldNotRun')] };
    expect(mergeViewResults([result([]), noted])).toEqual({ check: 'text', status: 'done', findings: [], ms: 40, notes: [said('noteCheckCouldNotRun')] });
    expect(mergeViewResults([{ ...result([]), notes: [] }, noted]).notes).toEqual([said('noteCheckCouldNotRun')]);
  });

  it("prefers the failed view's note over another view's note", () => {
    const noted: CheckResult = { ...result([]), notes: [said('noteNoPicture')] };
    expect(mergeViewResults([noted, result([], 'failed', 'boom')]).notes).toEqual([said('noteCheckCouldNotRun')]);
  });

  it('needs at least one result', () => {
    expect(() => mergeViewResults([])).toThrow();
  });
});

describe('runChecksOnViews with several checks', () => {
  it('merges each check with its own results from the other views, and passes the time limit to every view', async () => {
    const face: Finding = { kind: 'face', box: [0, 0, 10, 10] };
    const faces: Check<string> = { name: 'faces', needsPixels: true, run: async ({ image }) => ({ findings: image === 'black' ? [face] : [] }) };
    const hangsOnBlack: Check<string> = {
      name: 'barcodes',
      needsPixels: true,
      run: ({ image }) => (image === 'black' ? new Promise(() => undefined) : Promise.resolve({ findings: [] })),
    };
    const seen: CheckResult[] = [];
    const results = await runChecksOnViews([textCheck({ white: [label] }), faces, hangsOnBlack], [view('white'), view('black')], (r) => seen.push(r), { timeoutMs: 20 });
    const byCheck = (rs: CheckResult[]): Record<string, unknown> => Object.fromEntries(rs.map((r) => [r.check, [r.status, r.findings]]));
    const expected = { text: ['done', [label]], faces: ['done', [face]], barcodes: ['failed', []] };
    expect(byCheck(results)).toEqual(expected);
    expect(byCheck(seen)).toEqual(expected);
    // The 20 ms limit, not the 10 s default, stopped the hanging view: the note says its limit.
    expect(results.find((r) => r.check === 'barcodes')?.notes).toEqual([{ key: 'noteCheckTimedOut', subs: ['0'] }]);
  });
});
