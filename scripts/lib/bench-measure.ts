/**
 * Measuring helpers for `npm run bench`: timestamps taken inside the browser (so CDP
 * round trips are not counted), and the peak memory of Chromium's processes from /proc.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Installed with `context.addInitScript`, so it runs in every frame before its own
 * scripts, the extension's review frame included. All stamps are wall-clock ms
 * (`performance.timeOrigin + performance.now()`), comparable across frames and processes.
 *
 * Review frame: when a `[data-finding="location"]` / `[data-finding="face"]` element
 * becomes visible, when the dialog becomes visible, when it turns `aria-busy="false"`.
 * Test page: when the review frame's host is mounted, and when a change event carrying
 * files reaches the page (the replay is `isTrusted: false`; the trusted original is held
 * by the content script and never counts).
 */
export const STAMP_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const w = window;
  const visible = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    return typeof el.checkVisibility === 'function' ? el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : true;
  };
  if (location.protocol === 'chrome-extension:' && location.pathname.endsWith('/review.html')) {
    const st = (w.__ugStamps = { loaded: now() });
    const check = () => {
      if (!st.location && visible('[data-finding="location"]')) st.location = now();
      if (!st.face && visible('[data-finding="face"]')) st.face = now();
      if (!st.dialog && visible('[role="dialog"]')) st.dialog = now();
      if (!st.done && document.querySelector('[role="dialog"][aria-busy="false"]')) st.done = now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  } else if (location.protocol === 'https:' && window === window.top) {
    // tsx (esbuild keepNames) wraps named functions in the bench's page.evaluate callbacks in __name().
    if (typeof w.__name !== 'function') w.__name = (f) => f;
    const st = (w.__ugPage = {});
    window.addEventListener('change', (e) => {
      const t = e.target;
      if (!e.isTrusted && t && t.type === 'file' && t.files && t.files.length > 0 && !st.change) st.change = now();
    }, true);
    new MutationObserver(() => {
      if (!st.mounted && document.querySelector('upload-guard-review')) st.mounted = now();
    }).observe(document, { childList: true, subtree: true });
  }
})();`;

export interface FrameStamps {
  loaded?: number;
  location?: number;
  face?: number;
  dialog?: number;
  done?: number;
}

export interface PageStamps {
  mounted?: number;
  change?: number;
}

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) comes after the parenthesised command name, which may hold spaces.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid: Number(rest[1]), cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

export type ProcRole = 'extension renderer' | 'page renderer' | 'utility' | 'gpu' | 'zygote' | 'browser' | 'other';

export interface ChromiumProc {
  pid: number;
  role: ProcRole;
}

function roleOf(cmdline: string): ProcRole {
  if (!/--type=/.test(cmdline)) return 'browser';
  if (/--type=renderer/.test(cmdline)) return /--extension-process/.test(cmdline) ? 'extension renderer' : 'page renderer';
  if (/--type=utility/.test(cmdline)) return 'utility';
  if (/--type=gpu-process/.test(cmdline)) return 'gpu';
  if (/--type=zygote/.test(cmdline)) return 'zygote';
  return 'other';
}

/** Chromium processes started by this Node process (Playwright launches the browser as our child). */
export function chromiumProcesses(rootPid = process.pid): ChromiumProc[] {
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ChromiumProc[] = [];
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      if (/chrom/i.test(c.cmdline)) found.push({ pid: c.pid, role: roleOf(c.cmdline) });
      walk(c.pid);
    }
  };
  walk(rootPid);
  return found;
}

/** Resets the kernel's peak-RSS counter (VmHWM) of each process: `echo 5 > clear_refs`. */
export function resetPeaks(pids: readonly number[]): boolean {
  let ok = true;
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** Peak resident memory (VmHWM) in MB, or undefined when the process is gone. */
export function peakMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Private resident memory in MB (RssAnon + RssShmem): what the process itself holds, without
 * the file-backed pages of Chromium's own code that every Chromium process maps and shares
 * (~120 MB per renderer here). Chrome's task manager calls it the memory footprint.
 */
export function privateMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return (kb('RssAnon') + kb('RssShmem')) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * The kernel keeps a peak of RSS but not of private memory, so it is sampled: every
 * `everyMs` until `stop()`, which returns the largest private memory any of `pids` had
 * (a spike shorter than one sample can be missed).
 */
export function samplePrivatePeak(pids: readonly number[], everyMs = 20): { stop(): number } {
  let peak = 0;
  const sample = (): void => {
    for (const pid of pids) peak = Math.max(peak, privateMb(pid) ?? 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export interface MemorySample {
  /** Largest single extension renderer (the review frame and its worker live in one): peak RSS. */
  extensionMaxMb: number;
  /** The same process's peak private memory (sampled; see `samplePrivatePeak`). */
  extensionPrivateMaxMb?: number;
  /** All extension renderers together. */
  extensionSumMb: number;
  extensionProcesses: number;
  /** Every Chromium process together (an upper bound: shared pages count once per process). */
  allChromiumMb: number;
  byRole: Partial<Record<ProcRole, number>>;
}

export function sampleMemory(procs: readonly ChromiumProc[]): MemorySample {
  const byRole: Partial<Record<ProcRole, number>> = {};
  let extensionMaxMb = 0;
  let extensionSumMb = 0;
  let extensionProcesses = 0;
  let allChromiumMb = 0;
  for (const p of procs) {
    const mb = peakMb(p.pid);
    if (mb === undefined) continue;
    allChromiumMb += mb;
    byRole[p.role] = Math.max(byRole[p.role] ?? 0, mb);
    if (p.role === 'extension renderer') {
      extensionProcesses += 1;
      extensionSumMb += mb;
      extensionMaxMb = Math.max(extensionMaxMb, mb);
    }
  }
  return { extensionMaxMb, extensionSumMb, extensionProcesses, allChromiumMb, byRole };
}

/** Bytes of every file under `dir`, and the largest few. */
export function dirSize(dir: string): { bytes: number; files: number; largest: { path: string; bytes: number }[] } {
  const all: { path: string; bytes: number }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else all.push({ path: p.slice(dir.length + 1), bytes: s.size });
    }
  };
  if (existsSync(dir)) walk(dir);
  all.sort((a, b) => b.bytes - a.bytes);
  return { bytes: all.reduce((n, f) => n + f.bytes, 0), files: all.length, largest: all.slice(0, 6) };
}
