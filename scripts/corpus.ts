/**
 * `npm run corpus -- [--dir DIR] [--mirrors DIR]`
 *
 * Re-creates the real-photo corpus (issue 15) outside the repo: every picture labelled in
 * eval/corpus/labels.json carries a `source` (repository, commit, path, bytes, sha256); this
 * copies each one byte for byte out of the fetched repository snapshot (a bare git directory,
 * `<mirrors>/<owner>+<name>/repo`), checks its sha256, and writes labels.json beside them, so
 * that `npm run eval -- --dir DIR` can score it.
 *
 * Defaults: DIR `../corpus` and mirrors `../.mirror` next to the repo (or `UG_MIRRORS`).
 * Files already in DIR with the right sha256 are left alone. Whatever could not be made is
 * listed, grouped by repository, with what to do (a snapshot not on this machine: fetch it,
 * e.g. with the session's fetch tool, `github:<owner>/<name>`). Exit 0 when every labelled
 * file is in place, 1 when some are missing, 2 on bad arguments.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCli, usageError } from './lib/cli-args';

const ROOT = resolve(import.meta.dirname, '..');
const LABELS = join(ROOT, 'eval/corpus/labels.json');
const USAGE = 'usage: npm run corpus -- [--dir DIR] [--mirrors DIR]';

interface Source {
  repo: string;
  commit: string;
  path: string;
  bytes: number;
  sha256: string;
}

type Outcome = 'written' | 'present' | 'no-mirror' | 'no-commit' | 'no-file' | 'mismatch';

function parseArgs(argv: string[]): { dir: string; mirrors: string } {
  const { values } = parseCli(argv, { options: { dir: { type: 'string' }, mirrors: { type: 'string' } } }, USAGE);
  return {
    dir: folder('--dir', values.dir) ?? resolve(ROOT, '..', 'corpus'),
    mirrors: folder('--mirrors', values.mirrors) ?? process.env.UG_MIRRORS ?? resolve(ROOT, '..', '.mirror'),
  };
}

/** A folder option, resolved; `--dir=` (given, but empty) is an error rather than the current folder. */
function folder(name: string, value: string | undefined): string | undefined {
  if (value === '') usageError(`${name} needs a folder`, USAGE);
  return value === undefined ? undefined : resolve(value);
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The bare git directory of a fetched snapshot: `owner/name` → `<mirrors>/owner+name/repo`. */
function mirrorOf(mirrors: string, repo: string): string {
  return join(mirrors, repo.replace('/', '+'), 'repo');
}

function gitBlob(gitDir: string, commit: string, path: string): Buffer | 'no-commit' | 'no-file' {
  const git = (args: string[]): Buffer => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    git(['cat-file', '-e', `${commit}^{commit}`]);
  } catch {
    return 'no-commit';
  }
  try {
    return git(['show', `${commit}:${path}`]);
  } catch {
    return 'no-file';
  }
}

function place(dir: string, mirrors: string, name: string, source: Source): Outcome {
  const target = join(dir, name);
  if (existsSync(target) && sha256(readFileSync(target)) === source.sha256) return 'present';
  const gitDir = mirrorOf(mirrors, source.repo);
  if (!existsSync(gitDir)) return 'no-mirror';
  const blob = gitBlob(gitDir, source.commit, source.path);
  if (typeof blob === 'string') return blob;
  if (sha256(blob) !== source.sha256) return 'mismatch';
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, blob);
  return 'written';
}

const ADVICE: Record<Exclude<Outcome, 'written' | 'present'>, (repo: string) => string> = {
  'no-mirror': (repo) => `snapshot not on this machine: fetch github:${repo} (the session's fetch tool), then run this again`,
  'no-commit': (repo) => `the snapshot of ${repo} lacks the labelled commit: fetch it again, or relabel from a commit it has`,
  'no-file': (repo) => `the labelled commit of ${repo} has no such path (a file of 4 MiB or more, or Git LFS, is left out of snapshots)`,
  mismatch: (repo) => `the bytes in ${repo} differ from the labelled sha256: do not use them without looking again`,
};

function main(): void {
  const { dir, mirrors } = parseArgs(process.argv.slice(2));
  const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as Record<string, { source?: Source }>;
  const problems = new Map<string, { outcome: Outcome; names: string[] }>();
  const counts: Record<Outcome, number> = { written: 0, present: 0, 'no-mirror': 0, 'no-commit': 0, 'no-file': 0, mismatch: 0 };
  for (const [name, label] of Object.entries(labels)) {
    if (!label.source) continue;
    const outcome = place(dir, mirrors, name, label.source);
    counts[outcome] += 1;
    if (outcome === 'written' || outcome === 'present') continue;
    const key = `${label.source.repo}\u0000${outcome}`;
    const entry = problems.get(key) ?? { outcome, names: [] };
    entry.names.push(name);
    problems.set(key, entry);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'labels.json'), readFileSync(LABELS));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const missing = total - counts.written - counts.present;
  console.log(`${dir}: ${counts.written} written, ${counts.present} already there, ${missing} missing, of ${total} labelled files (mirrors: ${mirrors})`);
  for (const [key, { outcome, names }] of problems) {
    const repo = key.split('\u0000')[0] as string;
    console.log(`\n${repo}: ${names.length} missing; ${ADVICE[outcome as keyof typeof ADVICE](repo)}`);
    for (const n of names) console.log(`  - ${n}`);
  }
  if (missing > 0) {
    console.log(`\nThe eval scores what is there (\`npm run eval -- --dir ${dir}\` reports the labelled files that are absent).`);
    process.exit(1);
  }
}

main();
