import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, localeCandidates, lookupMessage, parseMessages } from '../../src/common/message-table';

const shipped = (locale: string): unknown => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));

describe('the own catalog, for when the browser answers no message', () => {
  it('reads every message of a shipped catalog, by case-insensitive name', () => {
    const json = shipped('fr') as Record<string, { message: string }>;
    const table = parseMessages(json);
    expect(table.size).toBe(Object.keys(json).length);
    expect(lookupMessage(table, 'actionProtected', [])).toBe(json.actionProtected!.message);
    expect(lookupMessage(table, 'ACTIONPROTECTED', [])).toBe(json.actionProtected!.message);
    expect(lookupMessage(table, 'noSuchMessage', [])).toBeUndefined();
  });

  it('skips what is not a message and survives what is not a catalog', () => {
    expect([...parseMessages({ a: { message: 'A' }, b: { message: 3 }, c: null, d: 'x' })]).toEqual([['a', 'A']]);
    for (const junk of [null, 'text', 42, undefined]) expect(parseMessages(junk).size).toBe(0);
  });

  it('fills $1…$9 as getMessage does, $$ is a dollar, a missing value is empty', () => {
    expect(formatMessage('Photo $1 of $2: $3', ['1', '4', 'rash.jpg'])).toBe('Photo 1 of 4: rash.jpg');
    expect(formatMessage('$2 before $1', ['a', 'b'])).toBe('b before a');
    expect(formatMessage('costs $$5 ($1)', ['x'])).toBe('costs $5 (x)');
    expect(formatMessage('$1 and $2', ['only'])).toBe('only and ');
    expect(formatMessage('no values', ['x'])).toBe('no values');
  });

  it("tries the browser's language, then its base, then the default", () => {
    expect(localeCandidates('pt-BR', 'en')).toEqual(['pt_BR', 'pt', 'en']);
    expect(localeCandidates('fr', 'en')).toEqual(['fr', 'en']);
    expect(localeCandidates('en-US', 'en')).toEqual(['en_US', 'en']);
    // Never a path out of _locales.
    expect(localeCandidates('../../x', 'en')).toEqual(['en']);
    expect(localeCandidates('x/fr', 'en')).toEqual(['en']);
    expect(localeCandidates('fr/..', 'en')).toEqual(['en']);
    expect(localeCandidates('', 'en')).toEqual(['en']);
  });
});
