import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_TIMEOUT_MS, ENGINE_START_TIMEOUT_MS } from '../../src/analysis/run-checks';
import { badFiles, gpsJpeg, type BadFile } from '../support/bad-files';
import { bytesOf, choose, makeJpeg, received, reviewFrame, startSuite, waitForReceived, type Suite } from '../support/e2e';

/**
 * Issue 9: every file of the bad-file corpus, chosen through a real file input, gets
 * findings or a plain-language error, never a hang; "Upload as is" and "Cancel" always work;
 * nothing crashes the page, the review frame or its worker.
 *
 * "Never a hang" is bounded by the product's own limit: every check is stopped after
 * CHECK_TIMEOUT_MS (10 s) of its own work, plus ENGINE_START_TIMEOUT_MS (20 s) while its engine
 * first starts, and said as "could not run", so a dialog still busy 5 s after that
 * is hung. How fast a bad file is answered (0.9 s each, measured) is printed below and
 * belongs to the bench, not to a bound that a loaded machine misses (the first, cold file
 * took over 5 s in 1 of 6 clean runs beside the other browser files).
 */
const LIMIT_MS = CHECK_TIMEOUT_MS + ENGINE_START_TIMEOUT_MS + 5_000;

let suite: Suite;
let corpus: BadFile[];
let dir: string;
let good: Uint8Array;
const pathOf = (name: string): string => join(dir, name);
const timings: Array<{ file: string; ms: number; shown: string }> = [];

beforeAll(async () => {
  suite = await startSuite();
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  // Real pictures from Chromium's own encoders as the bases the damage starts from.
  const jpeg = await makeJpeg(page, 320, 240);
  const png = await makeJpeg(page, 96, 64, 'image/png');
  await page.close();
  corpus = badFiles({ jpeg, png });
  good = gpsJpeg(jpeg);
  dir = mkdtempSync(join(suite.tmp, 'corpus-'));
  for (const f of corpus) writeFileSync(pathOf(f.name), f.bytes);
  writeFileSync(pathOf('good-gps.jpg'), good);
});

afterAll(async () => {
  if (timings.length > 0) {
    console.log(`bad files through the dialog (ms to a settled dialog):\n${timings.map((t) => `  ${t.file.padEnd(28)} ${String(Math.round(t.ms)).padStart(5)}  ${t.shown}`).join('\n')}`);
  }
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
});

/**
 * The review frame is mounted once per page and reused, so "settled" means: the dialog
 * shows a panel for this file (its label carries the file name), visible, every check done.
 */
async function settledFor(page: Page, name: string, deadline: number): Promise<Frame> {
  const left = (): number => Math.max(1, deadline - Date.now());
  const frame = await reviewFrame(page, left());
  await frame.locator(`section.photo[aria-label*="${name}"]`).first().waitFor({ state: 'attached', timeout: left() });
  await frame.getByRole('dialog').waitFor({ state: 'visible', timeout: left() });
  await frame.waitForSelector('[role=dialog][aria-busy="false"]', { timeout: left() });
  // Visible to the person too: the page's overlay is shown (not transparent and click-through).
  // The frame reveals its dialog at once, the content script shows the overlay when the
  // message reaches the page; a click in between falls through to the page.
  await page.waitForFunction(() => {
    const host = document.querySelector('upload-guard-review');
    return host !== null && !(host.getAttribute('style') ?? '').includes('opacity: 0');
  }, null, { timeout: left(), polling: 50 });
  return frame;
}

/** After a decision the overlay is hidden (or gone); `what` names the file when it is not. */
const overlayClosed = (page: Page, what: string): Promise<unknown> =>
  page
    .waitForFunction(() => {
      const host = document.querySelector('upload-guard-review');
      return !host || (host.getAttribute('style') ?? '').includes('opacity: 0');
    }, undefined, { polling: 50 })
    .catch((e: unknown) => {
      throw new Error(`${what}: the overlay stayed open after the decision (${String(e)})`);
    });

