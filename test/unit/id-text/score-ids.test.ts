import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/common/findings';
import { scoreIds, type IdLabel } from '../../../scripts/lib/score-ids';

const text: Finding = { kind: 'id-text', field: 'name', box: [0, 0, 10, 10] };
const qr: Finding = { kind: 'barcode', format: 'QRCode', box: [0, 0, 10, 10] };
const code128: Finding = { kind: 'barcode', format: 'Code128', box: [0, 0, 10, 10] };

const labels: Record<string, IdLabel> = {
  'ids/card.jpg': { id_text: true, barcode: null },
  'ids/badge.jpg': { id_text: true, barcode: 'QRCode' },
  'no_faces/cat.jpg': { id_text: false, barcode: null },
  'no_faces/page.png': { id_text: false, barcode: null },
  'ids/two.png': { id_text: false, barcode: 'QRCode', barcodes: ['QRCode', 'QRCode'] },
  'ids/card.txt': { label_file: true },
};

describe('scoreIds', () => {
  it('computes recall, false alarms and barcode recall', () => {
    const s = scoreIds(
      [
        { file: 'ids/card.jpg', findings: [text] },
        { file: 'ids/badge.jpg', findings: [code128] },
        { file: 'no_faces/cat.jpg', findings: [] },
        { file: 'no_faces/page.png', findings: [text] },
        { file: 'ids/two.png', findings: [qr] },
      ],
      labels,
    );
    expect(s.idTextRecall).toEqual({ of: 2, count: 1, rate: 0.5, files: ['ids/badge.jpg'] });
    expect(s.idTextFalseAlarms).toEqual({ of: 3, count: 1, rate: 1 / 3, files: ['no_faces/page.png'] });
    // The badge's barcode was read as the wrong symbology: a miss.
    expect(s.barcodeRecall).toEqual({ of: 2, count: 1, rate: 0.5, files: ['ids/badge.jpg'] });
  });
  it('skips label files and unknown files, and counts errors as misses', () => {
    const s = scoreIds(
      [
        { file: 'ids/card.txt', findings: [] },
        { file: 'elsewhere.jpg', findings: [text] },
        { file: 'ids/card.jpg', findings: [text], error: 'decode failed' },
      ],
      labels,
    );
    expect(s.idTextRecall).toMatchObject({ of: 1, count: 0 });
    expect(s.idTextFalseAlarms).toMatchObject({ of: 0, count: 0, rate: 0 });
  });
});
