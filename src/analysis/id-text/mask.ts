/**
 * Snippets shown in the dialog and printed by `scan --json` are masked: enough to tell
 * the person which line was meant ("DOB 1•/••/••75"), not enough to copy their data
 * out of a log or a bug report.
 */
import { snippet } from '../../common/findings';
import type { IdField } from './labels';

const DOT = '•';

/** Letters: keep the first of each word. Digits are handled over the whole value. */
function maskWord(token: string): string {
  return Array.from(token)
    .map((c, i) => (i > 0 && /[\p{L}\p{M}]/u.test(c) ? DOT : c))
    .join('');
}

/**
 * Keep only the last two digits of the whole value: they tell two numbers apart without
 * giving either away (a phone printed as "01 23 45 67 89" must not survive by groups).
 */
function maskDigits(value: string): string {
  let keep = 2;
  return Array.from(value)
    .reverse()
    .map((c) => {
      if (!/\d/.test(c)) return c;
      if (keep > 0) {
        keep -= 1;
        return c;
      }
      return DOT;
    })
    .reverse()
    .join('');
}

function maskToken(token: string): string {
  return /\d/.test(token) ? token.replace(/[\p{L}\p{M}]/gu, DOT) : maskWord(token);
}

export function maskValue(value: string, field: IdField): string {
  const v = value.trim();
  if (field === 'email') {
    const at = v.indexOf('@');
    return at > 0 ? `${v.charAt(0)}${DOT.repeat(3)}${v.slice(at)}` : maskToken(v);
  }
  if (field === 'mrz') {
    // The document code and issuing state say what kind of MRZ it is; the rest is personal.
    const head = /^[PIACV][A-Z<][A-Z<]{3}/i.test(v) ? 5 : 0;
    return v.slice(0, head) + v.slice(head).replace(/[A-Z0-9]/gi, DOT);
  }
  return maskDigits(v.split(/(\s+)/).map((t) => (/^\s+$/.test(t) ? t : maskToken(t))).join(''));
}

/** "Label masked-value", cut to the finding snippet length. */
export function maskedSnippet(label: string, value: string, field: IdField): string {
  const cleanLabel = label.trim().replace(/[\s:：]+$/, '');
  const masked = maskValue(value.replace(/^[\s:：#.\-–—|]+/, ''), field);
  return snippet(cleanLabel ? `${cleanLabel} ${masked}` : masked);
}
