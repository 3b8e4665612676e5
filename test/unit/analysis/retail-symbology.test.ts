import { describe, expect, it } from 'vitest';
import { retailSymbology } from '../../../src/analysis/barcodes/retail-symbology';

describe('retailSymbology', () => {
  it('names an EAN-13 that starts with 0 a UPC-A, without the 0', () => {
    expect(retailSymbology('EAN13', '0181497000879')).toEqual({ format: 'UPCA', text: '181497000879' });
  });

  it('leaves every other EAN-13 and every other format as read', () => {
    expect(retailSymbology('EAN13', '8413000065504')).toEqual({ format: 'EAN13', text: '8413000065504' });
    expect(retailSymbology('EAN13', '018149700087')).toEqual({ format: 'EAN13', text: '018149700087' });
    expect(retailSymbology('EAN13', '01814970008790')).toEqual({ format: 'EAN13', text: '01814970008790' });
    expect(retailSymbology('EAN13', '0a81497000879')).toEqual({ format: 'EAN13', text: '0a81497000879' });
    expect(retailSymbology('EAN13', 'x0181497000879')).toEqual({ format: 'EAN13', text: 'x0181497000879' });
    expect(retailSymbology('Code128', '0181497000879')).toEqual({ format: 'Code128', text: '0181497000879' });
    expect(retailSymbology('UPCA', '181497000879')).toEqual({ format: 'UPCA', text: '181497000879' });
  });
});
