/// <reference lib="webworker" />
import type { AnalysisToTileWorker, TileWorkerToAnalysis } from '../analysis/faces/tile-messages';
import { createPassDetector } from '../engines/faces/mediapipe-faces';
import { ENGINE_URLS } from './engine-urls';

/**
 * The second face detector, started by the analysis worker (as its own bundle, by name, see
 * create-checks.ts): it looks at the share of a photo's tiles it is sent (a second core) and
 * answers with the detections. It talks only to the analysis worker that started it, and
 * its network is locked as the analysis worker's is.
 */
export function startTileWorker(scope: DedicatedWorkerGlobalScope): void {
  const detector = createPassDetector({ wasmBaseUrl: ENGINE_URLS.mediapipeWasmBase(), modelUrl: ENGINE_URLS.faceModel(), wasmModule: true });
  const post = (message: TileWorkerToAnalysis): void => scope.postMessage(message);

  scope.onmessage = (event: MessageEvent<AnalysisToTileWorker>) => {
    const message = event.data;
    if (message.type === 'warm') {
      void detector.ready().then(
        () => {
          detector.detect(new OffscreenCanvas(64, 64), { kind: 'overview', region: [0, 0, 64, 64], outW: 64, outH: 64 });
          post({ type: 'warm', id: message.id });
        },
        () => post({ type: 'failed', id: message.id }),
      );
      return;
    }
    if (message.type !== 'tiles') return;
    const { id, image, passes } = message;
    void detector
      .ready()
      .then(() => post({ type: 'tiles', id, detections: passes.map((pass) => detector.detect(image, pass)) }))
      .catch(() => post({ type: 'failed', id }))
      .finally(() => image.close());
  };
}
