import { describe, expect, it } from 'vitest';
import { createTileHelper } from '../../../src/engines/faces/tile-helper';
import type { AnalysisToTileWorker, TileWorkerToAnalysis } from '../../../src/analysis/faces/tile-messages';
import type { DetectionPass } from '../../../src/analysis/faces/plan-passes';

/** A stand-in for the tile worker: answers each message with what `answer` says. */
function fakeWorker(answer: (m: AnalysisToTileWorker) => TileWorkerToAnalysis | 'crash' | undefined): { spawn: () => Worker; spawned: () => number; terminated: () => number } {
  let spawned = 0;
  let terminated = 0;
  const spawn = (): Worker => {
    spawned++;
    const worker = {
      onmessage: null as ((e: MessageEvent<TileWorkerToAnalysis>) => void) | null,
      onerror: null as (() => void) | null,
      postMessage(m: AnalysisToTileWorker) {
        queueMicrotask(() => {
          const reply = answer(m);
          if (reply === 'crash') worker.onerror?.();
          else if (reply) worker.onmessage?.({ data: reply } as MessageEvent<TileWorkerToAnalysis>);
        });
      },
      terminate: () => void terminated++,
    };
    return worker as unknown as Worker;
  };
  return { spawn, spawned: () => spawned, terminated: () => terminated };
}

const tile = (x: number): DetectionPass => ({ kind: 'tile', region: [x, 0, 100, 100], outW: 100, outH: 100 });
// Node has no ImageBitmap; the helper only copies and forwards it.
(globalThis as { createImageBitmap?: unknown }).createImageBitmap = (image: unknown) => Promise.resolve(image);
const image = {} as ImageBitmap;

describe('the tile helper', () => {
  it('is warm only after its worker said so, and starts one worker for all its work', async () => {
    const w = fakeWorker((m) => (m.type === 'warm' ? { type: 'warm', id: m.id } : { type: 'tiles', id: m.id, detections: m.passes.map(() => []) }));
    const helper = createTileHelper(w.spawn);
    expect(helper.isWarm()).toBe(false);
    await helper.warm();
    expect(helper.isWarm()).toBe(true);
    await helper.detect(image, [tile(0)]);
    expect(w.spawned()).toBe(1);
  });

  it('gives back the detections of each pass it was sent, in order', async () => {
    const w = fakeWorker((m) => (m.type === 'tiles' ? { type: 'tiles', id: m.id, detections: m.passes.map((p) => [{ box: p.region, score: 0.9 }]) } : undefined));
    const got = await createTileHelper(w.spawn).detect(image, [tile(0), tile(200)]);
    expect(got).toEqual([[{ box: [0, 0, 100, 100], score: 0.9 }], [{ box: [200, 0, 100, 100], score: 0.9 }]]);
  });

  it('rejects, so the face check looks itself, when the worker fails, answers short, or dies', async () => {
    const failed = fakeWorker((m) => ({ type: 'failed', id: m.id }));
    await expect(createTileHelper(failed.spawn).detect(image, [tile(0)])).rejects.toThrow();
    const short = fakeWorker((m) => ({ type: 'tiles', id: m.id, detections: [] }));
    await expect(createTileHelper(short.spawn).detect(image, [tile(0)])).rejects.toThrow();
    const dies = fakeWorker(() => 'crash');
    const helper = createTileHelper(dies.spawn);
    await expect(helper.detect(image, [tile(0)])).rejects.toThrow();
    expect(dies.terminated()).toBe(1);
    // A failed start is not "warm", and may be tried again.
    await expect(helper.warm()).rejects.toThrow();
    expect(helper.isWarm()).toBe(false);
    expect(dies.spawned()).toBe(2);
  });
});
