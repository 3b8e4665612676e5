import type { Box } from '../../common/findings';

/** One recognised line of text, as any OCR engine can give it. */
export interface OcrLine {
  text: string;
  /** Line box in pixels of the upright image. */
  box: Box;
  /** Recognition confidence 0..1. */
  confidence: number;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々';
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

/**
 * Japanese is written without spaces, but OCR often reads a space between every two kanji
 * ("氏 名 山 田 花 子"), more so without its word list (which the build leaves out): the
 * labels are matched as written ("氏名"), so those spaces go.
 */
export function joinCjkSpaces(text: string): string {
  return text.replace(SPACE_IN_CJK, '');
}
