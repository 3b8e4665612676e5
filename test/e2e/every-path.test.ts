import exifr from 'exifr';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedRootButton } from '../support/closed-root';
import { withExif } from '../support/exif-builder';
import { bytesOf, choose, closeSuiteChecked, openDialog, openPage, pageEvents, photoWithGps, received, startSuite, waitForReceived, writeTemp, type Received, type Suite } from '../support/e2e';

/**
 * Issue 13: no photo reaches a page unreviewed, on every way a site takes a file. For each
 * path: while the dialog is open the page's own code has seen no file; the decision then
 * reaches the page (original bytes for "Upload as is", a copy without GPS for the protected
 * copy, nothing for Cancel).
 */
let suite: Suite;
let gps: Uint8Array;
let gpsPath: string;

const GPS = { lat: 35.6586, lon: 139.7454, make: 'TestPhone', model: 'X1' };

beforeAll(async () => {
  suite = await startSuite();
  ({ bytes: gps, path: gpsPath } = await photoWithGps(suite, (jpeg) => withExif(jpeg, GPS)));
});

afterAll(() => closeSuiteChecked(suite));

const open = (path: string): Promise<Page> => openPage(suite, path);

/** Nothing with a file in it reached the page's code (a handler may have run on the emptied input). */
async function expectNothingSeen(page: Page | Frame): Promise<void> {
  expect(await received(page)).toEqual([]);
  expect((await pageEvents(page)).filter((e) => /:[1-9]/.test(e))).toEqual([]);
}

const isOriginal = (got: Received | undefined): boolean => got !== undefined && bytesOf(got).equals(Buffer.from(gps));

async function expectProtected(got: Received | undefined): Promise<void> {
  const bytes = bytesOf(got!);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
}

/** Clicks a page button that opens a file chooser, and answers the chooser with `path`. */
async function pickThrough(page: Page, selector: string, path = gpsPath): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(selector)]);
  await chooser.setFiles(path);
}

describe('inputs the capture could not hear', () => {
  it('an input inside a closed shadow root', async () => {
    const page = await open('/closed-shadow.html');
    const input = await page.evaluateHandle(() => (window as unknown as { __closedInput(): HTMLInputElement }).__closedInput());
    await input.asElement().setInputFiles(gpsPath);
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    expect(await input.evaluate((i) => (i).files?.length)).toBe(0);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('closed-change');
    expect(isOriginal(got)).toBe(true);
    await page.close();
  });

  it('a drop and a paste onto targets inside a closed shadow root reach those targets', async () => {
    const page = await open('/closed-shadow.html');
    await page.evaluate((b64) => {
      const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.jpg', { type: 'image/jpeg' });
      const zone = (window as unknown as { __closedZone(): HTMLElement }).__closedZone();
      const r = zone.getBoundingClientRect();
      const dt = new DataTransfer();
      dt.items.add(file);
      // A real drop is composed: at window it names the host, not the zone.
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true, clientX: r.x + 20, clientY: r.y + 20 }));
    }, Buffer.from(gps).toString('base64'));
    let frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload as is');
    const [dropped] = await waitForReceived(page);
    expect(dropped?.via).toBe('closed-drop');
    expect(isOriginal(dropped)).toBe(true);

    await page.evaluate((b64) => {
      const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'pasted.jpg', { type: 'image/jpeg' });
      const editor = (window as unknown as { __closedEditor(): HTMLElement }).__closedEditor();
      editor.focus();
      const dt = new DataTransfer();
      dt.items.add(file);
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
    }, Buffer.from(gps).toString('base64'));
    frame = await openDialog(page);
    expect(await received(page)).toHaveLength(1);
    await choose(page, frame, 'Upload protected copy');
    const all = await waitForReceived(page, 2);
    expect(all[1]?.via).toBe('closed-paste');
    await expectProtected(all[1]);
    await page.close();
  });

  it('a never-attached input opened with .click()', async () => {
    const page = await open('/detached.html');
    await pickThrough(page, '#click');
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('detached-click');
    expect(isOriginal(got)).toBe(true);
    await page.close();
  });

  it('a never-attached input opened with a dispatched click: the protected copy', async () => {
    const page = await open('/detached.html');
    await pickThrough(page, '#dispatch');
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('detached-dispatch');
    await expectProtected(got);
    await page.close();
  });

  it('a never-attached input opened with showPicker(): Cancel sends nothing and the page hears "cancel"', async () => {
    const page = await open('/detached.html');
    await pickThrough(page, '#picker');
    const frame = await openDialog(page);
    await choose(page, frame, 'Cancel');
    await page.waitForFunction(() => (window as unknown as { __events: string[] }).__events.includes('detached-picker-cancel'), undefined, { polling: 50 });
    await expectNothingSeen(page);
    await page.close();
  });
});

describe('File System Access', () => {
  it('showOpenFilePicker() is answered through a reviewed pick, with a file handle', async () => {
    const page = await open('/fs-access.html');
    await pickThrough(page, '#open');
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('fs-access');
    expect(isOriginal(got)).toBe(true);
    expect(await pageEvents(page)).toContain('handle:file:true');
    await page.close();
  });

  it('Cancel rejects showOpenFilePicker() with AbortError, as the browser\'s own picker does', async () => {
    const page = await open('/fs-access.html');
    await pickThrough(page, '#open');
    const frame = await openDialog(page);
    await choose(page, frame, 'Cancel');
    await page.waitForFunction(() => (window as unknown as { __events: string[] }).__events.some((e) => e.startsWith('fs-access-error')), undefined, { polling: 50 });
    expect(await pageEvents(page)).toEqual(['fs-access-error:AbortError']);
    await expectNothingSeen(page);
    await page.close();
  });
});

