/**
 * The eval's independent reader: Debian's tesseract CLI (not the tesseract.js the extension
 * ships), run at several scales and page modes so that a copy counts as protected only if
 * none of them reads the identifier. Installed for the eval only:
 * `apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra` (+ jpn, hin).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeImage, encodePng, upscale } from './raster';

const run = promisify(execFile);

/** Block (6) keeps whole lines; sparse (11) finds scattered words that block mode drops. */
export const READER_PASSES: ReadonlyArray<{ scale: number; psm: number }> = [
  { scale: 1, psm: 6 }, { scale: 1, psm: 11 }, { scale: 2, psm: 6 }, { scale: 2, psm: 11 },
];

/** Why the reader cannot run here, or undefined when it can. */
export function readerUnavailable(languages: readonly string[]): string | undefined {
  let listed: string;
  try {
    listed = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return 'tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra)';
  }
  const have = new Set(listed.split('\n').map((l) => l.trim()));
  const missing = languages.filter((l) => !have.has(l));
  return missing.length ? `tesseract lacks traineddata for ${missing.join(', ')} (apt-get install ${missing.map((l) => `tesseract-ocr-${l}`).join(' ')})` : undefined;
}

export function describeReader(languages: readonly string[]): string {
  const version = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? 'tesseract';
  return `${version.trim()} CLI, -l ${languages.join('+')}, ${READER_PASSES.map((p) => `${p.scale}× --psm ${p.psm}`).join(', ')}`;
}

/** All lines read in `path` over every pass; undefined if the file cannot be decoded here. */
export async function readAllPasses(path: string, languages: readonly string[]): Promise<string[] | undefined> {
  const img = decodeImage(path);
  if (!img) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ug-reader-'));
  try {
    const lines: string[] = [];
    for (const scale of [...new Set(READER_PASSES.map((p) => p.scale))]) {
      const file = join(dir, `x${scale}.png`);
      writeFileSync(file, encodePng(scale === 1 ? img : upscale(img, scale)));
      for (const { psm } of READER_PASSES.filter((p) => p.scale === scale)) {
        const { stdout } = await run('tesseract', [file, 'stdout', '--psm', String(psm), '-l', languages.join('+')], {
          maxBuffer: 16 << 20,
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        });
        lines.push(...stdout.split('\n').filter((l) => l.trim() !== ''));
      }
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
