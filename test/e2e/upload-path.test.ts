import exifr from 'exifr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withExif } from '../support/exif-builder';
import { bytesOf, choose, makeJpeg, openDialog, pageEvents, received, reviewFrame, startSuite, waitForReceived, writeTemp, type Suite } from '../support/e2e';

let suite: Suite;
let gpsJpeg: Uint8Array;
let cleanJpeg: Uint8Array;
let gpsPath: string;
let gpsPath2: string;
let cleanPath: string;
let textPath: string;

const GPS = { lat: 35.6586, lon: 139.7454, make: 'TestPhone', model: 'X1' };

async function open(path: string): Promise<Page> {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url(path));
  return page;
}

async function expectNoGps(bytes: Buffer): Promise<void> {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
}

/** While the dialog is open the page has seen nothing and its input is empty. */
async function expectHeld(page: Page, selector = '#file'): Promise<void> {
  expect(await received(page)).toEqual([]);
  expect((await pageEvents(page)).filter((e) => !e.startsWith('page-capture-change:0'))).toEqual([]);
  expect(await page.locator(selector).evaluate((i: HTMLInputElement) => i.files?.length ?? 0)).toBe(0);
}

beforeAll(async () => {
  suite = await startSuite();
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  // Small (the size of a phone's message thumbnail): these tests are about where the file goes.
  const base = await makeJpeg(page, 320, 240);
  await page.close();
  gpsJpeg = withExif(base, GPS);
  cleanJpeg = base;
  gpsPath = writeTemp(suite, 'rash.jpg', gpsJpeg);
  gpsPath2 = writeTemp(suite, 'rash-2.jpg', withExif(base, { lat: -33.8568, lon: 151.2153 }));
  cleanPath = writeTemp(suite, 'clean.jpg', cleanJpeg);
  textPath = writeTemp(suite, 'notes.txt', new TextEncoder().encode('not a picture, even if named so'));
});

afterAll(async () => {
  // Promise 1: the extension makes no request of its own, in any test of this file.
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
});

describe('plain file input', () => {
  it('holds the photo, shows the location, and "Upload as is" delivers the original bytes', async () => {
    const page = await open('/plain.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    await expect(frame.locator('[data-finding="location"]').count()).resolves.toBeGreaterThan(0);
    await expectHeld(page);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.files).toHaveLength(1);
    expect(bytesOf(got!).equals(Buffer.from(gpsJpeg))).toBe(true);
    expect(got?.files[0]?.name).toBe('rash.jpg');
    expect(await pageEvents(page)).toContain('oninput:1');
    await page.close();
  });

  it('"Upload protected copy" delivers a valid JPEG without GPS', async () => {
    const page = await open('/plain.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    const bytes = bytesOf(got!);
    await expectNoGps(bytes);
    expect(bytes.length).toBeLessThan(gpsJpeg.length);
    await page.close();
  });

  it('"Cancel" delivers nothing and leaves the input empty', async () => {
    const page = await open('/plain.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    await choose(page, frame, 'Cancel');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('upload-guard-review')).every((h) => (h.getAttribute('style') ?? '').includes('opacity: 0')), undefined, { polling: 50 });
    await page.waitForTimeout(300);
    await expectHeld(page);
    await page.close();
  });

  it('lets a photo with nothing to report through without a dialog, byte for byte', async () => {
    const page = await open('/plain.html');
    await page.setInputFiles('#file', cleanPath);
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).equals(Buffer.from(cleanJpeg))).toBe(true);
    await page.close();
  });

  it('passes a non-image file straight through, with no dialog', async () => {
    const page = await open('/plain.html');
    await page.locator('#file').evaluate((i: HTMLInputElement) => i.removeAttribute('accept'));
    await page.setInputFiles('#file', textPath);
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).toString()).toBe('not a picture, even if named so');
    const frame = page.frames().find((f) => f.url().includes('review.html'));
    // No dialog: either no review frame was mounted, or it shows none.
    const dialogShown = frame ? await frame.locator('[role=dialog]').isVisible() : false;
    expect(dialogShown).toBe(false);
    await page.close();
  });
});

