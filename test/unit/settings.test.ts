import { describe, expect, it } from 'vitest';
import {
  addStats,
  applyPolicy,
  DEFAULT_SETTINGS,
  migrateSettings,
  normalizePolicy,
  normalizeSettings,
  normalizeStats,
  SETTINGS_VERSION,
  SETTINGS_VERSION_KEY,
} from '../../src/common/settings';

describe('normalizeSettings', () => {
  it('fills in defaults for an empty store', () => {
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('drops wrong types and unknown values, keeps good ones', () => {
    const out = normalizeSettings({
      alwaysReview: 'yes',
      redactionStyle: 'blur',
      textLanguages: ['jpn', 'eng', 'klingon', 3, 'jpn', 'fra'],
      userSites: ['https://A.org/*', 'nonsense', 'https://a.org/*'],
      protectAllSites: 1,
      somethingElse: true,
    });
    expect(out).toEqual({ ...DEFAULT_SETTINGS, textLanguages: ['jpn', 'fra'], userSites: ['https://a.org/*'] });
  });

  it('keeps every valid choice', () => {
    const chosen = {
      alwaysReview: true,
      redactionStyle: 'fill' as const,
      textLanguages: ['hin'],
      userSites: ['https://b.org/*'],
      protectAllSites: true,
      embeddedSites: ['https://chat.vendor.example/*'],
    };
    expect(normalizeSettings(chosen)).toEqual(chosen);
  });

  it('keeps only valid embedded sites, each once', () => {
    expect(normalizeSettings({ embeddedSites: ['https://Chat.Vendor.example/*', 'chat.vendor.example', 7, 'https://chat.vendor.example/*'] }).embeddedSites).toEqual([
      'https://chat.vendor.example/*',
    ]);
    expect(normalizeSettings({ embeddedSites: 'https://x.org/*' }).embeddedSites).toEqual([]);
  });

  it('does not share arrays with the defaults', () => {
    normalizeSettings({}).userSites.push('https://x.org/*');
    expect(DEFAULT_SETTINGS.userSites).toEqual([]);
  });
});

describe('migrateSettings', () => {
  it('turns bare host names into patterns and drops English from the extra languages (0 → 1)', () => {
    const out = migrateSettings({ userSites: ['clinic.example.org', 'https://b.org/*'], textLanguages: ['eng', 'jpn'] });
    expect(out).toEqual({ userSites: ['https://clinic.example.org/*', 'https://b.org/*'], textLanguages: ['jpn'], [SETTINGS_VERSION_KEY]: SETTINGS_VERSION });
    expect(normalizeSettings(out).userSites).toEqual(['https://clinic.example.org/*', 'https://b.org/*']);
  });

  it('leaves a current store alone and does not change its input', () => {
    const stored = { userSites: ['odd.example'], [SETTINGS_VERSION_KEY]: SETTINGS_VERSION };
    expect(migrateSettings(stored)).toEqual(stored);
    const old = { userSites: ['a.org'] };
    migrateSettings(old);
    expect(old).toEqual({ userSites: ['a.org'] });
  });
});

describe('policy', () => {
  it('keeps only well-formed values', () => {
    expect(normalizePolicy({ sites: ['https://Clinic.org/*', 'junk', 5], alwaysReview: 'true', allowUploadAsIs: false, other: 1 })).toEqual({
      sites: ['https://clinic.org/*'],
      allowUploadAsIs: false,
    });
    expect(normalizePolicy(undefined)).toEqual({});
    expect(normalizePolicy('x')).toEqual({});
  });

  it('wins over the person where set, and offers "Upload as is" unless it says not to', () => {
    const mine = { ...DEFAULT_SETTINGS, alwaysReview: false };
    expect(applyPolicy(mine, {})).toMatchObject({ alwaysReview: false, allowUploadAsIs: true });
    expect(applyPolicy(mine, { alwaysReview: true, allowUploadAsIs: false })).toMatchObject({ alwaysReview: true, allowUploadAsIs: false });
    expect(applyPolicy({ ...mine, alwaysReview: true }, { alwaysReview: false }).alwaysReview).toBe(false);
  });
});

describe('counts', () => {
  it('adds per site and ignores junk', () => {
    const a = addStats({}, 'https://a.org/*', { photos: 2, facesHidden: 1 });
    const b = addStats(a, 'https://a.org/*', { photos: 1, facesHidden: -4 });
    expect(b).toEqual({ 'https://a.org/*': { photos: 3, facesHidden: 1 } });
    expect(normalizeStats({ x: { photos: '3', facesHidden: 2.7 }, y: null })).toEqual({ x: { photos: 0, facesHidden: 2 } });
  });
});

describe('untidy storage and policy', () => {
  it('migrates a store without sites, and leaves items that are not text alone', () => {
    expect(migrateSettings({ textLanguages: ['eng'] })).toEqual({ textLanguages: [], [SETTINGS_VERSION_KEY]: SETTINGS_VERSION });
    expect(migrateSettings({ userSites: [7, 'a.org'] }).userSites).toEqual([7, 'https://a.org/*']);
  });

  it('takes a clinic\'s "review every photo" and "no Upload as is" only as true/false', () => {
    expect(normalizePolicy({ alwaysReview: true })).toEqual({ alwaysReview: true });
    expect(normalizePolicy({ allowUploadAsIs: 'false' })).toEqual({});
    expect(normalizePolicy({ sites: 'https://x.org/*' })).toEqual({});
    expect(normalizePolicy(null)).toEqual({});
  });

  it('counts only finite positive numbers, and skips sites stored as junk', () => {
    expect(normalizeStats({ x: { photos: Infinity, facesHidden: 3 } })).toEqual({ x: { photos: 0, facesHidden: 3 } });
    expect(normalizeStats({ x: 5, y: { photos: 1 } })).toEqual({ y: { photos: 1, facesHidden: 0 } });
    expect(normalizeStats(null)).toEqual({});
    expect(normalizeStats(undefined)).toEqual({});
  });
});
