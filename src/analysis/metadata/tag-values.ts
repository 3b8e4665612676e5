import type { Blocks } from './exifr-blocks';

/** Placeholder values cameras and tools write when there is nothing to say. */
const PLACEHOLDER = /^(unknown|default|none|n\/?a|null|-+|\?+|untitled|0+|OLYMPUS DIGITAL CAMERA|SONY DSC|DIGITAL CAMERA)$/i;

function decodeUserComment(b: Uint8Array): string {
  // Too short to hold the set's name (a writer that left it out): all of it is the text.
  if (b.length < 8) return new TextDecoder('utf-8').decode(b);
  const charset = String.fromCharCode(...b.subarray(0, 8)).replace(/\0+$/, '');
  const body = b.subarray(8);
  if (charset === 'UNICODE') {
    // Byte order is not declared; UTF-16LE is what Windows and most phones write.
    return new TextDecoder('utf-16le').decode(body);
  }
  return new TextDecoder('utf-8').decode(body);
}

/** Windows XP* tags are UTF-16LE; other byte values are taken as UTF-8. */
function decodeBytes(b: Uint8Array): string {
  const looksUtf16 = b.length >= 2 && b[1] === 0 && b[0] !== 0;
  return new TextDecoder(looksUtf16 ? 'utf-16le' : 'utf-8').decode(b);
}

/** EXIF UserComment starts with an 8-byte character set name. */
const USER_COMMENT_REFS = new Set(['exif:UserComment', 'userComment:value']);

/** A tag value as plain text, or undefined when it says nothing (empty, placeholder). */
export function textOf(value: unknown, userComment = false): string | undefined {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (value instanceof Uint8Array) text = userComment ? decodeUserComment(value) : decodeBytes(value);
  else if (Array.isArray(value)) text = value.map((v) => textOf(v)).filter(Boolean).join(', ');
  else if (value && typeof value === 'object' && 'value' in value) text = textOf((value).value);
  if (text === undefined) return undefined;
  const clean = text.replace(/\0/g, '').replace(/\s+/g, ' ').trim();
  return clean && !PLACEHOLDER.test(clean) ? clean : undefined;
}

/** The same value written twice (EXIF "0000129324", XMP 129324) counts once. */
export const sameValueKey = (text: string): string => text.toLowerCase().replace(/^0+(?=\d)/, '');

/** `block:Key` references, looked up in order; the texts found, without repeats. */
export function textsAt(blocks: Blocks, refs: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const ref of refs) {
    const [block, key] = ref.split(':') as [string, string];
    const text = textOf(blocks[block]?.[key], USER_COMMENT_REFS.has(ref));
    if (text && !seen.has(sameValueKey(text))) seen.set(sameValueKey(text), text);
  }
  return [...seen.values()];
}

/** Every value under `key` anywhere inside a nested value (XMP structures and lists). */
export function deepValues(value: unknown, keys: ReadonlySet<string>, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 8 || !value || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) deepValues(v, keys, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (keys.has(k)) out.push(v);
    else deepValues(v, keys, out, depth + 1);
  }
  return out;
}
