import { describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '../../../src/common/findings';
import type { Check, CheckInput } from '../../../src/analysis/ports';
import { runChecks } from '../../../src/analysis/run-checks';
import { said } from '../../../src/common/said';

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

  it("starts the checks one task apart, in the order given: the first one's synchronous first step runs before the next starts", async () => {
    const log: string[] = [];
    const first = fakeCheck('faces', async () => {
      log.push('faces starts');
      await Promise.resolve();
      log.push('faces: first look');
      await new Promise((resolve) => setTimeout(resolve, 0));
      log.push('faces: the rest');
      return { findings: [] };
    });
    const second = fakeCheck('text', async () => {
      log.push('text starts');
      return { findings: [] };
    });
    await runChecks([first, second], input, () => undefined);
    expect(log).toEqual(['faces starts', 'faces: first look', 'text starts', 'faces: the rest']);
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
    expect(result).toMatchObject({ status: 'failed', notes: [said('noteNoPicture')] });
  });

  it("keeps a check's own notes, and adds none when it has none", async () => {
    const noted = fakeCheck('text', async () => ({ findings: [], notes: [said('noteCheckCouldNotRun')] }));
    const plain = fakeCheck('faces', async () => ({ findings: [], notes: [] }));
    const [a, b] = await runChecks([noted, plain], input, () => undefined);
    expect(a?.notes).toEqual([said('noteCheckCouldNotRun')]);
    expect(b && 'notes' in b).toBe(false);
  });

  it('measures how long each check took', async () => {
    const times = [100, 130];
    const [result] = await runChecks([fakeCheck('metadata', async () => ({ findings: [] }))], input, () => undefined, { now: () => times.shift()! });
    expect(result?.ms).toBe(30);
    const [failed] = await runChecks([fakeCheck('text', () => Promise.reject(new Error('x')))], input, () => undefined, { now: ((t) => () => (t += 7))(0) });
    expect(failed?.ms).toBe(7);
    const [real] = await runChecks([fakeCheck('metadata', async () => ({ findings: [] }))], input, () => undefined);
    expect(Number.isFinite(real?.ms)).toBe(true);
  });

  it('a check may report early findings when nobody listens, and none are passed on after it timed out', async () => {
    const early = fakeCheck('faces', async (_input, _signal, report) => {
      report?.([{ kind: 'face', box: [0, 0, 2, 2] }]);
      return { findings: [] };
    });
    expect((await runChecks([early], input, () => undefined))[0]?.status).toBe('done');
    const partials: number[] = [];
    const late = fakeCheck('faces', (_input, _signal, report) =>
      new Promise((resolve) => {
        setTimeout(() => {
          report?.([{ kind: 'face', box: [0, 0, 2, 2] }]);
          resolve({ findings: [] });
        }, 40);
      }),
    );
    await runChecks([late], input, () => undefined, { timeoutMs: 5, onPartial: (_c, f) => partials.push(f.length) });
    await new Promise((r) => setTimeout(r, 60));
    expect(partials).toEqual([]);
  });

  it('a timed-out check carries no engine detail, and its timer is cleared when checks finish', async () => {
    const [timedOut] = await runChecks([fakeCheck('barcodes', () => new Promise(() => undefined))], input, () => undefined, { timeoutMs: 5 });
    expect(timedOut && 'detail' in timedOut).toBe(false);
    vi.useFakeTimers();
    try {
      await runChecks([fakeCheck('metadata', async () => ({ findings: [] }))], input, () => undefined);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  describe("an engine's start is bounded on its own, not by the check's limit", () => {
    const wait = <T>(ms: number, value?: T): Promise<T> => new Promise((r) => setTimeout(() => r(value as T), ms));
    /** A check that works `before` ms, starts its engine for `start` ms, then works `after` ms. */
    const withEngine = (before: number, start: number | 'never', after: number): Check<string> =>
      fakeCheck('text', async (_input, _signal, _report, starting) => {
        await wait(before);
        await starting!(start === 'never' ? new Promise(() => undefined) : wait(start));
        await wait(after);
        return { findings: [{ kind: 'id-text', field: 'name', box: [0, 0, 1, 1] }] };
      });
    // Fake timers: the limits are compared with time that passes only when the test says so.
    const run = async (check: Check<string>, ms: number): Promise<CheckResult | undefined> => {
      vi.useFakeTimers();
      try {
        const done = runChecks([check], input, () => undefined, { timeoutMs: 100, startTimeoutMs: 1_000 });
        await vi.advanceTimersByTimeAsync(ms);
        return (await done)[0];
      } finally {
        vi.useRealTimers();
      }
    };

    it('a start longer than the check may take is waited for, and the check then finishes', async () => {
      const result = await run(withEngine(20, 700, 20), 2_000);
      expect(result?.status).toBe('done');
      expect(result?.findings).toHaveLength(1);
    });

    it("the check's own time before and after the start adds up against its limit", async () => {
      const result = await run(withEngine(60, 300, 60), 2_000);
      expect(result).toMatchObject({ status: 'failed', notes: [{ key: 'noteCheckTimedOut', subs: ['0'] }] });
    });

    it('a start that never ends is stopped at the start limit, and said with that limit', async () => {
      const result = await run(withEngine(0, 'never', 0), 5_000);
      expect(result).toMatchObject({ status: 'failed', notes: [{ key: 'noteCheckTimedOut', subs: ['1'] }] });
    });
  });
});
