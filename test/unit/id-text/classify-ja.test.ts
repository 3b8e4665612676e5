import { describe, expect, it } from 'vitest';
import { fields } from './helpers';

describe('Japanese', () => {
  it.each([
    ['氏名 山田 太郎', 'name'],
    ['氏名山田太郎', 'name'],
    ['生年月日 昭和59年3月12日', 'birth-date'],
    ['生年月日 1984年3月12日', 'birth-date'],
    ['被保険者番号 12345678', 'id-number'],
    ['記号 1234 番号 567', 'id-number'],
    ['個人番号 1234 5678 9018', 'id-number'],
    ['電話番号 03-1234-5678', 'phone'],
    ['090-1234-5678', 'phone'],
    ['住所 東京都千代田区千代田1丁目1番地', 'address'],
    ['千代田区1丁目2番地3号', 'address'],
    ['〒100-0001', 'address'],
    ['山田花子 様', 'name'],
  ])('%s → %s', (text, field) => {
    expect(fields(text)).toContain(field);
  });

  it('a plain 12-digit My Number with a good check digit is an ID number', () => {
    expect(fields('123456789018')).toEqual(['id-number']);
    expect(fields('123456789017')).toEqual([]);
  });

  it('電話番号 is a phone label, not a bare 番号', () => {
    expect(fields('電話番号 03-1234-5678')).toEqual(['phone']);
  });

  it.each([['使用期限 2027.03'], ['1日3回 食後に服用'], ['価格 1,200円'], ['ロット 12345678']])('%s → nothing', (text) => {
    expect(fields(text)).toEqual([]);
  });
});
