/**
 * Runs in the page (passed to Playwright's or puppeteer's `evaluate`): how much the region of
 * a face box, given as the dialog places it (`left/top/width/height` in % of the picture),
 * differs between the original and the received copy, both decoded by the browser itself.
 * Mean absolute difference 0-255 over the box's inside, 2 px in from each edge.
 */
export async function placeDifference({ before, after, place }: { before: string; after: string; place: number[] }): Promise<{ size: number[]; inside: number }> {
  const pixels = async (b64: string): Promise<ImageData> => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  };
  const a = await pixels(before);
  const b = await pixels(after);
  const [x, y, w, h] = place.map((v, i) => Math.round((v / 100) * (i % 2 === 0 ? a.width : a.height))) as [number, number, number, number];
  let sum = 0;
  let n = 0;
  for (let py = y + 2; py < y + h - 2; py++) {
    for (let px = x + 2; px < x + w - 2; px++) {
      const i = (py * a.width + px) * 4;
      sum += (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!)) / 3;
      n++;
    }
  }
  return { size: [b.width, b.height], inside: sum / n };
}
