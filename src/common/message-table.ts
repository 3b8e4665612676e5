/**
 * The extension's own `_locales/<locale>/messages.json`, read as a table, for the one case
 * where the browser's `i18n.getMessage` answers nothing at all: Chromium keeps the first
 * catalog a renderer was sent for an extension, and an empty one (seen in the test suite, 2
 * of 16 full runs: every word of the popup and the review shown as its message name) stays
 * until that process ends. Pure: no browser API here.
 */
export type MessageTable = ReadonlyMap<string, string>;

/** A parsed messages.json; names are case-insensitive in `i18n.getMessage`, so lower-cased here. */
export function parseMessages(json: unknown): MessageTable {
  const table = new Map<string, string>();
  if (typeof json !== 'object' || json === null) return table;
  for (const [name, entry] of Object.entries(json)) {
    const message: unknown = (entry as { message?: unknown } | null)?.message;
    if (typeof message === 'string') table.set(name.toLowerCase(), message);
  }
  return table;
}

/** `$1`…`$9` filled in and `$$` made `$`, as `i18n.getMessage` does (a missing value is empty). */
export function formatMessage(message: string, subs: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
}

export function lookupMessage(table: MessageTable, key: string, subs: readonly string[]): string | undefined {
  const message = table.get(key.toLowerCase());
  return message === undefined ? undefined : formatMessage(message, subs);
}

/**
 * The catalogs to try, in the browser's order: `pt-BR` → `pt_BR`, `pt`, then the default
 * locale.
 */
export function localeCandidates(uiLanguage: string, defaultLocale: string): string[] {
  const full = uiLanguage.replace(/-/g, '_');
  const base = full.split('_')[0] ?? '';
  return [...new Set([full, base, defaultLocale].filter((l) => /^[A-Za-z]{2,3}(_[A-Za-z0-9]{2,8})*$/.test(l)))];
}
