import { describe, expect, it } from 'vitest';
import { DEFAULT_SITES } from '../../src/common/default-sites';
import {
  ALL_SITES_PATTERNS,
  isGranted,
  normalizeSiteList,
  parsePattern,
  patternLabel,
  patternCovers,
  patternMatchesUrl,
  registrationPatterns,
  siteFromInput,
  sitePatternForUrl,
  siteStatus,
  type SiteInputs,
} from '../../src/common/sites';

describe('parsePattern', () => {
  it('accepts the shapes the extension uses', () => {
    expect(parsePattern('https://www.doctors-me.com/*')).toEqual({ scheme: 'https', host: 'www.doctors-me.com', path: '/*' });
    expect(parsePattern('*://*.example.org/app/*')).toEqual({ scheme: '*', host: '*.example.org', path: '/app/*' });
    expect(parsePattern('https://*/*')).toEqual({ scheme: 'https', host: '*', path: '/*' });
    expect(parsePattern(' HTTPS://Clinic.Example.org/* ')?.host).toBe('clinic.example.org');
  });

  it('rejects what Chrome would reject or we never want', () => {
    for (const bad of ['<all_urls>', 'file:///*', 'ftp://x.org/*', 'https://x.org', 'https://x*.org/*', 'https://a..b/*', 'example.org', '', 'https://*.*/*', 'https://x.org:8080/*']) {
      expect(parsePattern(bad), bad).toBeUndefined();
    }
  });
});

describe('matching', () => {
  it('matches page addresses by scheme, host and path', () => {
    expect(patternMatchesUrl('https://www.doctors-me.com/*', 'https://www.doctors-me.com/q/new?x=1')).toBe(true);
    expect(patternMatchesUrl('https://www.doctors-me.com/*', 'http://www.doctors-me.com/')).toBe(false);
    expect(patternMatchesUrl('https://www.doctors-me.com/*', 'https://evil-doctors-me.com/')).toBe(false);
    expect(patternMatchesUrl('https://*.example.org/*', 'https://example.org/')).toBe(true);
    expect(patternMatchesUrl('https://*.example.org/*', 'https://a.b.example.org/')).toBe(true);
    expect(patternMatchesUrl('https://*.example.org/*', 'https://example.org.evil.com/')).toBe(false);
    expect(patternMatchesUrl('*://x.org/app/*', 'http://x.org/app/upload')).toBe(true);
    expect(patternMatchesUrl('*://x.org/app/*', 'https://x.org/other')).toBe(false);
    expect(patternMatchesUrl('https://*/*', 'chrome-extension://abc/popup.html')).toBe(false);
    expect(patternMatchesUrl('https://x.org/*', 'not a url')).toBe(false);
  });

  it('ignores the port of a page (match patterns have none)', () => {
    expect(patternMatchesUrl('https://x.org/*', 'https://x.org:8443/a')).toBe(true);
  });

  it('knows when a granted permission covers a site', () => {
    expect(patternCovers('https://*/*', 'https://clinic.example.org/*')).toBe(true);
    expect(patternCovers('*://*/*', 'http://clinic.example.org/*')).toBe(true);
    expect(patternCovers('http://*/*', 'https://clinic.example.org/*')).toBe(false);
    expect(patternCovers('https://*.example.org/*', 'https://*.a.example.org/*')).toBe(true);
    expect(patternCovers('https://clinic.example.org/*', 'https://*.example.org/*')).toBe(false);
    expect(patternCovers('https://x.org/app/*', 'https://x.org/*')).toBe(false);
    expect(isGranted(['https://x.org/*', 'https://y.org/*'], 'https://y.org/*')).toBe(true);
    expect(isGranted([], 'https://y.org/*')).toBe(false);
  });
});

describe('what a person types', () => {
  it('turns a host, an address or a pattern into one site', () => {
    expect(siteFromInput('clinic.example.org')).toBe('https://clinic.example.org/*');
    expect(siteFromInput('https://Clinic.example.org/portal/upload?x=1')).toBe('https://clinic.example.org/*');
    expect(siteFromInput('http://intranet.local/')).toBe('http://intranet.local/*');
    expect(siteFromInput('https://*.example.org/*')).toBe('https://*.example.org/*');
    expect(siteFromInput('  ')).toBeUndefined();
    expect(siteFromInput('not a site!')).toBeUndefined();
    expect(siteFromInput('javascript:alert(1)')).toBeUndefined();
  });

  it('gives the site of a page, and nothing for pages that are not web pages', () => {
    expect(sitePatternForUrl('https://unprotected.example.org/plain.html')).toBe('https://unprotected.example.org/*');
    expect(sitePatternForUrl('chrome://extensions')).toBeUndefined();
    expect(sitePatternForUrl('')).toBeUndefined();
  });

  it('normalises a list: valid, lower case, each once', () => {
    expect(normalizeSiteList(['https://A.org/*', 'https://a.org/*', 42, 'junk', 'https://b.org/*'])).toEqual(['https://a.org/*', 'https://b.org/*']);
  });
});

const inputs = (over: Partial<SiteInputs> = {}): SiteInputs => ({
  defaults: DEFAULT_SITES,
  userSites: [],
  policySites: [],
  protectAllSites: false,
  granted: [...DEFAULT_SITES],
  ...over,
});

