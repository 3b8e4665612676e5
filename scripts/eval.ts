/**
 * `npm run eval -- --dir FOLDER [--json]`
 *
 * Runs every image labelled in FOLDER/labels.json through the scan page (it runs
 * `scripts/scan.ts --json`, the very code of `npm run scan`) and scores the findings:
 * face recall by face size and false alarms, ID-like text and barcodes, GPS metadata,
 * and per-check median/p90 times. Exit 2 when the folder or its labels are missing.
 *
 * Then the outcome on ID documents: the documents listed in scripts/eval-identifiers.json
 * are scanned again with `--out` (their protected copies, all protections on), and an
 * independent reader (Debian's tesseract CLI, scripts/lib/tesseract-cli.ts) says which
 * labelled identifiers it can still read in each copy. Skipped, with the reason printed,
 * when tesseract is not installed.
 *
 * And the outcome on face photos: the labelled photos of faces/ are scanned with `--out` too
 * (one scan for both parts), and a second, independent face detector (OpenCV's Haar
 * cascades, scripts/lib/face-reader.ts) counts the faces it finds in each original and in
 * its protected copy. Skipped, with the reason printed, when OpenCV is not installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { evaluate, formatReport, imageEntries, type Labels, type ScanResult } from './lib/eval-score';
import { facePhotos, formatFaceOutcome, scoreFaceOutcome, type FaceOutcome, type ReaderRead } from './lib/face-outcome';
import { findFaceReader, readFaces, type FaceReader } from './lib/face-reader';
import { formatLeaks, type LeakScore } from './lib/identifiers';
import { copyOf, loadIdentifierLabels, measureLeaks, READER_LANGUAGES } from './lib/leak-eval';
import { describeReader, readerUnavailable } from './lib/tesseract-cli';
import { parseCli, usageError } from './lib/cli-args';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run eval -- --dir <folder with labels.json> [--json] [--only faces] [--files TEXT]...';

interface Args {
  dir: string | undefined;
  json: boolean;
  /** `faces`: run only the faces check, print only the faces parts (a quicker iteration). */
  only: 'faces' | undefined;
  /** Keep only the labelled names containing one of these (e.g. `faces/`, `deface`). */
  files: string[];
}

function parseArgs(argv: string[]): Args {
  const { values } = parseCli(
    argv,
    {
      options: {
        dir: { type: 'string' },
        json: { type: 'boolean', default: false },
        only: { type: 'string' },
        files: { type: 'string', multiple: true, default: [] },
      },
    },
    USAGE,
  );
  if (values.only !== undefined && values.only !== 'faces') fail(`--only takes \`faces\`, not ${values.only}`);
  return { dir: values.dir, json: values.json, only: values.only, files: values.files };
}

function fail(message: string): never {
  return usageError(message, USAGE);
}

