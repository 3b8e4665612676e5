/**
 * Glue between the labelled identifiers, the protected copies written by `scan --out` and
 * the independent reader: reads each original and its copy, then scores (identifiers.ts).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { scoreLeaks, type IdentifierLabels, type LeakScore } from './identifiers';
import { readAllPasses } from './tesseract-cli';

export const IDENTIFIER_LABELS = join(import.meta.dirname, '..', 'eval-identifiers.json');
/** The documents are Latin-script; more languages only add misreads and time. */
export const READER_LANGUAGES = ['eng', 'fra'];

export function loadIdentifierLabels(path = IDENTIFIER_LABELS): IdentifierLabels {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('_'))) as IdentifierLabels;
}

/** The copy of `name` in `copies`: same base name, or the same with a converted extension. */
export function copyOf(copies: string, name: string): string | undefined {
  const base = basename(name);
  if (existsSync(join(copies, base))) return join(copies, base);
  const stem = basename(base, extname(base));
  const other = readdirSync(copies).find((f) => f.startsWith(`${base}.`) || basename(f, extname(f)) === stem);
  return other ? join(copies, other) : undefined;
}

export async function measureLeaks(
  fixtures: string,
  copies: string,
  labels: IdentifierLabels,
  onFile: (name: string) => void = () => {},
): Promise<LeakScore> {
  const reads = new Map<string, { original: string[]; copy: string[] } | { skipped: string }>();
  for (const name of Object.keys(labels)) {
    const original = join(fixtures, name);
    if (!existsSync(original)) continue;
    onFile(name);
    const copyPath = copyOf(copies, name);
    if (!copyPath) {
      reads.set(name, { skipped: 'no protected copy was written' });
      continue;
    }
    const [o, c] = [await readAllPasses(original, READER_LANGUAGES), await readAllPasses(copyPath, READER_LANGUAGES)];
    reads.set(name, o && c ? { original: o, copy: c } : { skipped: 'the reader cannot decode this type' });
  }
  return scoreLeaks(labels, reads);
}
