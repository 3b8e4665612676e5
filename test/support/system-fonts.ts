import { execFileSync } from 'node:child_process';

/**
 * Whether fontconfig knows a font for this language (`fc-list :lang=ja`). Chromium draws
 * text on a canvas with the system's fonts: without a Japanese one, a label "written" in
 * kanji is a row of empty boxes, and a test that reads it would fail for the machine, not
 * for the product.
 */
export function hasFontFor(lang: string): boolean {
  try {
    return execFileSync('fc-list', [`:lang=${lang}`], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}
