import { afterAll, beforeAll, expect, it } from 'vitest';
import { withExif } from '../support/exif-builder';
import { choose, makeJpeg, openDialog, startSuite, writeTemp, type Suite } from '../support/e2e';

/** The dialog follows the browser's language (here Japanese), with no English left in it. */
let suite: Suite;

beforeAll(async () => {
  suite = await startSuite({ locale: 'ja' });
});

afterAll(async () => {
  await suite.close();
});

it('shows the dialog in Japanese when the browser is in Japanese', async () => {
  const page = await suite.browser.context.newPage();
  await page.goto(suite.server.url('/plain.html'));
  const path = writeTemp(suite, 'photo.jpg', withExif(await makeJpeg(page), { lat: 35.0, lon: 135.7 }));
  await page.setInputFiles('#file', path);
  const frame = await openDialog(page);
  const title = await frame.locator('#ug-title').textContent();
  expect(title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  expect(await frame.evaluate(() => document.documentElement.lang)).toMatch(/^ja/);
  const buttons = await frame.locator('footer button').allTextContents();
  expect(buttons.every((b) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(b))).toBe(true);
  await choose(page, frame, buttons[2]!);
  await page.close();
});