/** Runs scan.ts on the files; resolves with one result per file, keyed back to its label name. */
function scanAll(dir: string, names: string[], out?: string, checks?: string[]): Promise<ScanResult[]> {
  const byPath = new Map(names.map((n) => [join(dir, n), n]));
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const args = [join(ROOT, 'scripts/scan.ts'), '--json', ...(out ? ['--out', out] : []), ...(checks ? ['--checks', checks.join(',')] : []), ...byPath.keys()];
  const child = spawn(tsx, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const results: ScanResult[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (text) => {
    let line: ScanResult;
    try {
      line = JSON.parse(text) as ScanResult;
    } catch {
      process.stderr.write(`${text}\n`);
      return;
    }
    const name = byPath.get(line.file) ?? relative(dir, line.file);
    results.push({ ...line, file: name });
    process.stderr.write(`\r${results.length}/${names.length} ${name.padEnd(60).slice(0, 60)}`);
  });
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      process.stderr.write('\n');
      if (code !== 0 && results.length < names.length) reject(new Error(`scan exited with ${code} after ${results.length} of ${names.length} files`));
      else resolvePromise(results);
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.dir) fail('No folder given: pass --dir <folder with labels.json>.');
  const dir = resolve(args.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${args.dir} is not a folder.`);
  const labelsPath = join(dir, 'labels.json');
  if (!existsSync(labelsPath)) fail(`${args.dir} has no labels.json: the eval needs labelled photos.`);
  let labels: Labels;
  try {
    labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Labels;
  } catch (error) {
    fail(`${labelsPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!existsSync(join(ROOT, 'dist/manifest.json'))) fail('The extension is not built: run `npm run build` first.');
  const wanted = (n: string): boolean => args.files.length === 0 || args.files.some((f) => n.includes(f));
  const names = imageEntries(labels).filter((n) => existsSync(join(dir, n)) && wanted(n));
  const absent = imageEntries(labels).filter(wanted).length - names.length;
  if (names.length === 0) fail(`${labelsPath} labels no image that exists in the folder${args.files.length ? ` and matches --files ${args.files.join(' ')}` : ''}.`);
  const started = Date.now();
  if (args.only === 'faces') {
    await facesOnly(dir, labels, names, args.json, started);
    return;
  }
  const results = await scanAll(dir, names);
  const report = evaluate(results, labels);
  const { leaks, faces } = await outcomes(dir, labels, names);
  if (args.json) {
    console.log(JSON.stringify({
      dir, seconds: (Date.now() - started) / 1000, absent, ...report,
      leaks: 'skipped' in leaks ? leaks : leaks.score,
      secondFaceReader: 'skipped' in faces ? faces : { reader: faces.reader, ...faces.score },
    }));
    return;
  }
  console.log(`# eval: ${report.images} labelled images in ${args.dir}${absent ? ` (${absent} labelled but absent)` : ''}, ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(formatReport(report));
  if ('skipped' in leaks) console.log(`### ID documents: identifiers still readable in the protected copy\n\nSkipped: ${leaks.skipped}.\n`);
  else console.log(formatLeaks(leaks.score, leaks.reader));
  if ('skipped' in faces) console.log(`### Faces: what a second face detector still finds in the protected copy\n\nSkipped: ${faces.skipped}.\n`);
  else console.log(formatFaceOutcome(faces.score, faces.reader));
}

type Part<T> = { score: T; reader: string } | { skipped: string };

/**
 * The outcome parts: protected copies (one `scan --out` run) of the labelled ID documents,
 * read by the independent text reader, and of the labelled face photos, read by the second
 * face detector. Each part is skipped, with its reason, when its reader is missing.
 */
async function outcomes(dir: string, labels: Labels, scanned: readonly string[]): Promise<{ leaks: Part<LeakScore>; faces: Part<FaceOutcome> }> {
  let leaks: Part<LeakScore> | undefined;
  let faces: Part<FaceOutcome> | undefined;
  const unavailable = readerUnavailable(READER_LANGUAGES);
  const identifiers = loadIdentifierLabels();
  const idNames = Object.keys(identifiers).filter((n) => scanned.includes(n));
  if (unavailable) leaks = { skipped: unavailable };
  else if (idNames.length === 0) leaks = { skipped: `none of the documents of ${relative(ROOT, join(ROOT, 'scripts/eval-identifiers.json'))} is in ${dir}` };
  const faceReader = findFaceReader();
  const faceNames = facePhotos(labels).filter((n) => scanned.includes(n));
  if ('unavailable' in faceReader) faces = { skipped: faceReader.unavailable };
  else if (faceNames.length === 0) faces = { skipped: `${dir} has no labelled face photo in faces/` };
  const names = [...new Set([...(leaks ? [] : idNames), ...(faces ? [] : faceNames)])];
  if (names.length === 0) return { leaks: leaks as Part<LeakScore>, faces: faces as Part<FaceOutcome> };
  const copies = mkdtempSync(join(tmpdir(), 'ug-eval-copies-'));
  try {
    process.stderr.write('Protected copies:\n');
    let written: ScanResult[];
    try {
      written = await scanAll(dir, names, copies);
    } catch (error) {
      const skipped = `the protected copies could not be made (${error instanceof Error ? error.message : String(error)})`;
      return { leaks: leaks ?? { skipped }, faces: faces ?? { skipped } };
    }
    if (!leaks) {
      const score = await measureLeaks(dir, copies, identifiers, (name) => process.stderr.write(`\rreading ${name.padEnd(50).slice(0, 50)}`));
      process.stderr.write('\n');
      leaks = { score, reader: describeReader(READER_LANGUAGES) };
    }
    if (!faces && !('unavailable' in faceReader)) faces = await faceOutcome(dir, copies, faceNames, written, labels, faceReader);
    return { leaks, faces: faces as Part<FaceOutcome> };
  } finally {
    rmSync(copies, { recursive: true, force: true });
  }
}

/**
 * `--only faces`: one scan with the faces check alone, writing the protected copies as it
 * goes, scored for faces only; then the second face detector on the face photos among them.
 */
async function facesOnly(dir: string, labels: Labels, names: string[], json: boolean, started: number): Promise<void> {
  const copies = mkdtempSync(join(tmpdir(), 'ug-eval-copies-'));
  try {
    const results = await scanAll(dir, names, copies, ['faces']);
    const report = evaluate(results, labels);
    const faceReader = findFaceReader();
    const faceNames = facePhotos(labels).filter((n) => names.includes(n));
    const faces: Part<FaceOutcome> =
      'unavailable' in faceReader ? { skipped: faceReader.unavailable }
      : faceNames.length === 0 ? { skipped: 'no labelled face photo of faces/ was scanned' }
      : await faceOutcome(dir, copies, faceNames, results, labels, faceReader);
    const seconds = (Date.now() - started) / 1000;
    if (json) {
      console.log(JSON.stringify({ dir, seconds, only: 'faces', images: report.images, faces: report.faces, perPhoto: facePerPhoto(results, labels), timings: report.timings, secondFaceReader: 'skipped' in faces ? faces : { reader: faces.reader, ...faces.score } }));
      return;
    }
    console.log(`# eval, faces only: ${report.images} labelled images in ${dir}, ${Math.round(seconds)} s\n`);
    console.log(formatReport(report, 'faces'));
    if (report.faces.missed.length) console.log(['Missed boxes [x, y, w, h]:', ...report.faces.missed.map((m) => `- ${m.file}: [${m.box.join(', ')}]`), ''].join('\n'));
    console.log(['### Faces per photo (detected / labelled)', '', ...facePerPhoto(results, labels).map((p) => `- ${p.file}: ${p.detected} / ${p.labelled}`), ''].join('\n'));
    if ('skipped' in faces) console.log(`### Faces: what a second face detector still finds in the protected copy\n\nSkipped: ${faces.skipped}.\n`);
    else console.log(formatFaceOutcome(faces.score, faces.reader));
  } finally {
    rmSync(copies, { recursive: true, force: true });
  }
}

/** Detected and labelled face counts of every photo with faces or with a detection. */
function facePerPhoto(results: readonly ScanResult[], labels: Labels): { file: string; detected: number; labelled: number }[] {
  return results
    .map((r) => ({ file: r.file, detected: r.findings.filter((f) => f.kind === 'face').length, labelled: labels[r.file]?.faces ?? 0 }))
    .filter((p) => p.detected > 0 || p.labelled > 0);
}

/** The second face detector on each face photo and on its protected copy. */
async function faceOutcome(dir: string, copies: string, names: string[], written: ScanResult[], labels: Labels, reader: FaceReader): Promise<Part<FaceOutcome>> {
  const outOf = new Map(written.map((r) => [r.file, r.out]));
  const pairs = names.map((n) => ({ name: n, original: join(dir, n), copy: outOf.get(n) ?? copyOf(copies, n) }));
  process.stderr.write('second face reader: originals and copies\n');
  let read: Map<string, ReaderRead>;
  try {
    read = await readFaces(reader, pairs.flatMap((p) => (p.copy ? [p.original, p.copy] : [p.original])));
  } catch (error) {
    return { skipped: `the face reader failed (${error instanceof Error ? error.message : String(error)})` };
  }
  const reads = new Map<string, { original: ReaderRead; copy: ReaderRead } | { skipped: string }>();
  for (const p of pairs) {
    const original = read.get(p.original);
    const copy = p.copy ? read.get(p.copy) : undefined;
    reads.set(p.name, original && copy ? { original, copy } : { skipped: 'no protected copy was written' });
  }
  return { score: scoreFaceOutcome(labels, reads), reader: reader.description };
}

main().catch((error: unknown) => {
  console.error(`eval could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
