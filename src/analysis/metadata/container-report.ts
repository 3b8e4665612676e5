import type { Finding } from '../../common/findings';

/** What a container walker learnt on its own, beside what exifr reads. */
export interface ContainerReport {
  findings: Finding[];
  /** Extra tag texts by field (e.g. PNG text chunks), merged into the tag findings. */
  texts: Partial<Record<string, string[]>>;
  /** Extra byte blocks for exifr (WebP EXIF as TIFF, XMP wrapped in a JPEG). */
  exifrInputs: Uint8Array[];
  width?: number;
  height?: number;
  /** The first EXIF (TIFF) block, to check what IFD0 declares against what exifr could read. */
  exifTiff?: Uint8Array;
  /** The file is cut off or its structure is broken. */
  damaged: boolean;
}

export const emptyReport = (): ContainerReport => ({ findings: [], texts: {}, exifrInputs: [], damaged: false });

export function addText(report: ContainerReport, field: string, text: string): void {
  const clean = text.replace(/\0/g, '').replace(/\s+/g, ' ').trim();
  if (clean) (report.texts[field] ??= []).push(clean);
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

/** Trailing bytes that are only padding (zeros or 0xFF) carry nothing. */
export const isPadding = (b: Uint8Array): boolean => b.every((x) => x === 0 || x === 0xff);
