import type { CheckName, CheckResult, Finding } from './findings';
import type { FrameToWorker, ProtectOptions, WorkerToFrame } from './messages';
import { Liveness } from './liveness';
import { said, SaidError } from './said';

export type Opened = Extract<WorkerToFrame, { type: 'opened' }>;

export interface AnalysisHandlers {
  onOpened(opened: Opened): void;
  onResult(result: CheckResult): void;
  onPartial?(check: CheckName, findings: Finding[]): void;
  onDone(timings: Record<string, number>): void;
}

export { ALL_CHECKS } from './findings';

/**
 * Each check stops itself after 10 s, and a worker posts something at least once per photo
 * it works on (photos chosen together are checked one after another). A worker with work
 * to do that has said nothing for this long is stuck inside synchronous code and is
 * replaced (the checks show as not run).
 */
const WATCHDOG_MS = 25_000;

/** Checks that only read the file's bytes: they run in their own light worker. */
const LIGHT_CHECKS: ReadonlySet<CheckName> = new Set(['metadata']);

type Protected = Extract<WorkerToFrame, { type: 'protected' }>;

/** What the client needs of a worker: the real one in the frame, a fake in unit tests. */
export interface WorkerLike {
  postMessage(message: FrameToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerToFrame>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type SpawnWorker = () => WorkerLike;

const spawnAnalysisWorker: SpawnWorker = () => new Worker(new URL('../worker/analysis-worker.ts', import.meta.url), { type: 'module' });

/** One analysis worker; a worker that dies is replaced and its open work reported as not run. */
class WorkerLink {
  private worker: WorkerLike;
  private readonly liveness = new Liveness();

  constructor(
    private readonly receive: (message: WorkerToFrame) => void,
    private readonly died: () => void,
    private readonly spawn: SpawnWorker,
  ) {
    this.worker = this.start();
  }

  send(message: FrameToWorker): void {
    if (message.type === 'analyze') this.liveness.sent();
    this.worker.postMessage(message);
  }

  stuck(ms: number): boolean {
    return this.liveness.stuck(ms);
  }

  /** Ends a worker that stopped answering (e.g. a decoder stuck in a loop) and starts a new one. */
  restart(): void {
    this.worker.terminate();
    this.liveness.reset();
    this.worker = this.start();
    this.died();
  }

  private start(): WorkerLike {
    const worker = this.spawn();
    worker.onmessage = (event: MessageEvent<WorkerToFrame>) => {
      this.liveness.heard(event.data.type === 'done');
      this.receive(event.data);
    };
    worker.onerror = () => {
      if (worker === this.worker) this.restart();
    };
    return worker;
  }
}

/**
 * The frame's side of the analysis: two workers of the same code, engines reused across
 * photos. The light one reads hidden data at once (the first warning); the heavy one
 * decodes the picture and runs faces, text and barcodes, and makes protected copies.
 */
export class AnalysisClient {
  private nextId = 1;
  private readonly handlers = new Map<number, { h: AnalysisHandlers; waiting: number; timings: Record<string, number> }>();
  private readonly protecting = new Map<number, (m: Protected) => void>();
  private readonly light: WorkerLink;
  private readonly heavy: WorkerLink;
  private watching: ReturnType<typeof setInterval> | undefined;

  constructor(spawn: SpawnWorker = spawnAnalysisWorker) {
    this.light = new WorkerLink((m) => this.receive(m), () => this.endAll(), spawn);
    this.heavy = new WorkerLink((m) => this.receive(m), () => this.endAll(), spawn);
  }

  /** `ahead`: no photo yet (see ConnectMessage), so engines that only help later photos start too. */
  warm(ahead: boolean): void {
    this.heavy.send({ type: 'warm', ahead });
  }

  /**
   * `extraLanguages`: the text languages the person turned on (only the heavy worker reads
   * text), possibly still being read from storage: hidden data (the first warning) is checked
   * at once, the pixel checks once the languages are known.
   */
  analyze(file: File, checks: readonly CheckName[], handlers: AnalysisHandlers, extraLanguages: readonly string[] | Promise<readonly string[]> = []): number {
    const id = this.nextId++;
    const light = checks.filter((c) => LIGHT_CHECKS.has(c));
    const heavy = checks.filter((c) => !LIGHT_CHECKS.has(c));
    this.handlers.set(id, { h: handlers, waiting: (light.length > 0 ? 1 : 0) + (heavy.length > 0 ? 1 : 0), timings: {} });
    if (light.length > 0) this.light.send({ type: 'analyze', id, file, checks: light, extraLanguages: [] });
    const sendHeavy = (languages: readonly string[]): void => this.heavy.send({ type: 'analyze', id, file, checks: heavy, extraLanguages: [...languages] });
    if (heavy.length > 0) void Promise.resolve(extraLanguages).then(sendHeavy, () => sendHeavy([]));
    this.watch();
    return id;
  }

  /** While analyses are open, checks every few seconds that no worker is stuck. */
  private watch(): void {
    if (this.watching) return;
    this.watching = setInterval(() => {
      if (this.handlers.size === 0) {
        clearInterval(this.watching);
        this.watching = undefined;
      } else if (this.light.stuck(WATCHDOG_MS) || this.heavy.stuck(WATCHDOG_MS)) {
        this.light.restart();
        this.heavy.restart();
      }
    }, WATCHDOG_MS / 5);
  }

  /**
   * Each request has its own id: two copies of one photo asked for close together (the
   * "after" view, then the person's last change and "Upload") are each answered by their own.
   */
  protect(file: File, options: ProtectOptions): Promise<File> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.protecting.set(id, (m) => (m.file ? resolve(m.file) : reject(new SaidError(m.error ?? said('protectReasonOther')))));
      this.heavy.send({ type: 'protect', id, file, options });
    });
  }

  /** A worker died: every open analysis ends (its checks shown as not run) and copies fail. */
  private endAll(): void {
    for (const [id, entry] of this.handlers) {
      entry.h.onDone(entry.timings);
      this.handlers.delete(id);
    }
    for (const [id, settle] of this.protecting) {
      settle({ type: 'protected', id, error: said('protectReasonStopped') });
      this.protecting.delete(id);
    }
  }

  private receive(message: WorkerToFrame): void {
    if (message.type === 'protected') {
      this.protecting.get(message.id)?.(message);
      this.protecting.delete(message.id);
      return;
    }
    const entry = this.handlers.get(message.id);
    if (!entry) return;
    if (message.type === 'opened') entry.h.onOpened(message);
    else if (message.type === 'result') entry.h.onResult(message.result);
    else if (message.type === 'partial') entry.h.onPartial?.(message.check, message.findings);
    else {
      Object.assign(entry.timings, message.timings);
      entry.waiting -= 1;
      if (entry.waiting > 0) return;
      entry.h.onDone(entry.timings);
      this.handlers.delete(message.id);
    }
  }
}
