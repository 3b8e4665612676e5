import { describe, expect, it } from 'vitest';
import { DEFAULT_SITES } from '../../src/common/default-sites';
import { isFrameStatusAnswer, isFrameStatusRequest } from '../../src/common/messages';
import { ALL_SITES_PATTERNS, embeddedRegistrationPatterns, frameProtected, type SiteInputs } from '../../src/common/sites';

const VENDOR = 'https://chat.vendor.example/*';

const inputs = (over: Partial<SiteInputs> = {}): SiteInputs => ({
  defaults: DEFAULT_SITES,
  userSites: [],
  policySites: [],
  protectAllSites: false,
  granted: [...DEFAULT_SITES],
  ...over,
});

describe('embeddedRegistrationPatterns', () => {
  it('registers an embedded origin once the browser has granted it', () => {
    expect(embeddedRegistrationPatterns({ ...inputs(), embeddedSites: [VENDOR] })).toEqual([]);
    expect(embeddedRegistrationPatterns({ ...inputs({ granted: [...DEFAULT_SITES, VENDOR] }), embeddedSites: [VENDOR, 'nonsense'] })).toEqual([VENDOR]);
    // A broad grant covers it too.
    expect(embeddedRegistrationPatterns({ ...inputs({ granted: ['https://*/*'] }), embeddedSites: [VENDOR] })).toEqual([VENDOR]);
  });

  it('leaves out origins that are protected on their own (built-in, the person, every site)', () => {
    const granted = [...DEFAULT_SITES, VENDOR, ...ALL_SITES_PATTERNS];
    expect(embeddedRegistrationPatterns({ ...inputs({ granted }), embeddedSites: [DEFAULT_SITES[0]!] })).toEqual([]);
    expect(embeddedRegistrationPatterns({ ...inputs({ granted, userSites: [VENDOR] }), embeddedSites: [VENDOR] })).toEqual([]);
    expect(embeddedRegistrationPatterns({ ...inputs({ granted, protectAllSites: true }), embeddedSites: [VENDOR] })).toEqual([]);
  });
});

describe('frameProtected', () => {
  const top = 'https://www.doctors-me.com/consult/1';
  const frame = 'https://chat.vendor.example/widget';

  it('a subframe of a protected top page is protected, whatever its own address', () => {
    expect(frameProtected({ frameUrl: frame, topUrl: top, isTop: false }, inputs())).toBe(true);
    expect(frameProtected({ frameUrl: 'about:blank', topUrl: top, isTop: false }, inputs())).toBe(true);
    expect(frameProtected({ frameUrl: undefined, topUrl: top, isTop: false }, inputs())).toBe(true);
  });

  it('the vendor page on its own, or inside a page that is not protected, is not', () => {
    expect(frameProtected({ frameUrl: frame, topUrl: frame, isTop: true }, inputs())).toBe(false);
    // Even if the browser reported a protected tab for a top frame (a navigation in flight).
    expect(frameProtected({ frameUrl: frame, topUrl: top, isTop: true }, inputs())).toBe(false);
    expect(frameProtected({ frameUrl: frame, topUrl: 'https://blog.example/', isTop: false }, inputs())).toBe(false);
    expect(frameProtected({ frameUrl: frame, topUrl: undefined, isTop: false }, inputs())).toBe(false);
    // A protected top page whose permission was taken back protects nothing.
    expect(frameProtected({ frameUrl: frame, topUrl: top, isTop: false }, inputs({ granted: [] }))).toBe(false);
  });

  it('a frame protected on its own stays protected', () => {
    const own = inputs({ userSites: [VENDOR], granted: [...DEFAULT_SITES, VENDOR] });
    expect(frameProtected({ frameUrl: frame, topUrl: frame, isTop: true }, own)).toBe(true);
    expect(frameProtected({ frameUrl: frame, topUrl: 'https://blog.example/', isTop: false }, own)).toBe(true);
  });
});

describe('frame-status messages', () => {
  it('the request carries nothing but its type', () => {
    expect(isFrameStatusRequest({ type: 'frame-status' })).toBe(true);
    for (const bad of [null, 'frame-status', {}, { type: 'stats' }, { type: 'frame-status', topUrl: 'https://www.doctors-me.com/' }]) {
      expect(isFrameStatusRequest(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('the answer is a boolean', () => {
    expect(isFrameStatusAnswer({ protected: false })).toBe(true);
    for (const bad of [undefined, null, {}, { protected: 'yes' }, { protected: 1 }]) expect(isFrameStatusAnswer(bad), JSON.stringify(bad)).toBe(false);
  });
});
