/**
 * zlib inflate through the platform's DecompressionStream (browsers, workers, Node 18+).
 * Returns undefined where it is missing or the data is broken: callers then report that
 * compressed text exists without showing it.
 */
export async function inflateZlib(data: Uint8Array, maxBytes = 1 << 20): Promise<Uint8Array | undefined> {
  if (typeof DecompressionStream === 'undefined') return undefined;
  try {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
    const reader = stream.getReader();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      total += value.length;
      if (total > maxBytes) {
        // A text chunk this large is a decompression bomb or not text; stop reading.
        await reader.cancel();
        break;
      }
    }
    const out = new Uint8Array(Math.min(total, maxBytes));
    let at = 0;
    for (const p of parts) {
      out.set(p.subarray(0, out.length - at), at);
      at += Math.min(p.length, out.length - at);
    }
    return out;
  } catch {
    return undefined;
  }
}
