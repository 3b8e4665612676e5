import type { Box } from '../findings';

/** One recognised line of text, as any OCR engine can give it. */
export interface OcrLine {
  text: string;
  /** Line box in pixels of the upright image. */
  box: Box;
  /** Recognition confidence 0..1. */
  confidence: number;
}
