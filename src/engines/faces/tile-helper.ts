import type { AnalysisToTileWorker, TileWorkerToAnalysis } from '../../analysis/faces/tile-messages';
import type { DetectionPass } from '../../analysis/faces/plan-passes';
import type { PassDetections, TileHelper } from './mediapipe-faces';

/**
 * The face check's side of the tile worker: asks it for a share of a photo's tiles and
 * gives back its detections. Any trouble (the worker cannot start, an engine fails, the
 * worker dies) rejects, and the face check looks at those tiles itself.
 */
export function createTileHelper(spawn: () => Worker): TileHelper {
  let worker: Worker | undefined;
  let next = 0;
  let warming: Promise<void> | undefined;
  let warm = false;
  const waiting = new Map<number, { resolve: (m: TileWorkerToAnalysis) => void; reject: (e: Error) => void }>();

  const failAll = (why: string): void => {
    for (const w of waiting.values()) w.reject(new Error(why));
    waiting.clear();
    worker?.terminate();
    worker = undefined;
    warming = undefined;
    warm = false;
  };

  const ask = (message: AnalysisToTileWorker, transfer: Transferable[] = []): Promise<TileWorkerToAnalysis> => {
    if (!worker) {
      worker = spawn();
      worker.onmessage = (event: MessageEvent<TileWorkerToAnalysis>) => {
        const reply = event.data;
        const w = waiting.get(reply.id);
        waiting.delete(reply.id);
        w?.resolve(reply);
      };
      worker.onerror = () => failAll('the face tile worker failed');
    }
    const target = worker;
    return new Promise((resolve, reject) => {
      waiting.set(message.id, { resolve, reject });
      target.postMessage(message, transfer);
    });
  };

  return {
    async detect(image: ImageBitmap, passes: readonly DetectionPass[]): Promise<PassDetections[]> {
      // A copy for the worker (the check keeps looking at its own): an ImageBitmap is sent
      // by handle, without copying its pixels, and closed by the worker when it is done.
      const copy = await createImageBitmap(image);
      const reply = await ask({ type: 'tiles', id: ++next, image: copy, passes: [...passes] }, [copy]);
      if (reply.type !== 'tiles' || reply.detections.length !== passes.length) throw new Error('the face tile worker could not look');
      return reply.detections;
    },
    warm(): Promise<void> {
      warming ??= ask({ type: 'warm', id: ++next }).then((reply) => {
        if (reply.type !== 'warm') throw new Error('the face tile worker could not start');
        warm = true;
      });
      // A failed start may be tried again with the next photo.
      warming.catch(() => (warming = undefined));
      return warming;
    },
    isWarm: () => warm,
    close(): void {
      failAll('closed');
    },
  };
}