describe('File System Access drops', () => {
  it('a drop read as file handles (getAsFileSystemHandle) gets the approved file', async () => {
    const page = await open('/drop-handle.html');
    await page.evaluate((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.jpg', { type: 'image/jpeg' }));
      document.getElementById('zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, Buffer.from(gps).toString('base64'));
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(await pageEvents(page)).toContain('handles:file');
    expect(got?.via).toBe('drop-handle');
    await expectProtected(got);
    await page.close();
  });
});

describe('frames the content script never entered', () => {
  // A sandboxed frame (no allow-same-origin) makes the review frame inside it sandboxed too,
  // so it cannot connect: that case is the "review cannot start" notice (hostile-pages tests).
  for (const kind of ['data', 'blob'] as const) {
    it(`an input in a ${kind} frame`, async () => {
      const page = await open('/frames.html');
      const handle = await page.waitForSelector(`#${kind}`);
      const inner = await handle.contentFrame();
      await inner!.waitForSelector('#file');
      await inner!.setInputFiles('#file', gpsPath);
      const frame = await openDialog(page);
      await expectNothingSeen(page);
      await choose(page, frame, 'Upload as is');
      const [got] = await waitForReceived(page);
      expect(isOriginal(got)).toBe(true);
      await page.close();
    });
  }
});

describe('a sandboxed srcdoc frame', () => {
  it('the review cannot connect there: the person is told within 2 s, and "Upload as is" delivers the original', async () => {
    const page = await open('/frames.html');
    const inner = await (await page.waitForSelector('#sandboxed')).contentFrame();
    await inner!.waitForSelector('#file');
    await inner!.setInputFiles('#file', gpsPath);
    await inner!.waitForSelector('upload-guard-blocked', { state: 'attached', timeout: 2_000 });
    await expectNothingSeen(page);
    const asIs = await closedRootButton(page, 'upload-guard-blocked', 'Upload as is', inner!);
    await page.mouse.click(asIs.x, asIs.y);
    const [got] = await waitForReceived(page);
    expect(isOriginal(got)).toBe(true);
    await page.close();
  });
});

describe('pages that get in the way', () => {
  it('a page that rewrites itself with document.open()/write(), and its rewritten about:blank child', async () => {
    const page = await open('/rewrite.html');
    await page.waitForFunction(() => (window as unknown as { __rewritten?: boolean }).__rewritten === true, undefined, { polling: 50 });
    await page.setInputFiles('#file', gpsPath);
    let frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('rewritten');
    expect(isOriginal(got)).toBe(true);

    const child = await (await page.waitForSelector('#child')).contentFrame();
    await child!.setInputFiles('#file', gpsPath);
    frame = await openDialog(page, child!);
    expect(await received(page)).toHaveLength(1);
    await choose(page, frame, 'Upload protected copy');
    const all = await waitForReceived(page, 2);
    expect(all[1]?.via).toBe('child-rewritten');
    await expectProtected(all[1]);
    await page.close();
  });
});

describe('every pick is its own review', () => {
  it('ten quick picks on one input: ten reviews, each decision honoured, none lost', async () => {
    const page = await open('/plain.html');
    const paths = Array.from({ length: 10 }, (_, i) => writeTemp(suite, `pick-${i}.jpg`, gps));
    for (const path of paths) await page.setInputFiles('#file', path);
    // While the first review is open, none of the ten has reached the page, and the input is empty.
    await openDialog(page);
    await expectNothingSeen(page);
    expect(await page.locator('#file').evaluate((i: HTMLInputElement) => i.files?.length ?? 0)).toBe(0);
    const decisions = ['Upload as is', 'Cancel', 'Upload protected copy'] as const;
    const expected: { name: string; as: 'original' | 'protected' }[] = [];
    for (let i = 0; i < paths.length; i++) {
      const frame = await openDialog(page);
      await frame.locator(`section[aria-label*="pick-${i}.jpg"]`).waitFor({ timeout: 15_000 });
      const decision = decisions[i % 3]!;
      const before = (await received(page)).length;
      await choose(page, frame, decision);
      if (decision === 'Cancel') {
        // The next review takes the frame's place: its file name shows when it does.
        if (i + 1 < paths.length) await frame.locator(`section[aria-label*="pick-${i + 1}.jpg"]`).waitFor({ timeout: 15_000 });
        continue;
      }
      expected.push({ name: `pick-${i}.jpg`, as: decision === 'Upload as is' ? 'original' : 'protected' });
      await waitForReceived(page, before + 1);
    }
    const got = await received(page);
    expect(got.map((r) => r.files[0]?.name)).toEqual(expected.map((e) => e.name));
    for (const [n, e] of expected.entries()) {
      if (e.as === 'original') expect(isOriginal(got[n])).toBe(true);
      else await expectProtected(got[n]);
    }
    await page.close();
  });
});

describe('delivery does the work the browser would have done', () => {
  it('a drop onto an invisible file input sets its files', async () => {
    const page = await open('/drop-input.html');
    await page.evaluate((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.jpg', { type: 'image/jpeg' }));
      document.getElementById('file')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, Buffer.from(gps).toString('base64'));
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('drop-input');
    expect(isOriginal(got)).toBe(true);
    await page.close();
  });

  it('a paste into an editor that relies on the browser\'s own paste inserts the protected copy', async () => {
    const page = await open('/paste-editable.html');
    await page.focus('#editor');
    await page.evaluate((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'image.jpg', { type: 'image/jpeg' }));
      document.getElementById('editor')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, Buffer.from(gps).toString('base64'));
    const frame = await openDialog(page);
    await expectNothingSeen(page);
    expect(await page.locator('#editor img').count()).toBe(0);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('editor');
    await expectProtected(got);
    await page.close();
  });
});