/** What the dialog shows for one photo: its error, its findings, notes, or "nothing found". */
async function shownFor(frame: Frame, index: number): Promise<{ error: string; findings: string[]; notes: string[]; nothing: boolean; preview: boolean }> {
  const panel = frame.locator('section.photo').nth(index);
  return {
    error: (await panel.locator('.error').allTextContents()).join(' '),
    findings: await panel.locator('[data-finding]').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding') ?? '')),
    notes: await panel.locator('[data-check] .note').allTextContents(),
    nothing: (await panel.locator('.nothing').count()) > 0,
    preview: (await panel.locator('canvas').count()) > 0,
  };
}

function expectShown(file: BadFile, shown: Awaited<ReturnType<typeof shownFor>>): void {
  const label = `${file.name}: ${JSON.stringify(shown)}`;
  if (file.expect === 'error') {
    expect(shown.error, label).toMatch(/could not be opened as a picture: .+/);
    if (file.errorMatch) expect(shown.error, label).toMatch(file.errorMatch);
  } else if (file.expect === 'opens') {
    expect(shown.error, label).toBe('');
    expect(shown.preview, label).toBe(true);
  } else if (file.expect === 'findings') {
    expect(shown.findings.length, label).toBeGreaterThan(0);
  } else {
    // Whatever damage did, the person is told something: an error, findings, a note, or that nothing was found.
    expect(shown.error !== '' || shown.findings.length > 0 || shown.notes.length > 0 || shown.nothing, label).toBe(true);
  }
}

const summary = (s: Awaited<ReturnType<typeof shownFor>>): string =>
  s.error ? `error: ${s.error.replace(/^.*?: /, '').slice(0, 60)}` : s.findings.length ? `findings: ${[...new Set(s.findings)].join(',')}` : s.notes.length ? `note: ${s.notes[0]!.slice(0, 50)}` : 'nothing found';

