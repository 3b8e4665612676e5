/**
 * GS1: a UPC-A (the product code on North American packs, and on many medicines) is the
 * EAN-13 whose first digit is 0. zxing-cpp 3 reports it as an EAN-13 with that 0 even when
 * UPC-A is asked for (a US pack in the corpus read `0181497000879`), so it is named here.
 */
export function retailSymbology(format: string, text: string): { format: string; text: string } {
  if (format === 'EAN13' && /^0\d{12}$/.test(text)) return { format: 'UPCA', text: text.slice(1) };
  return { format, text };
}
