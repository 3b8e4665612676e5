import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/analysis/findings';
import type { Check, CheckInput } from '../../../src/analysis/ports';
import { runChecks } from '../../../src/analysis/run-checks';

const input: CheckInput<string> = { bytes: new Uint8Array(4), type: 'jpeg', image: 'img', width: 4, height: 3 };

function fakeCheck(name: Check<string>['name'], run: Check<string>['run'], needsPixels = false): Check<string> {
  return { name, needsPixels, run };
}

describe('runChecks', () => {
  it('streams each result as soon as its check finishes', async () => {
    const order: string[] = [];
    const slow = fakeCheck('faces', () => new Promise((r) => setTimeout(() => r({ findings: [{ kind: 'face', box: [1, 2, 3, 4] }] }), 30)));
    const fast = fakeCheck('metadata', async () => ({ findings: [{ kind: 'location', lat: 1, lon: 2 }] }));
    const results = await runChecks([slow, fast], input, (r) => order.push(r.check));
    expect(order).toEqual(['metadata', 'faces']);
    expect(results.map((r) => r.status)).toEqual(['done', 'done']);
    expect(results[0]?.findings[0]?.box).toEqual([1, 2, 3, 4]);
  });

  it('turns a thrown error into a failed result: the person is told by a message name, the raw message is kept only as detail', async () => {
    const broken = fakeCheck('text', async () => {
      throw new Error('The text engine could not start.');
    });
    const seen: CheckResult[] = [];
    const [result] = await runChecks([broken], input, (r) => seen.push(r));
    expect(result).toMatchObject({ check: 'text', status: 'failed', notes: [{ key: 'noteCheckCouldNotRun' }], detail: 'The text engine could not start.' });
    expect(seen).toHaveLength(1);
  });

  it('stops a check that hangs and says so', async () => {
    const hang = fakeCheck('barcodes', () => new Promise(() => undefined));
    const [result] = await runChecks([hang], input, () => undefined, { timeoutMs: 20 });
    expect(result?.status).toBe('failed');
    expect(result?.notes).toEqual([{ key: 'noteCheckTimedOut', subs: ['0'] }]);
  });

  it('fails pixel checks at once when the picture could not be decoded', async () => {
    let ran = false;
    const faces = fakeCheck('faces', async () => {
      ran = true;
      return { findings: [] };
    }, true);
    const [result] = await runChecks([faces], { ...input, image: undefined }, () => undefined);
    expect(ran).toBe(false);
    expect(result?.status).toBe('failed');
  });
});
