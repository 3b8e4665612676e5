import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { componentsOf, LSTM_WORD_DAWG, slimTraineddataGz, withoutComponents } from '../../scripts/lib/traineddata';

/** A traineddata table by hand: 24 slots, components 0, 17 and 19 present. */
function table(parts: Record<number, number[]>): Uint8Array {
  const count = 24;
  const body = Object.entries(parts).sort(([a], [b]) => Number(a) - Number(b));
  const out = new Uint8Array(4 + count * 8 + body.reduce((n, [, p]) => n + p.length, 0));
  const view = new DataView(out.buffer);
  view.setInt32(0, count, true);
  for (let i = 0; i < count; i++) view.setBigInt64(4 + i * 8, -1n, true);
  let at = 4 + count * 8;
  for (const [index, part] of body) {
    view.setBigInt64(4 + Number(index) * 8, BigInt(at), true);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('traineddata components', () => {
  it('reads each component to the next one, and drops only what it is told', () => {
    const data = table({ 0: [1, 2], 17: [3, 4, 5], 19: [6, 6, 6, 6], 23: [7] });
    expect([...componentsOf(data)].map(([i, p]) => [i, [...p]])).toEqual([[0, [1, 2]], [17, [3, 4, 5]], [19, [6, 6, 6, 6]], [23, [7]]]);
    const slim = withoutComponents(data, [LSTM_WORD_DAWG]);
    expect([...componentsOf(slim)].map(([i, p]) => [i, [...p]])).toEqual([[0, [1, 2]], [17, [3, 4, 5]], [23, [7]]]);
    expect(slim.length).toBe(data.length - 4);
  });

  it('refuses what is not a traineddata table', () => {
    expect(() => componentsOf(new Uint8Array(16))).toThrow(/not a traineddata/);
  });

  it('the shipped English model keeps the network, loses the word list, and shrinks', () => {
    const gz = new Uint8Array(readFileSync('node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'));
    const before = componentsOf(new Uint8Array(gunzipSync(gz)));
    const slimGz = slimTraineddataGz(gz);
    const after = componentsOf(new Uint8Array(gunzipSync(slimGz)));
    expect(before.has(LSTM_WORD_DAWG)).toBe(true);
    expect(after.has(LSTM_WORD_DAWG)).toBe(false);
    for (const [index, part] of after) expect(Buffer.from(part).equals(Buffer.from(before.get(index)!)), `component ${index}`).toBe(true);
    expect(slimGz.length).toBeLessThan(gz.length * 0.5);
  });
});
