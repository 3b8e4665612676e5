import { describe, expect, it } from 'vitest';
import type { FrameToWorker, WorkerToFrame } from '../../../src/common/messages';
import { AnalysisClient, type WorkerLike } from '../../../src/common/analysis-client';

/** A worker that keeps what it is sent and answers only when the test says so. */
class FakeWorker implements WorkerLike {
  readonly sent: FrameToWorker[] = [];
  onmessage: ((event: MessageEvent<WorkerToFrame>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: FrameToWorker): void {
    this.sent.push(message);
  }
  terminate(): void {}
  answer(message: WorkerToFrame): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerToFrame>);
  }
}

function clientWithWorkers(): { client: AnalysisClient; light: FakeWorker; heavy: FakeWorker } {
  const workers: FakeWorker[] = [];
  const client = new AnalysisClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  // The client starts the light worker first, then the heavy one that makes copies.
  return { client, light: workers[0]!, heavy: workers[1]! };
}

const photo = new File([new Uint8Array([1, 2, 3])], 'rash.jpg', { type: 'image/jpeg' });

describe('AnalysisClient.protect', () => {
  it('answers each request with its own copy, even for the same photo and in any order', async () => {
    const { client, heavy } = clientWithWorkers();
    const early = client.protect(photo, { boxes: [[0, 0, 1, 1]], style: 'pixelate' });
    const late = client.protect(photo, { boxes: [[0, 0, 1, 1], [5, 5, 2, 2]], style: 'pixelate' });
    const [first, second] = heavy.sent.filter((m) => m.type === 'protect');
    expect(first && second && first.id !== second.id).toBe(true);
    const earlyCopy = new File(['early'], 'a.jpg');
    const lateCopy = new File(['late'], 'a.jpg');
    heavy.answer({ type: 'protected', id: first!.id, file: earlyCopy });
    heavy.answer({ type: 'protected', id: second!.id, file: lateCopy });
    await expect(early).resolves.toBe(earlyCopy);
    await expect(late).resolves.toBe(lateCopy);
  });

  it('fails only the request whose copy failed', async () => {
    const { client, heavy } = clientWithWorkers();
    const ok = client.protect(photo, { boxes: [], style: 'fill' });
    const bad = client.protect(photo, { boxes: [], style: 'fill' });
    const [first, second] = heavy.sent.filter((m) => m.type === 'protect');
    heavy.answer({ type: 'protected', id: second!.id, error: { key: 'protectReasonEdit' } });
    const copy = new File(['ok'], 'a.jpg');
    heavy.answer({ type: 'protected', id: first!.id, file: copy });
    await expect(bad).rejects.toMatchObject({ said: { key: 'protectReasonEdit' } });
    await expect(ok).resolves.toBe(copy);
  });
});

describe('AnalysisClient.analyze', () => {
  it('hands the text languages the person chose to the worker that reads text', async () => {
    const { client, heavy } = clientWithWorkers();
    client.analyze(photo, ['metadata', 'faces', 'text', 'barcodes'], { onOpened: () => undefined, onResult: () => undefined, onDone: () => undefined }, ['jpn', 'hin']);
    await Promise.resolve();
    const sent = heavy.sent.find((m) => m.type === 'analyze');
    expect(sent).toMatchObject({ checks: ['faces', 'text', 'barcodes'], extraLanguages: ['jpn', 'hin'] });
  });

  it('checks hidden data at once and the pixels once the languages, still being read, are known', async () => {
    const { client, light, heavy } = clientWithWorkers();
    let give = (_: readonly string[]): void => undefined;
    const languages = new Promise<readonly string[]>((resolve) => (give = resolve));
    client.analyze(photo, ['metadata', 'faces', 'text'], { onOpened: () => undefined, onResult: () => undefined, onDone: () => undefined }, languages);
    expect(light.sent.find((m) => m.type === 'analyze')).toMatchObject({ checks: ['metadata'] });
    expect(heavy.sent.filter((m) => m.type === 'analyze')).toEqual([]);
    give(['fra']);
    await languages;
    expect(heavy.sent.find((m) => m.type === 'analyze')).toMatchObject({ checks: ['faces', 'text'], extraLanguages: ['fra'] });
  });
});
