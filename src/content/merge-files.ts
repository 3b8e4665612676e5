/**
 * Pure: the files a page receives after a review, in the order they were chosen. Non-image
 * files go through untouched; each reviewed image is replaced by the file the person chose
 * for it, or left out. `from[i]` says which held image `chosen[i]` replaces (without it,
 * position i); an index that names no held image is ignored.
 */
export function mergeReviewed<T>(original: readonly T[], images: readonly T[], chosen: readonly T[], from?: readonly number[]): T[] {
  const replacement = new Map<number, T>();
  chosen.forEach((file, i) => {
    const index = from?.[i] ?? i;
    if (Number.isInteger(index) && index >= 0 && index < images.length) replacement.set(index, file);
  });
  return original.flatMap((file) => {
    const index = images.indexOf(file);
    if (index < 0) return [file];
    const next = replacement.get(index);
    return next === undefined ? [] : [next];
  });
}
