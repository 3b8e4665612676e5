/**
 * AAMVA card design standard: the PDF417 on the back of North-American driving licences
 * and ID cards. Payload starts "@\n\x1e\rANSI " and then carries three-letter element IDs
 * (DCS family name, DAC first name, DBB birth date, DAG street address...).
 */

const HEADER = /^@\n?\x1e?\r?(?:ANSI |AAMVA)/;

const ELEMENTS: Array<{ ids: string[]; words: string }> = [
  { ids: ['DCS', 'DAC', 'DCT', 'DAA', 'DAB'], words: 'name' },
  { ids: ['DAG', 'DAI', 'DAK'], words: 'home address' },
  { ids: ['DBB'], words: 'birth date' },
  { ids: ['DAQ'], words: 'licence number' },
  { ids: ['DAU', 'DAY', 'DBC'], words: 'height, eye colour or sex' },
];

export interface AamvaSummary {
  holds: string[];
}

export function parseAamva(text: string): AamvaSummary | undefined {
  if (!HEADER.test(text)) return undefined;
  const present = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\n\r]|DL|ID)(D[A-Z]{2})/g)) {
    if (m[1]) present.add(m[1]);
  }
  const holds = ELEMENTS.filter((e) => e.ids.some((id) => present.has(id))).map((e) => e.words);
  // A header without readable elements is still a licence record.
  return { holds: holds.length > 0 ? holds : ['name, address and birth date'] };
}
