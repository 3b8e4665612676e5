import { describe, expect, it } from 'vitest';
import { fields } from './helpers';
import { joinCjkSpaces } from '../../../src/analysis/id-text/ocr-line';

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
    // As OCR reads it without its word list: a space between every two kanji.
    ['氏 名 山 田 花 子', 'name'],
    ['生 年 月 日 1987 年 4 月 12 日', 'birth-date'],
    ['患 者 番 号 4471902', 'id-number'],
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

  it('spaces between kanji and kana go, spaces next to Latin letters and digits stay', () => {
    expect(joinCjkSpaces('氏 名 山 田 花 子')).toBe('氏名山田花子');
    expect(joinCjkSpaces('フ リ ガ ナ ヤマダ')).toBe('フリガナヤマダ');
    expect(joinCjkSpaces('生 年 月 日 1987 年 4 月')).toBe('生年月日 1987 年 4 月');
    expect(joinCjkSpaces('Name 山田 Taro')).toBe('Name 山田 Taro');
  });
});
