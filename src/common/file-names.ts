import type { ImageType } from './image-type';

const EXTENSION: Partial<Record<ImageType, string>> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** Same name; a converted type (HEIC → JPEG) gets its new extension. */
export function renameForType(name: string, from: ImageType | undefined, to: ImageType): string {
  if (from === to) return name;
  const ext = EXTENSION[to] ?? to;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem}.${ext}`;
}
