import type { CheckName, CheckResult, Finding } from '../common/findings';
import type { Check, CheckInput } from './ports';
import { said, SaidError } from '../common/said';
import { takeTurns } from '../common/take-turns';

/** A check that has not answered by then is reported as "could not run" (DESIGN promise 5). */
export const CHECK_TIMEOUT_MS = 10_000;
/**
 * The start of a check's engine is bounded on its own (`EngineStart`), past the check's
 * limit: a check never runs longer than the two together.
 */
export const ENGINE_START_TIMEOUT_MS = 20_000;

class CheckTimeout extends Error {}

/**
 * Runs every check at once and reports each result the moment it is known, so the dialog
 * can show the first warning (usually metadata) without waiting for the slow ones.
 * Never throws: a check that fails or times out becomes a `failed` result with a note.
 */
export async function runChecks<Img>(
  checks: readonly Check<Img>[],
  input: CheckInput<Img>,
  onResult: (result: CheckResult) => void,
  options: { timeoutMs?: number; startTimeoutMs?: number; now?: () => number; onPartial?: (check: CheckName, findings: Finding[]) => void } = {},
): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const startTimeoutMs = options.startTimeoutMs ?? ENGINE_START_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const runOne = async (check: Check<Img>): Promise<CheckResult> => {
    const started = now();
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (error: Error) => void = () => undefined;
    const timeout = new Promise<never>((_, reject) => (stop = reject));
    // The check's own time runs except while its engine starts; that has a limit of its own.
    let left = timeoutMs;
    // Date.now, the clock setTimeout keeps (`now` measures the check for the person).
    let armedAt = Date.now();
    let starts = 0;
    let over = false;
    /** The limit the check is stopped by, said to the person. */
    let limit = timeoutMs;
    const arm = (ms: number, of: number): void => {
      clearTimeout(timer);
      armedAt = Date.now();
      limit = of;
      timer = setTimeout(() => stop(new CheckTimeout()), Math.max(0, ms));
    };
    arm(left, timeoutMs);
    const starting = async <T>(start: Promise<T>): Promise<T> => {
      if (starts++ === 0) {
        left -= Date.now() - armedAt;
        arm(startTimeoutMs, startTimeoutMs);
      }
      try {
        return await start;
      } finally {
        if (--starts === 0 && !over) arm(left, timeoutMs);
      }
    };
    let result: CheckResult;
    try {
      if (check.needsPixels && input.image === undefined) {
        throw new SaidError(said('noteNoPicture'));
      }
      const report = (findings: Finding[]): void => {
        if (!controller.signal.aborted) options.onPartial?.(check.name, findings);
      };
      const out = await Promise.race([check.run(input, controller.signal, report, starting), timeout]);
      result = { check: check.name, status: 'done', findings: out.findings, ms: now() - started };
      if (out.notes && out.notes.length > 0) result.notes = out.notes;
    } catch (error) {
      controller.abort();
      // The person is told in their words; an engine's own message is kept only as `detail`.
      const note =
        error instanceof CheckTimeout
          ? said('noteCheckTimedOut', String(Math.round(limit / 1000)))
          : error instanceof SaidError
            ? error.said
            : said('noteCheckCouldNotRun');
      result = { check: check.name, status: 'failed', findings: [], notes: [note], ms: now() - started };
      if (!(error instanceof CheckTimeout) && !(error instanceof SaidError)) result.detail = error instanceof Error ? error.message : String(error);
    } finally {
      over = true;
      clearTimeout(timer);
    }
    onResult(result);
    return result;
  };
  // One task apart, in the order given: in a worker the checks share one thread, and each one's
  // first synchronous step runs before the next check starts. The faces check, first, shows its
  // first look (~45 ms on 12 MP) before the text check's print finder (~45 ms) and the barcode
  // check's first read (~300 ms) hold the thread (faces shown 263 -> 200 ms, bench).
  const running: Promise<CheckResult>[] = [];
  for (const [i, check] of checks.entries()) {
    if (i > 0) await takeTurns();
    running.push(runOne(check));
  }
  return Promise.all(running);
}
