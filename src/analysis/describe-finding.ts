import type { MessageKey } from '../common/message-key';
import type { Finding } from '../common/findings';

/**
 * Plain-language description of a finding as message keys (the UI looks them up in
 * `_locales`), plus how serious it is, so the list can put the worst first.
 */
export interface FindingDescription {
  titleKey: MessageKey;
  whyKey: MessageKey;
  /** Substitutions for the "why" message ($1). */
  whySubs: string[];
  /** Lower is more serious. */
  rank: number;
}

/** What each kind of hidden data is called and why it matters, and how serious it is (lower: more). */
const METADATA: Readonly<Record<string, { titleKey: MessageKey; whyKey: MessageKey; rank: number }>> = {
  serial: { titleKey: 'findingMeta_serial', whyKey: 'whyMeta_serial', rank: 40 },
  owner: { titleKey: 'findingMeta_owner', whyKey: 'whyMeta_owner', rank: 41 },
  person: { titleKey: 'findingMeta_person', whyKey: 'whyMeta_person', rank: 42 },
  description: { titleKey: 'findingMeta_description', whyKey: 'whyMeta_description', rank: 43 },
  datetime: { titleKey: 'findingMeta_datetime', whyKey: 'whyMeta_datetime', rank: 44 },
  thumbnail: { titleKey: 'findingMeta_thumbnail', whyKey: 'whyMeta_thumbnail', rank: 45 },
  'hidden-pixels': { titleKey: 'findingMeta_hidden_pixels', whyKey: 'whyMeta_hidden_pixels', rank: 45 },
  preview: { titleKey: 'findingMeta_preview', whyKey: 'whyMeta_preview', rank: 46 },
  'secondary-image': { titleKey: 'findingMeta_secondary_image', whyKey: 'whyMeta_secondary_image', rank: 47 },
  'trailing-data': { titleKey: 'findingMeta_trailing_data', whyKey: 'whyMeta_trailing_data', rank: 48 },
  device: { titleKey: 'findingMeta_device', whyKey: 'whyMeta_device', rank: 49 },
  'unique-id': { titleKey: 'findingMeta_unique_id', whyKey: 'whyMeta_unique_id', rank: 50 },
  software: { titleKey: 'findingMeta_software', whyKey: 'whyMeta_software', rank: 51 },
};
const OTHER_METADATA = { titleKey: 'findingMeta_other', whyKey: 'whyMeta_other', rank: 60 } as const;

const ID_TEXT_TITLES: Readonly<Record<string, MessageKey>> = {
  name: 'findingText_name',
  'birth-date': 'findingText_birth_date',
  'id-number': 'findingText_id_number',
  'card-number': 'findingText_card_number',
  card: 'findingText_card',
  mrz: 'findingText_mrz',
  phone: 'findingText_phone',
  email: 'findingText_email',
  address: 'findingText_address',
};

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
      const titleKey = (f.field !== undefined && Object.hasOwn(ID_TEXT_TITLES, f.field) ? ID_TEXT_TITLES[f.field] : undefined) ?? 'findingText_other';
      // A card found by its outline: its print was not read, so the reason names the card.
      return { titleKey, whyKey: f.field === 'card' ? 'whyIdCard' : 'whyIdText', whySubs: [], rank: 20 };
    }
    case 'barcode':
      return { titleKey: 'findingBarcode', whyKey: 'whyBarcode', whySubs: [f.text ?? ''], rank: 30 };
    case 'metadata': {
      const meta = (f.field !== undefined && Object.hasOwn(METADATA, f.field) ? METADATA[f.field] : undefined) ?? OTHER_METADATA;
      // A bare version ("1.01", "13.1.2": firmware, an app that wrote only its version) names no app.
      if (f.field === 'software' && !/\p{L}/u.test(f.text ?? '')) return { titleKey: meta.titleKey, whyKey: 'whyMeta_software_version', whySubs: [], rank: meta.rank };
      return { titleKey: meta.titleKey, whyKey: meta.whyKey, whySubs: [f.text ?? ''], rank: meta.rank };
    }
  }
}
