import { describe, expect, it } from 'vitest';
import { barcodeSnippet, describeBarcode, unescapeHri } from '../../../src/analysis/barcodes/describe-barcode';

// The AAMVA sample's text, with the fake data of the synthetic fixture.
const AAMVA = '@\n\x1e\rANSI 636000100001DL00310216DLDCAD\nDCBNONE\nDBA20300312\nDCSSAMPLE\nDACJANE\nDBB19840312\nDAG123 EXAMPLE ST\nDAISPRINGFIELD\nDAQS12345678\r';

describe('describeBarcode', () => {
  it('reads an AAMVA driving-licence PDF417 as name, address and birth date', () => {
    const d = describeBarcode('PDF417', AAMVA);
    expect(d.field).toBe('name');
    expect(d.description).toMatch(/driving licence/);
    expect(d.description).toMatch(/name/);
    expect(d.description).toMatch(/address/);
    expect(d.description).toMatch(/birth date/);
  });
  it('also when zxing shows control characters as <LF><RS><CR>', () => {
    const hri = AAMVA.replace(/\n/g, '<LF>').replace(/\x1e/g, '<RS>').replace(/\r/g, '<CR>');
    expect(unescapeHri(hri)).toBe(AAMVA);
    expect(describeBarcode('PDF417', hri).field).toBe('name');
  });
  it('reads a numeric Code128 as a likely patient number', () => {
    expect(describeBarcode('Code128', '00451234')).toMatchObject({ field: 'id-number' });
    expect(describeBarcode('Code128', 'MRN00451234').description).toMatch(/patient number/);
  });
  it('reads a URL QR as a web address', () => {
    expect(describeBarcode('QRCode', 'https://staff.example.org/id/E-20931')).toMatchObject({ field: 'url' });
  });
  it('reads vCard and MECARD as contact details with a name', () => {
    expect(describeBarcode('QRCode', 'BEGIN:VCARD\nVERSION:3.0\nFN:Jane Sample\nEND:VCARD')).toMatchObject({ field: 'name' });
    expect(describeBarcode('QRCode', 'MECARD:N:Sample,Jane;TEL:0312345678;;').description).toMatch(/contact/);
  });
  it('reads key:value patient payloads', () => {
    const d = describeBarcode('QRCode', 'PATIENT:Jane Sample;DOB:1984-03-12;MRN:00451234;WARD:4B');
    expect(d.field).toBe('name');
    expect(d.description).toMatch(/birth date/);
  });
  it('tells a GS1 medicine code is a product code', () => {
    expect(describeBarcode('DataMatrix', '(01)09506000134352(17)261231(10)ABC123(21)SAMPLE42').description).toMatch(/product/);
  });
  it('falls back to a generic warning', () => {
    expect(describeBarcode('PDF417', 'A larger PDF417 barcode with text')).toEqual({ field: 'unknown', description: 'a code with data that may identify you' });
    expect(describeBarcode('Code128', 'CNK8181G2C').field).toBe('unknown');
  });
});

describe('barcodeSnippet', () => {
  it('shows only the site of a URL', () => {
    expect(barcodeSnippet('https://staff.example.org/id/E-20931')).toBe('staff.example.org/…');
  });
  it('shows only the issuer of a licence record', () => {
    expect(barcodeSnippet(AAMVA)).toBe('ANSI 636000 …');
  });
  it('masks other payloads', () => {
    expect(barcodeSnippet('MRN00451234')).toBe('•••••••••34');
    expect(barcodeSnippet('PATIENT:Jane Sample')).not.toMatch(/Jane|Sample/);
  });
});
