import type { Page } from 'playwright-core';

/**
 * A card at a slant on a light table, drawn in the page as a JPEG: a purple-blue gradient
 * with glitter, a chip, and light marks where a card has its number and name (marks, not
 * letters: what the recogniser makes of a light embossed number on glitter, as in the
 * corpus's Revolut photo). The finder looks at grey, so the table is lighter than the card.
 */
export const CARD_SCENE = {
  width: 1600,
  height: 1000,
  /** The card (856 × 540 px, ID-1's proportions) turned 8° anticlockwise round this point. */
  centre: [800, 500] as const,
  /** Half the width and height of the turned card's bounds. */
  halfBounds: [442, 327] as const,
  /** 200 × 60 px patches: on the card's number row, and on the table in a corner. */
  numberRow: [380, 560] as const,
  tableCorner: [20, 20] as const,
};

/** The card photo, base64. */
export function drawUnreadableCard(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1600, 1000);
    const ctx = canvas.getContext('2d')!;
    const table = ctx.createLinearGradient(0, 0, 1600, 1000);
    table.addColorStop(0, '#d8cdb8');
    table.addColorStop(1, '#b9ab92');
    ctx.fillStyle = table;
    ctx.fillRect(0, 0, 1600, 1000);
    let seed = 7;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    ctx.translate(800, 500);
    ctx.rotate((-8 * Math.PI) / 180);
    ctx.translate(-428, -270);
    const face = ctx.createLinearGradient(0, 0, 856, 540);
    face.addColorStop(0, '#3a4fd0');
    face.addColorStop(1, '#c03aa0');
    ctx.fillStyle = face;
    ctx.beginPath();
    ctx.roundRect(0, 0, 856, 540, 30);
    ctx.fill();
    for (let i = 0; i < 4000; i++) {
      ctx.fillStyle = `rgba(255,255,255,${(rnd() * 0.35).toFixed(2)})`;
      ctx.fillRect(20 + rnd() * 816, 20 + rnd() * 500, 2, 2);
    }
    ctx.fillStyle = '#c9a44a';
    ctx.fillRect(90, 190, 110, 85);
    ctx.fillStyle = '#e8e4f0';
    for (const [x0, y0, count] of [[90, 330, 16], [90, 440, 10], [90, 80, 7]] as const) {
      for (let i = 0; i < count; i++) ctx.fillRect(x0 + i * 40 + (i >> 2) * 24, y0, 22 + rnd() * 8, 34 + rnd() * 8);
    }
    const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
    let s = '';
    for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
    return btoa(s);
  });
}

/**
 * How much `after` differs from `before` (both base64 pictures) on the card's number row and
 * on the table: the mean of |ΔR| + |ΔG| + |ΔB| over each patch.
 */
export async function cardChange(page: Page, before: string, after: string): Promise<{ card: number; table: number }> {
  const patches = [CARD_SCENE.numberRow, CARD_SCENE.tableCorner];
  const [card, table] = await page.evaluate(
    async ({ a, b, at }) => {
      const patchesOf = async (b64: string): Promise<Uint8ClampedArray[]> => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return at.map(([x, y]) => ctx.getImageData(x, y, 200, 60).data);
      };
      const [p, q] = [await patchesOf(a), await patchesOf(b)];
      return p.map((d, k) => {
        let sum = 0;
        for (let i = 0; i < d.length; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs(d[i + c]! - q[k]![i + c]!);
        return sum / (d.length / 4);
      });
    },
    { a: before, b: after, at: patches as unknown as [number, number][] },
  );
  return { card: card!, table: table! };
}
