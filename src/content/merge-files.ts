/**
 * Pure: the files a page receives after a review, in the order they were chosen. Non-image
 * files go through untouched; each reviewed image is replaced by the file the person chose
 * for it, or left out. `from[i]` says which held image `chosen[i]` replaces (without it,
 * position i); an index that names no held image is ignored.
 */
export function mergeReviewed<T>(original: readonly T[], images: readonly T[], chosen: readonly T[], from?: readonly number[]): T[] {
  // Keyed by the held image's position: an index that names none is never looked up.
  const replacement = new Map<number, T>();
  chosen.forEach((file, i) => replacement.set(from?.[i] ?? i, file));
  return original.flatMap((file) => {
    const index = images.indexOf(file);
    if (index < 0) return [file];
    const next = replacement.get(index);
    return next === undefined ? [] : [next];
  });
}
