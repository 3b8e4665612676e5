import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The `_locales` files against each other and against the source: every locale has exactly
 * en's keys, no empty message, and the `$1`-style substitutions en uses; every key the source
 * asks for exists in en (a missing one would show as the bare key in the UI).
 */

const LOCALES_DIR = 'public/_locales';
const BASE = 'en';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Entry>;

function readMessages(locale: string): Messages {
  const file = join(LOCALES_DIR, locale, 'messages.json');
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as Messages;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

const locales = readdirSync(LOCALES_DIR)
  .filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory())
  .sort();
const en = readMessages(BASE);
const enKeys = Object.keys(en);

/** `$1`…`$9` and named `$name$` references; `$$` is a literal dollar sign, not a placeholder. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  for (const m of message.replace(/\$\$/g, '').matchAll(/\$(\d|[A-Za-z0-9_@]+\$)/g)) found.add(m[0]);
  return [...found].sort();
}

/** Missing and extra keys, in words a translator can act on (empty when the sets match). */
function keyDifferences(keys: string[]): string[] {
  const have = new Set(keys);
  const missing = enKeys.filter((k) => !have.has(k));
  const extra = keys.filter((k) => !(k in en));
  return [...(missing.length ? [`missing: ${missing.join(', ')}`] : []), ...(extra.length ? [`extra: ${extra.join(', ')}`] : [])];
}

