import libheif, { type LibHeif } from 'libheif-js/libheif-wasm/libheif.js';

/**
 * HEIC/HEIF decoding with libheif (WASM), because browsers cannot open iPhone photos
 * themselves. The decoder applies the file's rotation and mirroring, so the result is
 * upright like every other decoded picture. Loaded once per worker, on the first HEIC.
 */
let module: Promise<LibHeif> | undefined;

function load(wasmUrl: string): Promise<LibHeif> {
  module ??= (async () => {
    // The WASM is one of the extension's own files: this is not a network request.
    const wasmBinary = await (await fetch(wasmUrl)).arrayBuffer();
    const m = await libheif({ wasmBinary });
    if (m.ready) await m.ready;
    return m;
  })().catch((error: unknown) => {
    module = undefined;
    throw error;
  });
  return module;
}

export async function decodeHeic(bytes: Uint8Array, wasmUrl: string): Promise<ImageBitmap> {
  const heif = await load(wasmUrl);
  const images = new heif.HeifDecoder().decode(bytes);
  const image = images[0];
  if (!image) throw new Error('no image in this HEIC file');
  try {
    const width = image.get_width();
    const height = image.get_height();
    const pixels = await new Promise<Uint8ClampedArray>((resolve, reject) => {
      image.display({ data: new Uint8ClampedArray(width * height * 4), width, height }, (result) =>
        result ? resolve(result.data) : reject(new Error('HEIC decoding failed')),
      );
    });
    return await createImageBitmap(new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, width, height));
  } finally {
    for (const i of images) i.free?.();
  }
}
