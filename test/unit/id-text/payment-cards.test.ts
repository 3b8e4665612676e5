import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../src/analysis/describe-finding';
import { isCardNumber, luhnValid } from '../../../src/analysis/id-text/checksums';
import { classifyIdText } from '../../../src/analysis/id-text/classify-id-text';
import { cardNumberHits } from '../../../src/analysis/id-text/values';
import { fields, line } from './helpers';

// Card numbers the networks publish for testing: they pass Luhn and charge no one.
const VISA = '4111 1111 1111 1111';
const MASTERCARD = '5555-5555-5555-4444';
const AMEX = '3782 822463 10005';
const VISA_19 = '4000 0000 0000 0000 006';

describe('luhnValid', () => {
  it('accepts the textbook example and published test numbers', () => {
    expect(luhnValid('79927398713')).toBe(true);
    for (const n of [VISA, MASTERCARD, AMEX, VISA_19]) expect(luhnValid(n.replace(/\D/g, ''))).toBe(true);
  });
  it('rejects a changed digit, swapped neighbours and what is not digits', () => {
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4111111111111121')).toBe(false);
    expect(luhnValid('4111 1111')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('isCardNumber', () => {
  it('needs 13-19 digits in a card network range', () => {
    expect(isCardNumber('4222222222222')).toBe(true); // 13-digit Visa
    expect(isCardNumber('378282246310005')).toBe(true);
    // Luhn holds, but the first digit is no card network's (1, 7, 8, 9, 0) or the length is wrong.
    for (const n of ['1111111111111117', '8000000000000003', '411111111117', '41111111111111111115']) expect(luhnValid(n)).toBe(true);
    expect(isCardNumber('1111111111111117')).toBe(false);
    expect(isCardNumber('8000000000000003')).toBe(false);
    expect(isCardNumber('411111111117')).toBe(false); // 12 digits
    expect(isCardNumber('41111111111111111115')).toBe(false); // 20 digits
  });
});

describe('cardNumberHits', () => {
  it.each([[VISA], [MASTERCARD], [AMEX], [VISA_19], ['4111111111111111'], ['4111  1111  1111  1111']])('finds %s', (n) => {
    const text = `Card ${n} on file`;
    const [hit] = cardNumberHits(text);
    expect(hit).toBeDefined();
    expect(text.slice(hit!.start, hit!.end)).toBe(n);
  });
  it.each([
    ['a number that fails Luhn', '4111 1111 1111 1112'],
    ['random digits in card groups', '4929 3817 5502 7164'],
    ['random digits run together', '5209384756120983'],
    ['mixed separators', '4111 1111-1111 1111'],
    ['a phone number', '+44 20 7946 0958'],
    ['a North-American phone number', '(415) 555-2671'],
    ['a French phone number', '01 23 45 67 89'],
    ['a date and time', '2024-05-02 10:41:00'],
    ['a date range', '2024 0502 2025 0502'],
    ['a 12-digit Aadhaar', '2345 6789 0124'],
    ['a GTIN-14', '09506000134352'],
  ])('does not take %s for a card', (_what, text) => {
    expect(cardNumberHits(text)).toEqual([]);
  });
});

describe('payment cards in the text check', () => {
  it('reports the card number as an identifier, masked, with its own title', () => {
    const [found] = classifyIdText([line(VISA, 2)], { thisYear: 2025 });
    expect(found).toMatchObject({ kind: 'id-text', field: 'card-number' });
    expect(found!.box).toEqual(line(VISA, 2).box);
    expect(found!.text).not.toContain('1111 1111');
    expect(found!.text).toMatch(/11$/);
    expect(describeFinding(found!).titleKey).toBe('findingText_card_number');
  });

  it('reports the card and not an Aadhaar inside it', () => {
    // Its last twelve digits, "2345 6789 0124", pass as an Aadhaar on their own.
    expect(fields('2345 6789 0124')).toEqual(['id-number']);
    expect(fields('4007 2345 6789 0124')).toEqual(['card-number']);
  });

  it('boxes the holder name printed under the number, not the card words', () => {
    const lines = [line('BANK OF EXAMPLE', 0), line(VISA, 2), line('VALID THRU 12/28', 3), line('JANE Q SAMPLE', 4), line('VISA DEBIT', 5)];
    const found = classifyIdText(lines, { thisYear: 2025 });
    expect(found.map((f) => f.field).sort()).toEqual(['card-number', 'name']);
    expect(found.find((f) => f.field === 'name')!.box).toEqual(lines[3]!.box);
  });

  it('takes no unlabelled capitals for a name when no card number is there', () => {
    const lines = [line('4929 3817 5502 7164', 2), line('VALID THRU 12/28', 3), line('JANE Q SAMPLE', 4)];
    expect(classifyIdText(lines, { thisYear: 2025 }).map((f) => f.field)).not.toContain('name');
    expect(classifyIdText(lines, { thisYear: 2025 }).map((f) => f.field)).not.toContain('card-number');
  });

  it('takes no name from lines far from the number', () => {
    const lines = [line(VISA, 0), line('JANE Q SAMPLE', 9)];
    expect(classifyIdText(lines, { thisYear: 2025 }).map((f) => f.field)).toEqual(['card-number']);
  });
});
