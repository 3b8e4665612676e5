/** The shape `npm run bench -- --json` prints, and the Markdown tables made from it. */

export interface BenchSummary {
  photo: string;
  mode: 'warm' | 'cold';
  runs: number;
  floorMs: number;
  mountedMs: number;
  /** The review document's first script ran (dialog photos only: a clean photo's frame is gone before it is read). */
  frameLoadedMs: number;
  firstWarningMs: number;
  facesShownMs: number;
  allDoneMs: number;
  pageReceivesMs: number;
  peakExtensionMb: number;
  peakExtensionSumMb: number;
  peakExtensionPrivateMb: number;
  peakAllChromiumMb: number;
  facesFoundRuns: number;
}

export interface BenchReport {
  seconds: number;
  warmRuns: number;
  coldRuns: number;
  extension: string;
  load: { before: number; after: number; cores: number };
  photos: { key: string; label: string; bytes: number; width: number; height: number }[];
  floors: Record<string, { plain: number; upright: number; resized1024: number }>;
  summary: BenchSummary[];
  batches: { key: string; label: string; photos: number; firstUsableMs?: number; allDoneMs?: number; deliveredMs?: number; peakPrivateMb: number; peakRssMb: number; error?: string }[];
  targets: { target: string; value: number; limit: number; unit: string; met: boolean }[];
  size: { zipBytes: number | null; zipStale: boolean; distBytes: number; distFiles: number; largest: { path: string; bytes: number }[] };
  notes: string[];
  errors: string[];
  runs: unknown;
}

/** Sizes on disk in MiB; the zip goal is in MB (10^6 bytes), as the stores count. */
const MB = 1024 * 1024;
const ms = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${Math.round(x)}`);
const ratio = (x: number | null, floor: number | null): string => (typeof x !== 'number' || typeof floor !== 'number' || Number.isNaN(x) || !floor ? '' : ` (${(x / floor).toFixed(1)}×)`);

export function formatBench(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`# bench: ${r.warmRuns} warm runs, ${r.coldRuns} cold runs per photo, ${Math.round(r.seconds)} s`, '');
  lines.push('Medians in ms from the selection (ratio to the decode floor of the same photo).', '');
  lines.push('| photo | run | decode floor | review frame mounted / loaded | first warning (location) | faces shown | all checks done | page receives clean photo | peak memory, extension process: private / RSS |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const s of r.summary) {
    const p = r.photos.find((x) => x.key === s.photo);
    const clean = s.photo.startsWith('clean');
    const label = p ? `${p.label} (${(p.bytes / MB).toFixed(1)} MB)` : s.photo;
    const faces = clean ? '—' : ms(s.facesShownMs) + ratio(s.facesShownMs, s.floorMs) + (s.facesFoundRuns < s.runs ? ` [face in ${s.facesFoundRuns}/${s.runs}]` : '');
    lines.push(
      `| ${label} | ${s.mode} | ${ms(s.floorMs)} | ${ms(s.mountedMs)} / ${ms(s.frameLoadedMs)} | ${clean ? '—' : ms(s.firstWarningMs) + ratio(s.firstWarningMs, s.floorMs)} | ${faces} | ${ms(s.allDoneMs) + ratio(s.allDoneMs, s.floorMs)} | ${clean ? ms(s.pageReceivesMs) + ratio(s.pageReceivesMs, s.floorMs) : '—'} | ${Math.round(s.peakExtensionPrivateMb)} / ${Math.round(s.peakExtensionMb)} MB |`,
    );
  }
  lines.push('');
  if (r.batches.length > 0) {
    lines.push('| photos chosen at once | first review usable | all checks done | "Upload protected copy" to page | peak memory, extension process: private / RSS |');
    lines.push('|---|---|---|---|---|');
    for (const b of r.batches) {
      lines.push(`| ${b.label} | ${ms(b.firstUsableMs)} | ${ms(b.allDoneMs)} | ${ms(b.deliveredMs)} | ${Math.round(b.peakPrivateMb)} / ${Math.round(b.peakRssMb)} MB${b.error ? ` (${b.error})` : ''} |`);
    }
    lines.push('');
  }
  lines.push(
    'Decode floor (test page, `createImageBitmap`, median ms): ' +
      r.photos
        .map((p) => {
          const f = r.floors[p.key];
          return f ? `${p.key} ${ms(f.plain)} plain / ${ms(f.upright)} upright (the floor) / ${ms(f.resized1024)} resized to 1024 px` : p.key;
        })
        .join('; '),
  );
  const z = r.size;
  lines.push(
    `Packed: ${z.zipBytes === null ? 'no artifacts/upload-guard-chrome.zip (run npm run build)' : `${(z.zipBytes / 1e6).toFixed(2)} MB (${(z.zipBytes / MB).toFixed(1)} MiB) zip${z.zipStale ? ' (older than dist/: rebuild)' : ''}`}; dist/ ${(z.distBytes / MB).toFixed(1)} MiB in ${z.distFiles} files (largest: ${z.largest
      .slice(0, 4)
      .map((f) => `${f.path} ${(f.bytes / MB).toFixed(1)} MiB`)
      .join(', ')})`,
  );
  lines.push('', '| target | measured | met |', '|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.target} | ${typeof t.value !== 'number' || Number.isNaN(t.value) ? '–' : t.unit === 'ms' ? `${Math.round(t.value)} ms` : `${t.value.toFixed(1)} ${t.unit}`} | ${t.met ? 'yes' : 'no'} |`);
  for (const n of r.notes) lines.push('', `Note: ${n}`);
  if (r.errors.length) lines.push('', 'Errors:', ...r.errors.map((e) => `- ${e}`));
  return lines.join('\n');
}
