import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Tesseract's .traineddata is a table of components: an int32 count, then that many int64
 * offsets (-1 for an absent component), then the components back to back, each running to
 * the next present one (tesseract's TessdataManager). Dropping one means rewriting the table.
 */

/** Index of the LSTM word list (TessdataType TESSDATA_LSTM_SYSTEM_DAWG). */
export const LSTM_WORD_DAWG = 19;

export function componentsOf(data: Uint8Array): Map<number, Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getInt32(0, true);
  if (count <= 0 || count > 64 || 4 + count * 8 > data.length) throw new Error(`not a traineddata file (${count} components)`);
  const offsets = Array.from({ length: count }, (_, i) => Number(view.getBigInt64(4 + i * 8, true)));
  const present = offsets.flatMap((offset, index) => (offset >= 0 ? [{ index, offset }] : [])).sort((a, b) => a.offset - b.offset);
  const parts = new Map<number, Uint8Array>();
  present.forEach(({ index, offset }, k) => {
    const end = present[k + 1]?.offset ?? data.length;
    if (offset < 4 + count * 8 || end > data.length || end < offset) throw new Error(`component ${index} is out of the file`);
    parts.set(index, data.subarray(offset, end));
  });
  return parts;
}

export function withoutComponents(data: Uint8Array, drop: readonly number[]): Uint8Array {
  const count = new DataView(data.buffer, data.byteOffset, data.byteLength).getInt32(0, true);
  const kept = [...componentsOf(data)].filter(([index]) => !drop.includes(index)).sort(([a], [b]) => a - b);
  const size = 4 + count * 8 + kept.reduce((n, [, part]) => n + part.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setInt32(0, count, true);
  for (let i = 0; i < count; i++) view.setBigInt64(4 + i * 8, -1n, true);
  let at = 4 + count * 8;
  for (const [index, part] of kept) {
    view.setBigInt64(4 + index * 8, BigInt(at), true);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The traineddata the text check ships, without the word list. The check reads names, dates
 * and ID numbers, which no dictionary holds (and an English word list "corrects" an MRZ line
 * towards words); the list is 71 % of eng.traineddata (3.7 of 5.2 MB). Measured 2026-12-02:
 * the four languages 7.1 → 4.6 MB gzipped; see docs/benchmarks.md for what the text check finds.
 */
export function slimTraineddataGz(gz: Uint8Array): Uint8Array {
  return gzipSync(withoutComponents(gunzipSync(gz), [LSTM_WORD_DAWG]), { level: 9 });
}
