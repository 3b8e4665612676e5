import { describe, expect, it } from 'vitest';
import { deepValues, sameValueKey, textOf, textsAt } from '../../../src/analysis/metadata/tag-values';

/**
 * How a metadata value (an owner's name, a serial number, a comment) becomes the text a
 * person is shown, and when it says nothing worth a warning.
 */
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

describe('textOf', () => {
  it('strings, finite numbers, lists and {value} wrappers become plain text', () => {
    expect(textOf('Jane Doe')).toBe('Jane Doe');
    expect(textOf(129324)).toBe('129324');
    expect(textOf(Number.NaN)).toBeUndefined();
    expect(textOf(['Jane', '', 'Doe'])).toBe('Jane, Doe');
    expect(textOf({ value: 'Clinic camera 3' })).toBe('Clinic camera 3');
    expect(textOf({ lang: 'x-default' })).toBeUndefined();
    expect(textOf(undefined)).toBeUndefined();
    expect(textOf(true)).toBeUndefined();
  });

  it('spaces are folded and NUL padding removed', () => {
    expect(textOf('  Jane \n\t Doe\0\0 ')).toBe('Jane Doe');
  });

  it('says nothing for what cameras write when there is nothing to say', () => {
    for (const placeholder of ['', '   ', 'Unknown', 'default', 'None', 'N/A', 'na', 'NULL', '---', '??', 'Untitled', '0000', 'OLYMPUS DIGITAL CAMERA', 'sony dsc', 'Digital Camera']) {
      expect(textOf(placeholder), placeholder).toBeUndefined();
    }
    // A placeholder only when it is all there is.
    expect(textOf('Unknown photographer')).toBe('Unknown photographer');
    expect(textOf('0042')).toBe('0042');
  });

  it('Windows XP tags (UTF-16LE bytes) and plain bytes (UTF-8)', () => {
    expect(textOf(utf16le('Zoë Martin'))).toBe('Zoë Martin');
    expect(textOf(new Uint8Array(Buffer.from('Zoë Martin', 'utf8')))).toBe('Zoë Martin');
    // One byte is never taken as UTF-16.
    expect(textOf(ascii('J'))).toBe('J');
  });

  it('a UserComment: its 8-byte character set name is not part of the text', () => {
    expect(textOf(new Uint8Array([...ascii('ASCII\0\0\0'), ...ascii('Rash, day 3')]), true)).toBe('Rash, day 3');
    expect(textOf(new Uint8Array([...ascii('UNICODE\0'), ...utf16le('山田 花子')]), true)).toBe('山田 花子');
    // An undefined set (eight NULs): the body is the text.
    expect(textOf(new Uint8Array([...new Uint8Array(8), ...ascii('Bed 12')]), true)).toBe('Bed 12');
    // Too short to hold a set name: all of it is the text.
    expect(textOf(ascii('Bed 12'), true)).toBe('Bed 12');
    // Read as a plain tag, the same bytes keep their prefix.
    expect(textOf(new Uint8Array([...ascii('ASCII\0\0\0'), ...ascii('Rash')]))).toBe('ASCIIRash');
  });
});

describe('sameValueKey', () => {
  it('the same serial written with and without leading zeros, in any case, is one value', () => {
    expect(sameValueKey('0000129324')).toBe(sameValueKey('129324'));
    expect(sameValueKey('AB12c')).toBe('ab12c');
    // Only leading zeros: 1007 is not 17.
    expect(sameValueKey('1007')).toBe('1007');
    // A lone zero stays a zero.
    expect(sameValueKey('0')).toBe('0');
    expect(sameValueKey('00')).toBe('0');
  });
});

describe('textsAt', () => {
  it('looks the references up in order and keeps each value once', () => {
    const blocks = { ifd0: { Artist: 'Jane Doe', SerialNumber: '0000129324' }, exif: { BodySerialNumber: '129324', OwnerName: 'jane doe' } };
    expect(textsAt(blocks, ['ifd0:Artist', 'exif:OwnerName', 'ifd0:SerialNumber', 'exif:BodySerialNumber', 'iptc:Byline'])).toEqual(['Jane Doe', '0000129324']);
  });

  it('decodes a UserComment only where the reference is one', () => {
    const comment = new Uint8Array([...ascii('ASCII\0\0\0'), ...ascii('Bed 12')]);
    expect(textsAt({ exif: { UserComment: comment } }, ['exif:UserComment'])).toEqual(['Bed 12']);
    expect(textsAt({ userComment: { value: comment } }, ['userComment:value'])).toEqual(['Bed 12']);
    expect(textsAt({ exif: { ImageDescription: comment } }, ['exif:ImageDescription'])).toEqual(['ASCIIBed 12']);
  });
});

describe('deepValues', () => {
  it('finds every value under the keys, in nested objects and lists', () => {
    const xmp = { creator: { seq: ['Jane Doe'] }, nested: [{ name: 'A' }, { deeper: { name: 'B' } }], other: 'x' };
    expect(deepValues(xmp, new Set(['name', 'creator']))).toEqual([{ seq: ['Jane Doe'] }, 'A', 'B']);
  });

  it('does not descend into a value it already took', () => {
    expect(deepValues({ name: { name: 'inner' } }, new Set(['name']))).toEqual([{ name: 'inner' }]);
  });

  it('stops at a depth of 8, so a cyclic or hostile structure cannot hang it', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(deepValues(cyclic, new Set(['name']))).toEqual([]);
    let nested: unknown = { name: 'deep' };
    for (let i = 0; i < 8; i++) nested = { down: nested };
    expect(deepValues(nested, new Set(['name']))).toEqual(['deep']);
    expect(deepValues({ down: nested }, new Set(['name']))).toEqual([]);
    expect(deepValues([[[[[[[[{ x: 'in lists' }]]]]]]]], new Set(['x']))).toEqual(['in lists']);
    expect(deepValues([[[[[[[[[{ x: 'too deep' }]]]]]]]]], new Set(['x']))).toEqual([]);
  });

  it('plain values hold nothing', () => {
    for (const v of [undefined, null, 'name', 3]) expect(deepValues(v, new Set(['name']))).toEqual([]);
  });
});
