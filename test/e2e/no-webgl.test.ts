import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_WEBGL_ARGS } from '../../scripts/lib/launch-extension';
import { bytesOf, choose, openDialog, startSuite, waitForReceived, type Suite } from '../support/e2e';
import { placeDifference } from '../support/place-difference';

/**
 * Issue 14 item 4: without WebGL (blocklisted GPUs, VMs, remote desktops) the faces check
 * must still find faces and the protected copy must still cover them.
 */
const FACE_PHOTO = join(resolve(import.meta.dirname, '../../../shared/fixtures'), 'faces/skimage_astronaut.png');
const hasFixtures = existsSync(FACE_PHOTO);
if (!hasFixtures) console.log(`no-WebGL face test skipped: ${FACE_PHOTO} is not there (../shared/fixtures is absent)`);


let suite: Suite;

beforeAll(async () => {
  if (hasFixtures) suite = await startSuite({ args: [...NO_WEBGL_ARGS] });
});

afterAll(async () => {
  if (!suite) return;
  expect(suite.extensionRequests).toEqual([]);
  expect(suite.server.foreignRequests).toEqual([]);
  await suite.close();
});

describe('faces without WebGL', () => {
  it.skipIf(!hasFixtures)('finds the face and covers it in the protected copy', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.url('/plain.html'));
    // The premise: this browser really has no WebGL.
    expect(await page.evaluate(() => Boolean(new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl')))).toBe(false);
    await page.setInputFiles('#file', FACE_PHOTO);
    const frame = await openDialog(page);
    expect(await frame.locator('[data-finding="face"]').count()).toBeGreaterThan(0);
    const place = await frame.locator('.box.kind-face').first().evaluate((b: HTMLElement) =>
      ['left', 'top', 'width', 'height'].map((k) => parseFloat(b.style.getPropertyValue(k))),
    );
    await choose(page, frame, 'Upload protected copy');
    const [got] = await waitForReceived(page);
    const diff = await page.evaluate(placeDifference, { before: readFileSync(FACE_PHOTO).toString('base64'), after: bytesOf(got!).toString('base64'), place });
    expect(diff.size).toEqual([512, 512]);
    expect(diff.inside).toBeGreaterThan(20);
    await page.close();
  });
});
