/** Settings, typed from their defaults (Refined GitHub's pattern). Stored in `storage.local`. */
export const DEFAULT_SETTINGS = {
  /** Show the dialog for every photo, also when nothing was found. */
  alwaysReview: false,
  /** How faces and text are covered in the protected copy. */
  redactionStyle: 'pixelate' as 'pixelate' | 'fill',
  /** Extra OCR languages besides English; empty means "follow the browser's language". */
  textLanguages: [] as string[],
  /** Sites the person added, as match patterns (`https://example.org/*`). */
  userSites: [] as string[],
  /** The person asked to protect uploads on every site. */
  protectAllSites: false,
};

export type Settings = typeof DEFAULT_SETTINGS;

/** What a clinic can set by policy (`storage.managed`), see `public/managed-schema.json`. */
export interface ManagedPolicy {
  sites?: string[];
  alwaysReview?: boolean;
  allowUploadAsIs?: boolean;
}

/** Fills in defaults and drops anything of the wrong type (storage is not trusted to be tidy). */
export function normalizeSettings(stored: Record<string, unknown>): Settings {
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof stored.alwaysReview === 'boolean') out.alwaysReview = stored.alwaysReview;
  if (stored.redactionStyle === 'pixelate' || stored.redactionStyle === 'fill') out.redactionStyle = stored.redactionStyle;
  if (Array.isArray(stored.textLanguages)) out.textLanguages = stored.textLanguages.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(stored.userSites)) out.userSites = stored.userSites.filter((x): x is string => typeof x === 'string');
  if (typeof stored.protectAllSites === 'boolean') out.protectAllSites = stored.protectAllSites;
  return out;
}

/** Policy wins over the person's own choice where it is set. */
export function applyPolicy(settings: Settings, policy: ManagedPolicy): Settings & { allowUploadAsIs: boolean } {
  return {
    ...settings,
    alwaysReview: policy.alwaysReview ?? settings.alwaysReview,
    allowUploadAsIs: policy.allowUploadAsIs ?? true,
  };
}
