import type { Finding } from './findings';

/**
 * Plain-language description of a finding as message keys (the UI looks them up in
 * `_locales`), plus how serious it is, so the list can put the worst first.
 */
export interface FindingDescription {
  titleKey: string;
  whyKey: string;
  /** Substitutions for the "why" message ($1). */
  whySubs: string[];
  /** Lower is more serious. */
  rank: number;
}

const METADATA_RANK: Record<string, number> = {
  serial: 40,
  owner: 41,
  person: 42,
  description: 43,
  datetime: 44,
  thumbnail: 45,
  'hidden-pixels': 45,
  preview: 46,
  'secondary-image': 47,
  'trailing-data': 48,
  device: 49,
  'unique-id': 50,
  software: 51,
};

const ID_TEXT_FIELDS = new Set(['name', 'birth-date', 'id-number', 'card-number', 'mrz', 'phone', 'email', 'address']);

function roundMetres(m: number): string {
  if (m < 10) return String(Math.max(1, Math.round(m)));
  if (m < 100) return String(Math.round(m / 5) * 5);
  return String(Math.round(m / 50) * 50);
}

export function describeFinding(f: Finding): FindingDescription {
  switch (f.kind) {
    case 'face':
      return { titleKey: 'findingFace', whyKey: 'whyFace', whySubs: [], rank: 0 };
    case 'location':
      if (f.field === 'gps-invalid') return { titleKey: 'findingLocationInvalid', whyKey: 'whyLocationInvalid', whySubs: [], rank: 10 };
      if (f.field === 'place-name') {
        return { titleKey: 'findingPlaceName', whyKey: 'whyPlaceName', whySubs: [f.text ?? ''], rank: 11 };
      }
      return {
        titleKey: 'findingLocation',
        whyKey: 'whyLocation',
        whySubs: [roundMetres(f.accuracyM ?? 10)],
        rank: 10,
      };
    case 'id-text': {
      const field = f.field && ID_TEXT_FIELDS.has(f.field) ? f.field : 'other';
      return { titleKey: `findingText_${field.replace('-', '_')}`, whyKey: 'whyIdText', whySubs: [], rank: 20 };
    }
    case 'barcode':
      return { titleKey: 'findingBarcode', whyKey: 'whyBarcode', whySubs: [f.text ?? ''], rank: 30 };
    case 'metadata': {
      const field = f.field && f.field in METADATA_RANK ? f.field : 'other';
      // A bare version ("1.01", "13.1.2": firmware, an app that wrote only its version) names no app.
      if (field === 'software' && !/\p{L}/u.test(f.text ?? '')) {
        return { titleKey: 'findingMeta_software', whyKey: 'whyMeta_software_version', whySubs: [], rank: METADATA_RANK.software ?? 60 };
      }
      return {
        titleKey: `findingMeta_${field.replace('-', '_')}`,
        whyKey: `whyMeta_${field.replace('-', '_')}`,
        whySubs: [f.text ?? ''],
        rank: METADATA_RANK[field] ?? 60,
      };
    }
  }
}