describe('registrationPatterns', () => {
  it('registers what was asked for and granted, never the built-in list again', () => {
    const out = registrationPatterns({
      defaults: DEFAULT_SITES,
      userSites: ['https://a.org/*', 'https://www.doctors-me.com/*', 'https://not-granted.org/*'],
      policySites: ['https://clinic.org/*', 'https://a.org/*'],
      protectAllSites: false,
      granted: ['https://a.org/*', 'https://clinic.org/*', 'https://www.doctors-me.com/*'],
    });
    expect(out).toEqual(['https://a.org/*', 'https://clinic.org/*']);
  });

  it('"every site" registers the broad patterns only once they are granted', () => {
    const base = { userSites: [], policySites: [], protectAllSites: true };
    expect(registrationPatterns({ ...base, granted: [] })).toEqual([]);
    expect(registrationPatterns({ ...base, granted: [...ALL_SITES_PATTERNS] })).toEqual([...ALL_SITES_PATTERNS]);
  });

  it('a revoked permission takes its site out', () => {
    expect(registrationPatterns({ userSites: ['https://a.org/*'], policySites: [], protectAllSites: false, granted: [] })).toEqual([]);
  });
});

describe('siteStatus', () => {
  it('names where protection comes from, in order: built-in, policy, person, every site', () => {
    expect(siteStatus('https://www.doctors-me.com/x', inputs())).toMatchObject({ protected: true, source: 'default' });
    const clinic = 'https://clinic.org/*';
    expect(siteStatus('https://clinic.org/', inputs({ policySites: [clinic], userSites: [clinic], granted: [clinic] }))).toMatchObject({ protected: true, source: 'policy', userAdded: true });
    expect(siteStatus('https://clinic.org/', inputs({ userSites: [clinic], granted: [clinic] }))).toMatchObject({ protected: true, source: 'user' });
    expect(siteStatus('https://clinic.org/', inputs({ protectAllSites: true, granted: [...ALL_SITES_PATTERNS] }))).toMatchObject({ protected: true, source: 'all', userAdded: false });
  });

  it('says when a site was asked for but the browser has not granted it', () => {
    expect(siteStatus('https://clinic.org/', inputs({ userSites: ['https://clinic.org/*'] }))).toEqual({ protected: false, source: 'none', needsPermission: true, userAdded: true });
    expect(siteStatus('https://clinic.org/', inputs({ policySites: ['https://clinic.org/*'] }))).toMatchObject({ protected: false, needsPermission: true, userAdded: false });
    expect(siteStatus('https://other.org/', inputs())).toEqual({ protected: false, source: 'none', needsPermission: false, userAdded: false });
    expect(siteStatus('https://other.org/', inputs({ protectAllSites: true }))).toMatchObject({ protected: false });
  });
});

describe('edges that decide whether a site is protected', () => {
  it('an exact path covers itself, and a path pattern is a glob on the literal path', () => {
    expect(patternCovers('https://x.org/app', 'https://x.org/app')).toBe(true);
    expect(patternCovers('https://x.org/app', 'https://x.org/app/upload')).toBe(false);
    // "." in a pattern is a dot, not "any character".
    expect(patternCovers('https://x.org/a.b/*', 'https://x.org/a.b/c')).toBe(true);
    expect(patternCovers('https://x.org/a.b/*', 'https://x.org/axb/c')).toBe(false);
  });

  it('a malformed pattern covers nothing and is covered by nothing', () => {
    expect(patternCovers('junk', 'https://x.org/*')).toBe(false);
    expect(patternCovers('https://*/*', 'junk')).toBe(false);
    expect(isGranted(['junk', 'https://x.org/*'], 'https://x.org/*')).toBe(true);
  });

  it('keeps the path of a typed pattern and the scheme the person wrote', () => {
    expect(siteFromInput('  clinic.example.org  ')).toBe('https://clinic.example.org/*');
    expect(siteFromInput('https://*.example.org/app/*')).toBe('https://*.example.org/app/*');
    expect(siteFromInput('http://x.org/app/*')).toBe('http://x.org/app/*');
    // A host the browser takes but a match pattern cannot hold is no site.
    expect(siteFromInput('under_score.example.org')).toBeUndefined();
  });

  it('a page is protected when any one of the patterns that match it is granted', () => {
    const status = siteStatus('https://a.x.org/', inputs({ defaults: ['https://*.x.org/*', 'https://a.x.org/*'], granted: ['https://a.x.org/*'] }));
    expect(status).toEqual({ protected: true, source: 'default', needsPermission: false, userAdded: false });
  });

  it('a protected page never asks for permission, whatever protects it', () => {
    const clinic = 'https://clinic.org/*';
    const cases: [string, Partial<SiteInputs>][] = [
      ['https://www.doctors-me.com/x', {}],
      ['https://clinic.org/', { policySites: [clinic], granted: [clinic] }],
      ['https://clinic.org/', { userSites: [clinic], granted: [clinic] }],
      ['https://clinic.org/', { protectAllSites: true, granted: [...ALL_SITES_PATTERNS] }],
    ];
    for (const [url, over] of cases) expect(siteStatus(url, inputs(over)), JSON.stringify(over)).toMatchObject({ protected: true, needsPermission: false });
  });

  it('a built-in site whose access was taken back asks for it', () => {
    expect(siteStatus('https://www.doctors-me.com/x', inputs({ granted: [] }))).toEqual({ protected: false, source: 'none', needsPermission: true, userAdded: false });
  });

  it('labels a pattern by its host', () => {
    expect(patternLabel('https://*.example.org/*')).toBe('*.example.org');
    expect(patternLabel('junk')).toBe('junk');
  });
});
