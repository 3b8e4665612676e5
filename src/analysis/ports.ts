import type { ImageType } from '../common/image-type';
import type { Said } from '../common/said';
import type { CheckName, Finding } from '../common/findings';

/**
 * What every check receives. `image` is the engine-side handle of the decoded, upright
 * picture (an `ImageBitmap` in the browser); pure code never looks inside it.
 */
export interface CheckInput<Img> {
  /** The file's bytes; checks that need pixels may get only its head (they read the picture). */
  bytes: Uint8Array;
  type: ImageType;
  image: Img | undefined;
  width: number;
  height: number;
}

export interface CheckOutput {
  findings: Finding[];
  /** What could not be read (e.g. damaged location data), as `_locales` messages. */
  notes?: Said[];
}

/**
 * Wraps the start of a check's engine (WASM, model, traineddata): that time is not counted
 * against the check's own limit, but bounded by a limit of its own. An engine's first start
 * under load took longer than the whole 10 s a check is given, and the person's first photo
 * with print was then "not checked" only because the machine was busy.
 */
export type EngineStart = <T>(start: Promise<T>) => Promise<T>;

export interface WarmOptions {
  /**
   * The warm-up comes ahead of any photo (a person's press or drag), not with one. Only then
   * is there time for an engine that helps from the first photo only if it is ready before it.
   * Default true.
   */
  ahead?: boolean;
}

/**
 * A port the pipeline drives. Engines (MediaPipe, tesseract, zxing) implement it in
 * `src/engines`; unit tests implement it with plain fakes.
 */
export interface Check<Img> {
  readonly name: CheckName;
  /** Whether this check needs the decoded picture (metadata does not). */
  readonly needsPixels: boolean;
  /**
   * `report` may be called with findings known so far (e.g. faces from a quick first pass),
   * so the dialog can warn before the slower part of the check is done.
   */
  run(input: CheckInput<Img>, signal: AbortSignal, report?: (findings: Finding[]) => void, starting?: EngineStart): Promise<CheckOutput>;
  /** Loads models ahead of the first photo (optional; engines that load nothing skip it). */
  warm?(options?: WarmOptions): Promise<void>;
  /** Lets its engine go (a check replaced by one with other settings); optional. */
  close?(): void | Promise<void>;
}