describe('bad files through a real input', () => {
  it('each bad file, chosen with a good photo, is answered, never hung; "Upload as is" and "Cancel" both work', async () => {
    // One page for the whole corpus: it must survive every file. Each selection pairs the bad
    // file with a good GPS photo, so the same worker must still find the location after it.
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/multiple.html'));
    // In front, as the person's tab is: Chromium renders a background tab's review frame at
    // about one frame a second, and a press on it then often reaches nothing.
    await page.bringToFront();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => errors.push('page crashed'));
    let delivered = 0;
    for (const [i, file] of corpus.entries()) {
      const t0 = Date.now();
      const deadline = t0 + LIMIT_MS;
      await page.setInputFiles('#file', [pathOf(file.name), pathOf('good-gps.jpg')]);
      const frame = await settledFor(page, file.name, deadline).catch((e: unknown) => {
        throw new Error(`${file.name}: no settled dialog within ${LIMIT_MS} ms (${String(e)})`);
      });
      const ms = Date.now() - t0;
      const shown = await shownFor(frame, 0);
      timings.push({ file: file.name, ms, shown: summary(shown) });
      expectShown(file, shown);
      // The worker lived through the bad file: the good photo's location was found.
      expect((await shownFor(frame, 1)).findings, file.name).toContain('location');
      expect(await received(page), `${file.name}: nothing reaches the page before the decision`).toHaveLength(delivered);

      if (i % 2 === 0) {
        await choose(page, frame, 'Upload as is');
        const got = (await waitForReceived(page, delivered + 1))[delivered]!;
        delivered++;
        expect(got.files.map((f) => f.name)).toEqual([file.name, 'good-gps.jpg']);
        expect(bytesOf(got, 0).equals(Buffer.from(file.bytes)), `${file.name} delivered byte for byte`).toBe(true);
        expect(bytesOf(got, 1).equals(Buffer.from(good))).toBe(true);
      } else {
        await choose(page, frame, 'Cancel');
        await overlayClosed(page, file.name);
        expect(await received(page)).toHaveLength(delivered);
      }
      await overlayClosed(page, file.name);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('alone on a plain page: the error, a failed protected copy, then "Upload as is"; the next good photo still works', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html'));
    await page.bringToFront();
    await page.locator('#file').evaluate((i: HTMLInputElement) => i.removeAttribute('accept'));
    for (const name of ['random.jpg', 'drawing.svg', 'bomb-20000x20000.png', 'empty.jpg']) {
      const file = corpus.find((f) => f.name === name)!;
      const before = (await received(page)).length;
      await page.setInputFiles('#file', pathOf(name));
      const frame = await settledFor(page, name, Date.now() + LIMIT_MS);
      expectShown(file, await shownFor(frame, 0));
      expect(await received(page)).toHaveLength(before);
      await choose(page, frame, 'Upload protected copy');
      // A copy cannot be made from what cannot be opened, except the bomb PNG, whose bytes
      // can be cleaned without decoding: either way the person is told or gets a valid file.
      const outcome = await Promise.race([
        frame.locator('.status').filter({ hasText: 'could not be made' }).waitFor({ timeout: 5_000 }).then(() => 'refused' as const),
        waitForReceived(page, before + 1).then(() => 'delivered' as const),
      ]);
      if (outcome === 'refused') {
        await choose(page, frame, 'Upload as is');
        const got = (await waitForReceived(page, before + 1))[before]!;
        expect(bytesOf(got).equals(Buffer.from(file.bytes))).toBe(true);
      } else {
        const got = (await received(page))[before]!;
        expect(name).toBe('bomb-20000x20000.png');
        expect(bytesOf(got).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      }
      await overlayClosed(page, file.name);
    }
    // The page and the extension still work for a real photo.
    const before = (await received(page)).length;
    await page.setInputFiles('#file', pathOf('good-gps.jpg'));
    const frame = await settledFor(page, 'good-gps.jpg', Date.now() + LIMIT_MS);
    expect(await frame.locator('[data-finding="location"]').count()).toBeGreaterThan(0);
    await choose(page, frame, 'Upload as is');
    const got = (await waitForReceived(page, before + 1))[before]!;
    expect(bytesOf(got).equals(Buffer.from(good))).toBe(true);
    await page.close();
  }, 60_000);
});

describe('npm run scan on the corpus', () => {
  it('prints one line per file, none hung, and exits 0', async () => {
    const files = corpus.map((f) => pathOf(f.name));
    const started = Date.now();
    const arrivals: number[] = [];
    const lines: string[] = [];
    const child = spawn('npx', ['tsx', 'scripts/scan.ts', '--json', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, nl));
        arrivals.push(Date.now());
        buffer = buffer.slice(nl + 1);
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    const parsed = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { file: string; findings: unknown[]; error: string | null; type: string | null });
    expect(parsed.map((l) => l.file)).toEqual(files);
    const gaps = arrivals.map((t, i) => t - (i === 0 ? started : arrivals[i - 1]!));
    console.log(`scan: ${parsed.length} lines in ${Date.now() - started} ms; first line after ${gaps[0]} ms (browser start), slowest later gap ${Math.max(...gaps.slice(1))} ms`);
    // The first line also waits for the browser to start.
    expect(gaps[0]).toBeLessThan(LIMIT_MS + 15_000);
    for (const [i, gap] of gaps.slice(1).entries()) expect(gap, parsed[i + 1]?.file).toBeLessThan(LIMIT_MS);
    for (const [i, line] of parsed.entries()) {
      const file = corpus[i]!;
      if (file.expect === 'error') expect(line.error, file.name).toBeTruthy();
      else if (file.expect === 'opens') expect(line.error, file.name).toBeNull();
      else if (file.expect === 'findings') expect(line.findings.length, file.name).toBeGreaterThan(0);
    }
  }, 120_000);
});
