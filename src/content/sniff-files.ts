import { SNIFF_BYTES, sniffImageType } from '../common/image-type';

/** Reads only the first bytes of each file: enough to tell an image, never the pixels. */
export async function isImageFile(file: File): Promise<boolean> {
  try {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    return sniffImageType(head) !== undefined;
  } catch {
    // An unreadable file cannot be checked; treat it as an image so the person is told.
    return true;
  }
}

export async function splitImages(files: readonly File[]): Promise<{ images: File[]; others: File[] }> {
  const flags = await Promise.all(files.map(isImageFile));
  return {
    images: files.filter((_, i) => flags[i]),
    others: files.filter((_, i) => !flags[i]),
  };
}
