/**
 * Many photos chosen at once (issue 19): the time until the first photo's review is usable,
 * until every check of every photo is done, and until the protected copies reach the page
 * after "Upload protected copy", with the peak memory of the extension's processes meanwhile.
 */
import type { BrowserContext } from 'playwright-core';
import type { TestServer } from '../../test/support/test-server';
import { choose, reviewFrame } from '../../test/support/e2e';
import { chromiumProcesses, resetPeaks, sampleMemory, samplePrivatePeak, type FrameStamps, type PageStamps } from './bench-measure';

export interface BatchResult {
  photos: number;
  /** The first photo's first warning is visible: the review can be read and used. */
  firstUsableMs?: number;
  allDoneMs?: number;
  /** From the press of "Upload protected copy" to the page's change event. */
  deliveredMs?: number;
  peakPrivateMb: number;
  peakRssMb: number;
  error?: string;
}

/** `intentMs`: the person's press and moment in the file chooser (0: the photos arrive untouched, as with bench's --no-intent). */
export async function measureBatch(context: BrowserContext, server: TestServer, paths: readonly string[], intentMs: number): Promise<BatchResult> {
  const page = await context.newPage();
  try {
    await page.goto(server.url('/multiple.html'));
    await page.bringToFront();
    if (intentMs > 0) {
      await page.focus('#file');
      await page.waitForTimeout(intentMs);
    } else {
      await page.waitForTimeout(300);
    }
    const procs = chromiumProcesses();
    resetPeaks(procs.map((p) => p.pid));
    const renderers = (): number[] => chromiumProcesses().filter((p) => p.role === 'extension renderer').map((p) => p.pid);
    const privatePeak = samplePrivatePeak(renderers());
    const stamp = (): Promise<number> => page.evaluate(() => performance.timeOrigin + performance.now());
    const t0 = await stamp();
    await page.setInputFiles('#file', [...paths]);
    const out: BatchResult = { photos: paths.length, peakPrivateMb: 0, peakRssMb: 0 };
    try {
      const frame = await reviewFrame(page, 30_000);
      await frame.waitForSelector('[role=dialog][aria-busy="false"]', { timeout: 600_000 });
      const stamps = (await frame.evaluate(() => (window as unknown as { __ugStamps?: FrameStamps }).__ugStamps)) ?? {};
      if (stamps.location !== undefined) out.firstUsableMs = stamps.location - t0;
      if (stamps.done !== undefined) out.allDoneMs = stamps.done - t0;
      const pressed = await stamp();
      await choose(page, frame, 'Upload protected copy');
      await page.waitForFunction(() => Boolean((window as unknown as { __ugPage?: PageStamps }).__ugPage?.change), null, { timeout: 600_000, polling: 50 });
      const change = (await page.evaluate(() => (window as unknown as { __ugPage?: PageStamps }).__ugPage?.change)) ?? Number.NaN;
      out.deliveredMs = change - pressed;
    } catch (e) {
      out.error = e instanceof Error ? (e.message.split('\n')[0] ?? String(e)) : String(e);
    }
    out.peakPrivateMb = privatePeak.stop();
    out.peakRssMb = sampleMemory(chromiumProcesses()).extensionMaxMb;
    return out;
  } finally {
    await page.close();
  }
}
