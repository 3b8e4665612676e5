import { describe, expect, it } from 'vitest';
import { isReadable, normaliseIdentifier, scoreLeaks, substringDistance } from '../../scripts/lib/identifiers';
import { loadIdentifierLabels } from '../../scripts/lib/leak-eval';

describe('identifier matching for the eval', () => {
  it('compares without case, spaces, accents or fillers', () => {
    expect(normaliseIdentifier('Köln  heidestr. 17')).toBe('KOLNHEIDESTR17');
    expect(isReadable({ kind: 'mrz', text: 'P<UTOERIKSSON<<ANNA' }, ['p utoeriksson anna'])).toBe(true);
  });

  it('wants short identifiers exactly', () => {
    expect(isReadable({ kind: 'name', text: 'SAVA' }, ['SAV4'])).toBe(false);
    expect(isReadable({ kind: 'name', text: 'SAVA' }, ['Nume SAVA ff'])).toBe(true);
  });

  it('takes a long identifier with up to a fifth of its characters misread', () => {
    expect(substringDistance('ABCDEFGHIJ', 'xxABCDEFGHIJyy')).toBe(0);
    expect(isReadable({ kind: 'mrz', text: 'L898902C36UTO7408122F1204159' }, ['L898902C36UT07408122F1204159ZE'])).toBe(true);
    expect(isReadable({ kind: 'id-number', text: '1850509204994' }, ['18505'])).toBe(false);
  });

  it('counts only what the original showed, and what the copy still shows of it', () => {
    const labels = { 'a.png': [{ kind: 'name' as const, text: 'TRAVELER' }, { kind: 'name' as const, text: 'HAPPYPERSON' }, { kind: 'mrz' as const, text: 'UNREADABLE<<LINE' }] };
    const s = scoreLeaks(labels, new Map([['a.png', { original: ['TRAVELER', 'HAPPYPERSON'], copy: ['HAPPYPERSON'] }]]));
    expect([s.readable, s.leaked, s.rate]).toEqual([2, 1, 0.5]);
    expect(s.rows[0]?.unread).toBe(1);
  });

  it('the committed labels name only known kinds and non-empty texts', () => {
    const labels = loadIdentifierLabels();
    const all = Object.values(labels).flat();
    expect(all.length).toBeGreaterThan(50);
    for (const id of all) {
      expect(['name', 'birth-date', 'id-number', 'address', 'mrz']).toContain(id.kind);
      expect(normaliseIdentifier(id.text).length).toBeGreaterThan(2);
    }
  });
});
