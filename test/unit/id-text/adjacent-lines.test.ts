import { describe, expect, it } from 'vitest';
import { classifyIdText } from '../../../src/analysis/id-text/classify-id-text';
import { line } from './helpers';

describe('label on one line, value on the next', () => {
  it('pairs a label with the line below it and boxes the value', () => {
    const found = classifyIdText([line('Surname / Nom', 0), line('ERIKSSON', 1), line('Date of birth', 2), line('12 AUG 1974', 3)], { thisYear: 2025 });
    expect(found.map((f) => f.field)).toEqual(['name', 'birth-date']);
    expect(found[0]?.box).toEqual(line('ERIKSSON', 1).box);
    expect(found[1]?.text).toBe('Date of birth •• A•• ••74');
  });

  it('pairs a label with a value to its right on the same row', () => {
    const label = { text: 'DOB:', box: [10, 100, 50, 20] as [number, number, number, number], confidence: 0.9 };
    const value = { text: '07/04/1975', box: [90, 102, 120, 20] as [number, number, number, number], confidence: 0.9 };
    const found = classifyIdText([label, value], { thisYear: 2025 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ field: 'birth-date', box: value.box });
  });

  it('does not pair with a line far below', () => {
    const far = { text: 'JANE SAMPLE', box: [10, 400, 120, 24] as [number, number, number, number], confidence: 0.9 };
    expect(classifyIdText([line('Name', 0), far], { thisYear: 2025 })).toEqual([]);
  });

  it('does not take another label as the value', () => {
    expect(classifyIdText([line('Name', 0), line('Date of birth', 1)], { thisYear: 2025 })).toEqual([]);
  });

  it('falls back to the next line when the engine gives no boxes', () => {
    const noBox = (text: string) => ({ text, box: [0, 0, 0, 0] as [number, number, number, number], confidence: 1 });
    expect(classifyIdText([noBox('氏名'), noBox('山田 太郎')], { thisYear: 2025 }).map((f) => f.field)).toEqual(['name']);
  });

  it('works in Hindi and French card layouts', () => {
    expect(classifyIdText([line('जन्म तिथि', 0), line('12/03/1984', 1)], { thisYear: 2025 }).map((f) => f.field)).toEqual(['birth-date']);
    expect(classifyIdText([line('Prénoms', 0), line('Marie, Claire', 1)], { thisYear: 2025 }).map((f) => f.field)).toEqual(['name']);
  });
});
