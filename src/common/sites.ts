/**
 * Match patterns for the sites Upload Guard protects. Pure: no browser API, tested in Node.
 * Only the shapes the extension itself uses are accepted: `http`, `https` or `*` scheme, a
 * host (exact, `*.` + domain, or `*`), and a path; ports are not part of a pattern.
 */
export interface MatchPattern {
  scheme: '*' | 'http' | 'https';
  /** `*`, `*.example.org`, or an exact host name. */
  host: string;
  path: string;
}

/** What "Protect uploads on every site" asks for (both are in `optional_host_permissions`). */
export const ALL_SITES_PATTERNS: readonly string[] = ['https://*/*', 'http://*/*'];

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(\/.*)$/;

export function parsePattern(text: string): MatchPattern | undefined {
  const m = PATTERN.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const [, scheme, host, path] = m;
  if (!scheme || !host || !path || host.includes('..')) return undefined;
  return { scheme: scheme as MatchPattern['scheme'], host, path };
}

export const formatPattern = (p: MatchPattern): string => `${p.scheme}://${p.host}${p.path}`;

function hostCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (outer.startsWith('*.')) {
    const domain = outer.slice(2);
    const bare = inner.startsWith('*.') ? inner.slice(2) : inner;
    return bare === domain || bare.endsWith(`.${domain}`);
  }
  return outer === inner;
}

function pathCovers(outer: string, inner: string): boolean {
  if (outer === inner || outer === '/*') return true;
  if (!outer.includes('*')) return false;
  // Glob on the literal path: enough for the patterns the extension writes (`/*`, `/app/*`).
  const re = new RegExp(`^${outer.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(inner);
}

/** Whether everything `inner` matches is also matched by `outer` (a granted permission covering a site). */
export function patternCovers(outer: string, inner: string): boolean {
  const a = parsePattern(outer);
  const b = parsePattern(inner);
  if (!a || !b) return false;
  const schemeOk = a.scheme === b.scheme || (a.scheme === '*' && b.scheme !== '*');
  return schemeOk && hostCovers(a.host, b.host) && pathCovers(a.path, b.path);
}

/** Whether a page address is matched by a pattern. */
export function patternMatchesUrl(pattern: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const page = `${u.protocol.slice(0, -1)}://${u.hostname}${u.pathname}`;
  return patternCovers(pattern, page);
}

/** `https://example.org/*` for a page address; nothing for pages that are not http(s). */
export function sitePatternForUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return formatPattern({ scheme: u.protocol === 'https:' ? 'https' : 'http', host: u.hostname.toLowerCase(), path: '/*' });
  } catch {
    return undefined;
  }
}

/**
 * What a person typed into "Add a site": a host (`clinic.example.org`), an address, or a
 * pattern. Returns the pattern for that one site (https unless they wrote http), or nothing.
 */
export function siteFromInput(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (/^(\*|https?):\/\//i.test(trimmed) && trimmed.includes('*')) {
    const p = parsePattern(trimmed);
    return p ? formatPattern(p) : undefined;
  }
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const pattern = sitePatternForUrl(withScheme);
  return pattern && parsePattern(pattern) ? pattern : undefined;
}

/** Valid, lower-case, each once, in the order given. */
export function normalizeSiteList(list: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const p = parsePattern(item);
    if (!p) continue;
    const text = formatPattern(p);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** Host name shown to a person for a pattern (`*.example.org`, `every site`). */
export function patternLabel(pattern: string): string {
  const p = parsePattern(pattern);
  return p ? p.host : pattern;
}

export type SiteSource = 'default' | 'policy' | 'user' | 'all';

export interface SiteInputs {
  defaults: readonly string[];
  userSites: readonly string[];
  policySites: readonly string[];
  protectAllSites: boolean;
  /** Host permissions the browser has granted (`permissions.getAll().origins`). */
  granted: readonly string[];
}

export const isGranted = (granted: readonly string[], pattern: string): boolean => granted.some((g) => patternCovers(g, pattern));

/**
 * Patterns the background registers `content.js` for at run time: what the person or the
 * organisation asked for and the browser allows, minus the built-in list (the manifest
 * already injects there).
 */
export function registrationPatterns(inputs: Omit<SiteInputs, 'defaults'> & { defaults?: readonly string[] }): string[] {
  const wanted = normalizeSiteList([
    ...inputs.userSites,
    ...inputs.policySites,
    ...(inputs.protectAllSites ? ALL_SITES_PATTERNS : []),
  ]);
  const defaults = inputs.defaults ?? [];
  return wanted.filter((p) => !defaults.includes(p) && isGranted(inputs.granted, p));
}

export interface SiteStatus {
  /** Uploads on this page are checked. */
  protected: boolean;
  /** Why (the first that applies), or why not. */
  source: SiteSource | 'none';
  /** Someone asked for this site (person or policy), but the browser has not granted it. */
  needsPermission: boolean;
  /** The person added this site themselves (so they may remove it). */
  userAdded: boolean;
}

/** Where a page stands: protected by the built-in list, policy, the person, "every site", or not. */
export function siteStatus(url: string, inputs: SiteInputs): SiteStatus {
  const matches = (list: readonly string[]): string[] => list.filter((p) => patternMatchesUrl(p, url));
  const userAdded = matches(inputs.userSites).length > 0;
  const allowed = (list: readonly string[]): boolean => list.some((p) => isGranted(inputs.granted, p));
  const inDefaults = matches(inputs.defaults);
  if (inDefaults.length > 0 && allowed(inDefaults)) return { protected: true, source: 'default', needsPermission: false, userAdded };
  const policy = matches(inputs.policySites);
  if (policy.length > 0 && allowed(policy)) return { protected: true, source: 'policy', needsPermission: false, userAdded };
  const user = matches(inputs.userSites);
  if (user.length > 0 && allowed(user)) return { protected: true, source: 'user', needsPermission: false, userAdded };
  if (inputs.protectAllSites && allowed(matches(ALL_SITES_PATTERNS))) return { protected: true, source: 'all', needsPermission: false, userAdded };
  const asked = policy.length > 0 || user.length > 0 || inDefaults.length > 0;
  return { protected: false, source: 'none', needsPermission: asked, userAdded };
}

/**
 * Patterns registered for frames that are protected only inside a protected page: the
 * embedded origins the browser allows, minus those the manifest or the main registration
 * already cover (there the frame is protected on its own).
 */
export function embeddedRegistrationPatterns(inputs: Omit<SiteInputs, 'defaults'> & { defaults?: readonly string[]; embeddedSites: readonly string[] }): string[] {
  const covered = [...(inputs.defaults ?? []), ...registrationPatterns(inputs)];
  return normalizeSiteList(inputs.embeddedSites).filter((p) => isGranted(inputs.granted, p) && !covered.some((c) => patternCovers(c, p)));
}

/**
 * Whether a frame is protected: its own address is, or it is a subframe (not the top) of a
 * tab whose top page is. `frameUrl` and `topUrl` must come from the browser (the message
 * sender), never from the frame, which could claim anything.
 */
export function frameProtected(frame: { frameUrl: string | undefined; topUrl: string | undefined; isTop: boolean }, inputs: SiteInputs): boolean {
  if (frame.frameUrl && siteStatus(frame.frameUrl, inputs).protected) return true;
  return !frame.isTop && frame.topUrl !== undefined && siteStatus(frame.topUrl, inputs).protected;
}