describe('_locales', () => {
  it('has the base locale and at least one other', () => {
    expect(locales).toContain(BASE);
    expect(locales.length).toBeGreaterThan(1);
  });

  describe.each(locales)('%s', (locale) => {
    // Parsing inside the tests, so a broken file fails its own tests, not the whole suite.
    const load = (): Messages => readMessages(locale);

    it('parses as JSON with an object of { message } entries', () => {
      const messages = load();
      expect(typeof messages === 'object' && messages !== null && !Array.isArray(messages)).toBe(true);
      const bad = Object.entries(messages)
        .filter(([, e]) => typeof e !== 'object' || e === null || typeof (e as Partial<Entry>).message !== 'string')
        .map(([k]) => k);
      expect(bad, 'entries without a string "message"').toEqual([]);
    });

    it("has exactly en's keys", () => {
      expect(keyDifferences(Object.keys(load())), `${locale} keys differ from en`).toEqual([]);
    });

    it('has no empty message', () => {
      const empty = Object.entries(load())
        .filter(([, e]) => typeof e?.message !== 'string' || e.message.trim() === '')
        .map(([k]) => k);
      expect(empty, `${locale}: empty messages`).toEqual([]);
    });

    it("keeps en's $n placeholders (and adds none)", () => {
      const messages = load();
      const wrong: string[] = [];
      for (const key of enKeys) {
        const message = messages[key]?.message;
        if (typeof message !== 'string') continue; // reported by the key test
        const want = placeholders(en[key]!.message);
        const got = placeholders(message);
        if (want.join() !== got.join()) wrong.push(`${key}: en has [${want.join(' ')}], ${locale} has [${got.join(' ')}]`);
      }
      expect(wrong, `${locale}: placeholder mismatches`).toEqual([]);
    });

    it('keeps the store name and description within Chrome’s limits (75 and 132 characters)', () => {
      const messages = load();
      const name = messages.extName?.message ?? '';
      const description = messages.extDescription?.message ?? '';
      expect([...name].length, `${locale}: extName length`).toBeLessThanOrEqual(75);
      expect([...description].length, `${locale}: extDescription length`).toBeLessThanOrEqual(132);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Keys the source refers to.

function filesUnder(dir: string, exts: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path, exts);
    return exts.some((x) => e.name.endsWith(x)) ? [path] : [];
  });
}

interface Reference {
  key: string;
  where: string;
}

const sources = [...filesUnder('src', ['.ts', '.html']), 'manifest.json'].map((path) => ({
  path: relative('.', path),
  text: readFileSync(path, 'utf8'),
}));

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function collect(pattern: RegExp, group = 1, only?: (path: string) => boolean): Reference[] {
  const refs: Reference[] = [];
  for (const { path, text } of sources) {
    if (only && !only(path)) continue;
    for (const m of text.matchAll(pattern)) refs.push({ key: m[group]!, where: `${path}:${lineOf(text, m.index)}` });
  }
  return refs;
}

const isTs = (path: string): boolean => path.endsWith('.ts');

/** Direct references: `t('k')`, `said('k')`, `getMessage("k")`, `noticeText('k')`, `__MSG_k__`, `data-i18n="k"`. */
const directRefs = [
  ...collect(/(?<![\w$.])t\(\s*(['"])([^'"\n]+)\1/g, 2, isTs),
  ...collect(/(?<![\w$.])said\(\s*(['"])([^'"\n]+)\1/g, 2, isTs),
  ...collect(/\bgetMessage\(\s*(['"])([^'"\n]+)\1/g, 2, isTs),
  ...collect(/\bnoticeText\(\s*(['"])([^'"\n]+)\1/g, 2, isTs),
  ...collect(/__MSG_(\w+?)__/g),
  ...collect(/\bdata-i18n=(["'])([^"'\s]+)\1/g, 2),
].filter((r) => !r.key.startsWith('@@')); // @@ui_locale, @@bidi_dir… are built in

/**
 * Keys built from a template: `t(`prefix${…}`)` anywhere, and `` `someKey_${…}` `` (the
 * project's `findingText_${field}` / `choice_${value}` style) wherever the key is put together.
 */
const templatePrefixes = [
  ...collect(/(?<![\w$.])t\(\s*`([^`$]+)\$\{/g, 1, isTs),
  ...collect(/`([a-z][A-Za-z0-9]*_)\$\{/g, 1, isTs),
];

/**
 * Keys handed over indirectly (`titleKey: 'findingFace'`, a lookup table, a ternary inside
 * `t(…)`): string literals shaped like a key from one of en's families (`popup…`, `finding…`,
 * `why…`, families with at least three keys). A literal that only looks like a key goes in
 * NOT_MESSAGE_KEYS.
 */
const NOT_MESSAGE_KEYS = new Set<string>([]);
const familyOf = (key: string): string => /^[a-z]+/.exec(key)?.[0] ?? '';
const familySizes = new Map<string, number>();
for (const k of enKeys) familySizes.set(familyOf(k), (familySizes.get(familyOf(k)) ?? 0) + 1);
const literalRefs = collect(/(['"])([a-z]+[A-Z_][A-Za-z0-9_]*)\1/g, 2, isTs).filter(
  (r) => (familySizes.get(familyOf(r.key)) ?? 0) >= 3 && !NOT_MESSAGE_KEYS.has(r.key),
);

const missingInEn = (refs: Reference[]): string[] =>
  [...new Set(refs.filter((r) => !(r.key in en)).map((r) => `${r.key} (${r.where})`))].sort();

describe('message keys used by the source', () => {
  it('finds references at all (the patterns still match the code)', () => {
    expect(directRefs.length).toBeGreaterThan(20);
    expect(templatePrefixes.length).toBeGreaterThan(0);
  });

  it('every key used directly exists in en', () => {
    expect(missingInEn(directRefs), 'keys used in src/ but missing from en/messages.json').toEqual([]);
  });

  it('every key written as a string literal exists in en', () => {
    expect(missingInEn(literalRefs), 'key-like literals in src/ missing from en/messages.json').toEqual([]);
  });

  it('every template-built key has at least one en key with its prefix', () => {
    const orphans = templatePrefixes
      .filter((r) => !enKeys.some((k) => k.startsWith(r.key) && k !== r.key))
      .map((r) => `${r.key}… (${r.where})`);
    expect([...new Set(orphans)].sort(), 'template keys with no matching en key').toEqual([]);
  });
});
