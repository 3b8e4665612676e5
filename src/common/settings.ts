import { normalizeSiteList, siteFromInput } from './sites';
import { BUNDLED_TEXT_LANGUAGES } from './text-languages';

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
  /**
   * Origins (as `https://vendor.example/*`) the person allowed for frames embedded in a
   * protected page only (chat, video-visit and form vendors): visited on their own, or inside
   * a page that is not protected, they are not checked.
   */
  embeddedSites: [] as string[],
};

export type Settings = typeof DEFAULT_SETTINGS;
export type SettingKey = keyof Settings;

/** Where the stored shape's version lives (beside the settings, in `storage.local`). */
export const SETTINGS_VERSION_KEY = 'settingsVersion';

/**
 * Each entry upgrades the raw stored object by one version, in place. Append only: entry
 * `n` turns version `n` into `n + 1`.
 */
export const MIGRATIONS: readonly ((stored: Record<string, unknown>) => void)[] = [
  // 0 → 1: early builds kept sites as bare host names ("clinic.example.org") and counted
  // English among the extra OCR languages; English is always on now.
  (stored) => {
    if (Array.isArray(stored.userSites)) {
      stored.userSites = stored.userSites.map((s: unknown) => (typeof s === 'string' && !s.includes('://') ? (siteFromInput(s) ?? s) : s));
    }
    if (Array.isArray(stored.textLanguages)) stored.textLanguages = stored.textLanguages.filter((l) => l !== 'eng');
  },
];

export const SETTINGS_VERSION = MIGRATIONS.length;

/** Runs the migrations a stored object still needs; returns a new object (the input is not changed). */
export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(stored);
  const version = out[SETTINGS_VERSION_KEY];
  const from = typeof version === 'number' ? version : 0;
  for (let v = Math.max(0, from); v < MIGRATIONS.length; v++) MIGRATIONS[v]?.(out);
  out[SETTINGS_VERSION_KEY] = SETTINGS_VERSION;
  return out;
}

const EXTRA_LANGUAGES = new Set<string>(BUNDLED_TEXT_LANGUAGES.filter((l) => l !== 'eng'));

/** Fills in defaults and drops anything of the wrong type (storage is not trusted to be tidy). */
export function normalizeSettings(stored: Record<string, unknown>): Settings {
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof stored.alwaysReview === 'boolean') out.alwaysReview = stored.alwaysReview;
  if (stored.redactionStyle === 'pixelate' || stored.redactionStyle === 'fill') out.redactionStyle = stored.redactionStyle;
  if (Array.isArray(stored.textLanguages)) {
    out.textLanguages = [...new Set(stored.textLanguages.filter((x): x is string => typeof x === 'string' && EXTRA_LANGUAGES.has(x)))];
  }
  if (Array.isArray(stored.userSites)) out.userSites = normalizeSiteList(stored.userSites);
  if (typeof stored.protectAllSites === 'boolean') out.protectAllSites = stored.protectAllSites;
  if (Array.isArray(stored.embeddedSites)) out.embeddedSites = normalizeSiteList(stored.embeddedSites);
  return out;
}

/** What a clinic can set by policy (`storage.managed`), see `public/managed-schema.json`. */
export interface ManagedPolicy {
  sites?: string[];
  alwaysReview?: boolean;
  allowUploadAsIs?: boolean;
}

/** Keeps only well-formed policy values; a malformed one counts as not set. */
export function normalizePolicy(raw: unknown): ManagedPolicy {
  const out: ManagedPolicy = {};
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (Array.isArray(r.sites)) out.sites = normalizeSiteList(r.sites);
  if (typeof r.alwaysReview === 'boolean') out.alwaysReview = r.alwaysReview;
  if (typeof r.allowUploadAsIs === 'boolean') out.allowUploadAsIs = r.allowUploadAsIs;
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

// ---- counts kept on the device (popup: "8 photos checked here, 3 faces hidden")

export const STATS_KEY = 'siteStats';

export interface SiteStats {
  photos: number;
  facesHidden: number;
}

/** Counts per site pattern (`https://example.org/*`). */
export type StatsBySite = Record<string, SiteStats>;

const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

export function normalizeStats(raw: unknown): StatsBySite {
  const out: StatsBySite = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [site, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    out[site] = { photos: count(v.photos), facesHidden: count(v.facesHidden) };
  }
  return out;
}

export function addStats(all: StatsBySite, site: string, add: SiteStats): StatsBySite {
  const before = all[site] ?? { photos: 0, facesHidden: 0 };
  return { ...all, [site]: { photos: before.photos + count(add.photos), facesHidden: before.facesHidden + count(add.facesHidden) } };
}
