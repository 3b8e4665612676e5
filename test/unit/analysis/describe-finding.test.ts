import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../src/analysis/describe-finding';

describe('describeFinding', () => {
  it('names the apps in a file\'s editing history', () => {
    expect(describeFinding({ kind: 'metadata', field: 'software', text: 'Adobe Photoshop 25.1' })).toMatchObject({
      whyKey: 'whyMeta_software',
      whySubs: ['Adobe Photoshop 25.1'],
    });
  });

  it('does not call a bare version number ("1.01", "13.1.2") an app', () => {
    for (const text of ['1.01', '13.1.2', ' 8.3 ']) {
      expect(describeFinding({ kind: 'metadata', field: 'software', text })).toMatchObject({
        titleKey: 'findingMeta_software',
        whyKey: 'whyMeta_software_version',
        whySubs: [],
      });
    }
  });
});
