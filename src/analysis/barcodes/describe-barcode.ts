/**
 * Says in plain words what a decoded barcode holds, where the payload tells. The person
 * cannot read a barcode by eye, so "this code holds your name, address and birth date"
 * is the whole point of the finding.
 */
import type { IdField } from '../id-text/labels';
import { snippet } from '../../common/findings';
import { maskValue } from '../id-text/mask';
import { parseAamva } from './aamva';

export interface BarcodeDescription {
  /** Finding `field` word: the most sensitive thing the code holds. */
  field: IdField | 'url' | 'unknown';
  description: string;
}

const GENERIC: BarcodeDescription = {
  field: 'unknown',
  description: 'a code with data that may identify you',
};

function describeContact(text: string): BarcodeDescription | undefined {
  if (/^BEGIN:VCARD/i.test(text) || /^MECARD:/i.test(text)) {
    return { field: 'name', description: 'contact details, including a name' };
  }
  return undefined;
}

/**
 * Labels in key:value payloads that name personal data (lab stickers, wristbands,
 * appointment slips), e.g. "PATIENT:Jane Sample;DOB:1984-03-12;MRN:00451234".
 */
function describeKeyValue(text: string): BarcodeDescription | undefined {
  const parts: string[] = [];
  let field: BarcodeDescription['field'] | undefined;
  const note = (f: IdField, words: string): void => {
    field ??= f;
    if (!parts.includes(words)) parts.push(words);
  };
  if (/(?:^|[;|\n,&?])\s*(?:patient|name|nom|氏名)\s*[:=]/i.test(text)) note('name', 'a name');
  if (/(?:^|[;|\n,&?])\s*(?:dob|birth|birthdate|ddn|生年月日)\s*[:=]/i.test(text)) note('birth-date', 'a birth date');
  if (/(?:^|[;|\n,&?])\s*(?:mrn|id|member|patient_?id|pid)\s*[:=]/i.test(text)) note('id-number', 'a patient or member number');
  if (parts.length === 0 || field === undefined) return undefined;
  return { field, description: `patient details: ${parts.join(', ')}` };
}

function isWebAddress(text: string): boolean {
  return /^(?:https?:\/\/|www\.)\S+$/i.test(text.trim());
}

/**
 * zxing-cpp's default text mode shows control characters as `<LF>`, `<RS>`, `<CR>`,
 * `<GS>`; turn them back so that payload formats are recognised either way.
 */
export function unescapeHri(text: string): string {
  return text.replace(/<(LF|RS|CR|GS)>/g, (_, name: string) =>
    ({ LF: '\n', RS: '\x1e', CR: '\r', GS: '\x1d' })[name] ?? '');
}

export function describeBarcode(format: string, rawText: string): BarcodeDescription {
  const text = unescapeHri(rawText);
  if (format === 'PDF417' || /^@\n?\x1e?\r?ANSI /.test(text)) {
    const aamva = parseAamva(text);
    if (aamva) {
      return {
        field: 'name',
        description: `a driving licence or ID card record: ${aamva.holds.join(', ')}`,
      };
    }
  }
  const contact = describeContact(text);
  if (contact) return contact;
  const keyValue = describeKeyValue(text);
  if (keyValue) return keyValue;
  if (isWebAddress(text)) {
    return { field: 'url', description: 'a web address, which may point to a page about you' };
  }
  if (/^RX\s*#?\d{4,}$/i.test(text.trim())) {
    return { field: 'id-number', description: 'likely a prescription number' };
  }
  if (/^MRN\s*\d{4,}$/i.test(text.trim())) {
    return { field: 'id-number', description: 'likely a patient number (medical record number)' };
  }
  // Linear codes on wristbands and specimen labels carry a bare patient number; retail
  // products use EAN/UPC instead, which we do not describe as personal.
  if ((format === 'Code128' || format === 'Code39' || format === 'ITF') && /^\d{5,}$/.test(text.trim())) {
    return { field: 'id-number', description: 'a number, likely a patient number if it is on a wristband or label' };
  }
  if (/^(?:\(01\)|01)\d{14}/.test(text) || /^\x1d?01\d{14}/.test(text)) {
    return { field: 'unknown', description: 'a product code (GS1: item, batch, expiry); usually not about you' };
  }
  return GENERIC;
}

/**
 * A short, masked view of the payload for the finding's `text`: the web site of a URL,
 * the issuer number of a licence record, otherwise initials and the last two digits.
 */
export function barcodeSnippet(rawText: string): string {
  const trimmed = unescapeHri(rawText).trim();
  const url = trimmed.match(/^(?:https?:\/\/)?((?:www\.)?[^/\s?#]+)/i);
  if (isWebAddress(trimmed) && url?.[1]) return snippet(`${url[1]}/…`);
  const aamva = trimmed.match(/^@\s*\x1e?\s*ANSI (\d{6})/);
  if (aamva?.[1]) return snippet(`ANSI ${aamva[1]} …`);
  return snippet(maskValue(trimmed.replace(/[\x00-\x1f]+/g, ' '), 'id-number'));
}
