/** OCR languages bundled with the extension (tesseract codes). */
export const BUNDLED_TEXT_LANGUAGES = ['eng', 'jpn', 'hin', 'fra'] as const;

const BY_BROWSER_LANGUAGE: Record<string, string> = { ja: 'jpn', hi: 'hin', fr: 'fra' };

/**
 * English always; the browser's language when we have it; plus what the person turned on.
 * Each extra language slows recognition, so nothing else is added by default.
 */
export function textLanguagesFor(browserLanguage: string, extra: readonly string[]): string[] {
  const primary = BY_BROWSER_LANGUAGE[browserLanguage.toLowerCase().split('-')[0] ?? ''];
  const wanted = ['eng', ...(primary ? [primary] : []), ...extra];
  const bundled = new Set<string>(BUNDLED_TEXT_LANGUAGES);
  return [...new Set(wanted)].filter((l) => bundled.has(l));
}
