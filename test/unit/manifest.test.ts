import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SITES } from '../../src/common/default-sites';
import { isStatsMessage } from '../../src/common/messages';
import { ALL_SITES_PATTERNS } from '../../src/common/sites';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8'));
const permissionsDoc = readFileSync('docs/permissions.md', 'utf8');

describe('manifest', () => {
  it('asks for the least: storage, scripting, activeTab; exact hosts; broad hosts only as optional', () => {
    expect(manifest.permissions).toEqual(['storage', 'scripting', 'activeTab']);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.host_permissions).toEqual([...DEFAULT_SITES]);
    expect(manifest.host_permissions.some((h: string) => h.includes('*://') || h.startsWith('<all') || /:\/\/\*[/.]/.test(h))).toBe(false);
    expect(manifest.optional_host_permissions).toEqual([...ALL_SITES_PATTERNS]);
  });

  it('every permission has its paragraph in docs/permissions.md', () => {
    for (const p of [...manifest.permissions, 'host_permissions', 'optional_host_permissions']) {
      expect(permissionsDoc, p).toMatch(new RegExp(`^## \`${p}\``, 'm'));
    }
  });

  it('declares the managed schema with what clinics can set', () => {
    expect(manifest.storage.managed_schema).toBe('managed-schema.json');
    expect(Object.keys(schema.properties).sort()).toEqual(['allowUploadAsIs', 'alwaysReview', 'sites']);
  });
});

describe('stats message', () => {
  it('takes small whole counts only', () => {
    expect(isStatsMessage({ type: 'stats', photos: 3, facesHidden: 1 })).toBe(true);
    for (const bad of [null, {}, { type: 'stats', photos: -1, facesHidden: 0 }, { type: 'stats', photos: 1.5, facesHidden: 0 }, { type: 'stats', photos: 1 }, { type: 'stat', photos: 1, facesHidden: 0 }, { type: 'stats', photos: 1e9, facesHidden: 0 }]) {
      expect(isStatsMessage(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
