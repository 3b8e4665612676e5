/**
 * The eval's second face reader: OpenCV's Haar cascades (frontal + profile, both sides),
 * run by scripts/face-reader.py under a Python that has Debian's OpenCV. Independent of the
 * extension's MediaPipe BlazeFace; installed for the eval only, never shipped:
 * `apt-get install python3-opencv opencv-data`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Box } from '../../src/common/findings';
import type { ReaderRead } from './face-outcome';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', 'face-reader.py');
/** Debian's python3-opencv is for the system Python; a pyenv or venv `python3` may lack it. */
const PYTHONS = [process.env.UG_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => Boolean(p));

export interface FaceReader {
  python: string;
  description: string;
}

interface Check {
  ok: boolean;
  error?: string;
  opencv?: string;
  cascades?: string[];
  params?: { scaleFactor: number; minNeighbors: number; minSize: number };
}

/** The reader, or why it cannot run here. */
export function findFaceReader(): FaceReader | { unavailable: string } {
  let reason = 'no python3 found';
  for (const python of [...new Set(PYTHONS)]) {
    let check: Check;
    try {
      check = JSON.parse(execFileSync(python, [SCRIPT, '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Check;
    } catch (error) {
      const stdout = (error as { stdout?: string }).stdout;
      try {
        check = JSON.parse(stdout ?? '') as Check;
      } catch {
        continue;
      }
    }
    if (!check.ok) {
      reason = `${check.error ?? 'the face reader failed'} (${python})`;
      continue;
    }
    const p = check.params;
    const cascades = (check.cascades ?? []).map((c) => c.split('/').pop()).join(' + ');
    return {
      python,
      description: `OpenCV ${check.opencv ?? '?'} Haar cascades ${cascades} (profile also mirrored)${p ? `, scaleFactor ${p.scaleFactor}, minNeighbors ${p.minNeighbors}, min ${p.minSize} px` : ''}, on the equalised grey picture`,
    };
  }
  return { unavailable: reason };
}

interface Line {
  file: string;
  width?: number;
  height?: number;
  boxes?: [number, number, number, number, string][];
  error?: string;
}

/** The detector's read of each file (one Python process for all). */
export async function readFaces(reader: FaceReader, files: readonly string[]): Promise<Map<string, ReaderRead>> {
  const reads = new Map<string, ReaderRead>();
  if (files.length === 0) return reads;
  const { stdout } = await run(reader.python, [SCRIPT, ...files], { maxBuffer: 16 << 20, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  for (const text of stdout.split('\n')) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as Line;
    if (line.error || line.width === undefined || line.height === undefined) reads.set(line.file, { error: line.error ?? 'no size' });
    else reads.set(line.file, { width: line.width, height: line.height, boxes: (line.boxes ?? []).map(([x, y, w, h, cascade]) => ({ box: [x, y, w, h] as Box, cascade })) });
  }
  for (const f of files) if (!reads.has(f)) reads.set(f, { error: 'the face reader returned nothing' });
  return reads;
}
