import type { MessageKey } from './message-key';

/**
 * Words for the person, as the name of a `_locales` message and its values. Notes and errors
 * cross contexts (worker → frame → dialog) in this form and are put into words only where
 * they are shown, in the person's language; never as English prose.
 */
export interface Said {
  key: MessageKey;
  subs?: string[];
}

export const said = (key: MessageKey, ...subs: string[]): Said => (subs.length > 0 ? { key, subs } : { key });

export function isSaid(value: unknown): value is Said {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { key?: unknown; subs?: unknown };
  return typeof v.key === 'string' && (v.subs === undefined || (Array.isArray(v.subs) && v.subs.every((s) => typeof s === 'string')));
}

/** An error whose message for the person is a `_locales` message; `detail` is for developers only. */
export class SaidError extends Error {
  constructor(
    readonly said: Said,
    detail?: string,
  ) {
    super(detail ?? said.key);
  }
}
