import { existsSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { STORE_SHOTS, STORE_SIZES } from '../../scripts/store-assets';
import { VENDOR_FILES } from '../../scripts/vendor-files';

/**
 * The store zip ships only what runs (issue 19, "ship only what runs"): one copy of each
 * engine, one face model, no notes for developers. Reads the zip `npm run build` wrote.
 */
const ZIP = 'artifacts/upload-guard-chrome.zip';

describe('the store zip', () => {
  it('holds one tesseract core, one face model, no README, and stays within 12 MB', () => {
    if (!existsSync(ZIP)) throw new Error(`${ZIP} is missing: run npm run build first.`);
    const bytes = readFileSync(ZIP);
    const names: string[] = [];
    // The filter sees every entry's name; nothing is inflated.
    unzipSync(new Uint8Array(bytes), { filter: (f) => (names.push(f.name), false) });
    expect(names.filter((n) => /tesseract-core/.test(n))).toEqual(['vendor/tesseract/tesseract-core-simd-lstm.js', 'vendor/tesseract/tesseract-core-simd-lstm.wasm']);
    expect(names.filter((n) => n.endsWith(".tflite"))).toEqual(['models/face_detection_full_range.tflite']);
    expect(names.filter((n) => /readme|\.md$|\.map$/i.test(n))).toEqual([]);
    for (const { to } of VENDOR_FILES) expect(names, to).toContain(to);
    console.log(`store zip: ${(bytes.length / 1e6).toFixed(1)} MB, ${names.length} files`);
    // 2026-12-02: 11.4 MB (16.6 MB with both tesseract cores, the base64 core and the unused
    // model; 13.8 MB with the traineddata's word lists). Issue 19's goal is 12 MB.
    expect(bytes.length).toBeLessThan(12_000_000);
  });

  it('the listing images are at the stores\' sizes, and the 128 px icon keeps their 16 px clear margin', () => {
    for (const [w, h] of STORE_SIZES) {
      for (const shot of STORE_SHOTS) {
        const png = PNG.sync.read(readFileSync(`artifacts/store/screenshot-${shot.name}-${w}x${h}.png`));
        expect([png.width, png.height], shot.name).toEqual([w, h]);
      }
    }
    const promo = PNG.sync.read(readFileSync('artifacts/store/promo-440x280.png'));
    expect([promo.width, promo.height]).toEqual([440, 280]);
    // Chrome Web Store: a 128×128 icon whose artwork is 96×96, inside 16 px of transparency.
    const icon = PNG.sync.read(readFileSync('public/icons/icon-128.png'));
    expect([icon.width, icon.height]).toEqual([128, 128]);
    const alpha = (x: number, y: number): number => icon.data[(y * 128 + x) * 4 + 3]!;
    let inMargin = 0;
    for (let y = 0; y < 128; y++) for (let x = 0; x < 128; x++) if ((x < 16 || x >= 112 || y < 16 || y >= 112) && alpha(x, y) > 0) inMargin++;
    expect(inMargin).toBe(0);
    expect(alpha(64, 64)).toBe(255);
  });
});
