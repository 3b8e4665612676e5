/**
 * The analysis worker and its face tile worker (the second detector, see `shareTiles`):
 * both are the extension's own code, so these messages are not guarded like the others.
 */
import type { Box } from '../../common/findings';
import type { DetectionPass } from './plan-passes';

/** A share of a photo's tiles for the second face detector (see `shareTiles`). */
export type AnalysisToTileWorker = { type: 'tiles'; id: number; image: ImageBitmap; passes: DetectionPass[] } | { type: 'warm'; id: number };

/** Detections per pass, in photo pixels, in the order asked; `failed`: look at them yourself. */
export type TileWorkerToAnalysis = { type: 'tiles'; id: number; detections: { box: Box; score: number }[][] } | { type: 'failed'; id: number } | { type: 'warm'; id: number };