describe('other ways of choosing a photo', () => {
  it('reviews several photos in one dialog (multiple)', async () => {
    const page = await open('/multiple.html');
    await page.setInputFiles('#file', [gpsPath, gpsPath2]);
    const frame = await openDialog(page);
    expect(await frame.locator('[data-finding="location"]').count()).toBe(2);
    await expectHeld(page);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.files.map((f) => f.name)).toEqual(['rash.jpg', 'rash-2.jpg']);
    await expectNoGps(bytesOf(got!, 0));
    await expectNoGps(bytesOf(got!, 1));
    await page.close();
  });

  it('a native form POST carries only the approved bytes', async () => {
    const page = await open('/form.html');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    await choose(page, frame, 'Upload protected copy');
    await page.waitForFunction(() => (document.getElementById('file') as HTMLInputElement).files?.length === 1, undefined, { polling: 50 });
    const before = suite.server.uploads.length;
    await Promise.all([page.waitForURL('**/upload'), page.click('#send')]);
    const upload = suite.server.uploads[before]!;
    const boundary = /boundary=(.+)$/.exec(upload.contentType)?.[1];
    expect(boundary).toBeTruthy();
    const part = upload.body.toString('latin1').split(`--${boundary}`).find((p) => p.includes('name="photo"'))!;
    const body = Buffer.from(part.slice(part.indexOf('\r\n\r\n') + 4, part.length - 2), 'latin1');
    await expectNoGps(body);
    expect(part).toContain('filename="rash.jpg"');
    await page.close();
  });

  it('a form submitted while the dialog is open sends no photo', async () => {
    const page = await open('/form.html');
    await page.setInputFiles('#file', gpsPath);
    await openDialog(page);
    const before = suite.server.uploads.length;
    await Promise.all([page.waitForURL('**/upload'), page.evaluate(() => (document.getElementById('form') as HTMLFormElement).submit())]);
    const upload = suite.server.uploads[before]!;
    expect(upload.body.includes(Buffer.from(gpsJpeg.subarray(0, 64)))).toBe(false);
    await page.close();
  });

  it('holds a drop and re-delivers it on the drop target', async () => {
    const page = await open('/drop.html');
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.jpg', { type: 'image/jpeg' }));
      document.getElementById('zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, Buffer.from(gpsJpeg).toString('base64'));
    const frame = await openDialog(page);
    expect(await received(page)).toEqual([]);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('drop');
    expect(bytesOf(got!).equals(Buffer.from(gpsJpeg))).toBe(true);
    await page.close();
  });

  it('holds a paste and re-delivers the protected copy', async () => {
    const page = await open('/paste.html');
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'image.jpg', { type: 'image/jpeg' }));
      document.getElementById('box')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, Buffer.from(gpsJpeg).toString('base64'));
    const frame = await openDialog(page);
    expect(await received(page)).toEqual([]);
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('paste');
    await expectNoGps(bytesOf(got!));
    await page.close();
  });

  it('works for an input inside an iframe', async () => {
    const page = await open('/iframe.html');
    const inner = page.frames().find((f) => f.url().endsWith('/plain.html'))!;
    await inner.waitForFunction(() => document.readyState === 'complete', undefined, { polling: 50 });
    await inner.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    expect(await received(inner)).toEqual([]);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(inner);
    expect(bytesOf(got!).equals(Buffer.from(gpsJpeg))).toBe(true);
    await page.close();
  });

  it('a React 18 onChange sees only the approved file', async () => {
    const page = await open('/react.html');
    await page.waitForSelector('#file');
    await page.setInputFiles('#file', gpsPath);
    const frame = await openDialog(page);
    expect(await page.textContent('#count')).toBe('chosen: 0');
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('react');
    await expectNoGps(bytesOf(got!));
    await page.close();
  });

  it('Dropzone (hidden input opened by click) gets the file only after the decision', async () => {
    const page = await open('/dropzone.html');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#dz')]);
    await chooser.setFiles(gpsPath);
    const frame = await openDialog(page);
    expect(await received(page)).toEqual([]);
    await choose(page, frame, 'Upload as is');
    const [got] = await waitForReceived(page);
    expect(got?.via).toBe('dropzone');
    expect(bytesOf(got!).equals(Buffer.from(gpsJpeg))).toBe(true);
    await page.close();
  });
});

describe('sites', () => {
  it('does nothing on a site that is not protected', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html', 'unprotected.example.org'));
    await page.setInputFiles('#file', gpsPath);
    const [got] = await waitForReceived(page);
    expect(bytesOf(got!).equals(Buffer.from(gpsJpeg))).toBe(true);
    await expect(reviewFrame(page, 500)).rejects.toThrow();
    await page.close();
  });
});
