import { describe, expect, it } from 'vitest';
import { lineProfiles, printRunsSideways } from '../../../src/engines/ocr/line-direction';
import type { Gray } from '../../../src/engines/ocr/text-regions';

/** Six lines of dashed "letters" on a white page; `down` draws them as columns instead. */
function page(down: boolean): Gray {
  const long = 400;
  const short = 300;
  const width = down ? short : long;
  const height = down ? long : short;
  const data = new Uint8Array(width * height).fill(255);
  for (let line = 0; line < 6; line++) {
    for (let along = 20; along < 380; along++) {
      if (along % 7 > 3) continue;
      for (let thick = 0; thick < 8; thick++) {
        const across = 50 + line * 35 + thick;
        data[down ? along * width + across : across * width + along] = 0;
      }
    }
  }
  return { data, width, height };
}

describe('printRunsSideways', () => {
  it('tells lines that run across from lines that run down', () => {
    expect(printRunsSideways(page(false))).toBe(false);
    expect(printRunsSideways(page(true))).toBe(true);
    const across = lineProfiles(page(false));
    const down = lineProfiles(page(true));
    expect(across.across).toBeGreaterThan(across.down * 1.25);
    expect(down.down).toBeGreaterThan(down.across * 1.25);
    expect(down.edges).toBe(across.edges);
  });

  it('says nothing of a blank or nearly blank picture', () => {
    const blank: Gray = { data: new Uint8Array(200 * 200).fill(128), width: 200, height: 200 };
    expect(lineProfiles(blank)).toEqual({ across: 1, down: 1, edges: 0 });
    expect(printRunsSideways(blank)).toBe(false);
    // One short dark column: peaked down, but too few edges to be print.
    const speck = blank.data.slice();
    for (let y = 0; y < 40; y++) speck[y * 200 + 100] = 0;
    expect(printRunsSideways({ ...blank, data: speck })).toBe(false);
  });

  it('needs a clear margin: a grid of dots is neither way', () => {
    const width = 200;
    const data = new Uint8Array(width * width).fill(255);
    for (let y = 0; y < width; y += 10) for (let x = 0; x < width; x += 10) data[y * width + x] = 0;
    expect(printRunsSideways({ data, width, height: width })).toBe(false);
  });
});
