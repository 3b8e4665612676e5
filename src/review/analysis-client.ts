import type { CheckName, CheckResult, Finding } from '../analysis/findings';
import type { FrameToWorker, ProtectOptions, WorkerToFrame } from '../common/messages';

export type Opened = Extract<WorkerToFrame, { type: 'opened' }>;

export interface AnalysisHandlers {
  onOpened(opened: Opened): void;
  onResult(result: CheckResult): void;
  onPartial?(check: CheckName, findings: Finding[]): void;
  onDone(timings: Record<string, number>): void;
}

export const ALL_CHECKS: CheckName[] = ['metadata', 'faces', 'text', 'barcodes'];

/** The frame's side of the analysis worker: one worker per frame, engines reused across photos. */
export class AnalysisClient {
  private worker: Worker;
  private nextId = 1;
  private readonly handlers = new Map<number, AnalysisHandlers>();
  private readonly protecting = new Map<number, (m: Extract<WorkerToFrame, { type: 'protected' }>) => void>();

  constructor() {
    this.worker = this.startWorker();
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<WorkerToFrame>) => this.receive(event.data);
    worker.onerror = () => {
      // A worker that died cannot answer: every open analysis ends (its checks reported as
      // not run), and the next photo gets a fresh worker.
      for (const [id, h] of this.handlers) {
        h.onDone({});
        this.handlers.delete(id);
      }
      for (const [id, settle] of this.protecting) {
        settle({ type: 'protected', id, error: 'The protection step stopped unexpectedly.' });
        this.protecting.delete(id);
      }
      worker.terminate();
      this.worker = this.startWorker();
    };
    return worker;
  }

  warm(): void {
    this.send({ type: 'warm' });
  }

  analyze(file: File, checks: CheckName[], handlers: AnalysisHandlers): number {
    const id = this.nextId++;
    this.handlers.set(id, handlers);
    this.send({ type: 'analyze', id, file, checks });
    return id;
  }

  protect(id: number, file: File, options: ProtectOptions): Promise<File> {
    return new Promise((resolve, reject) => {
      this.protecting.set(id, (m) => (m.file ? resolve(m.file) : reject(new Error(m.error ?? 'unknown error'))));
      this.send({ type: 'protect', id, file, options });
    });
  }

  forget(id: number): void {
    this.send({ type: 'forget', id });
  }

  private send(message: FrameToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: WorkerToFrame): void {
    if (message.type === 'protected') {
      this.protecting.get(message.id)?.(message);
      this.protecting.delete(message.id);
      return;
    }
    const h = this.handlers.get(message.id);
    if (!h) return;
    if (message.type === 'opened') h.onOpened(message);
    else if (message.type === 'result') h.onResult(message.result);
    else if (message.type === 'partial') h.onPartial?.(message.check, message.findings);
    else {
      h.onDone(message.timings);
      this.handlers.delete(message.id);
    }
  }
}
