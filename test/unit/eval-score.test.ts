import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, imageEntries, median, percentile, scoreBarcodes, scoreCrowds, scoreDocuments, scoreGps, scoreUnchecked, timingRows, type Labels, type ScanResult } from '../../scripts/lib/eval-score';

const line = (file: string, findings: ScanResult['findings'], timings: Record<string, number> = {}, error: string | null = null): ScanResult => ({
  file,
  type: 'jpeg',
  width: 100,
  height: 100,
  findings,
  timings,
  error,
});

const labels: Labels = {
  'a.jpg': { faces: 1, face_boxes: [[10, 10, 50, 50]], gps: true, gps_latlon: [35.6586, 139.7454], id_text: false, barcode: null },
  'b.jpg': { faces: 0, gps: false, id_text: true, barcode: 'QRCode' },
  'c.jpg': { faces: 0, gps: false, id_text: false, barcode: null },
  'b.txt': { label_file: true },
};

describe('eval scoring', () => {
  it('lists only picture entries', () => {
    expect(imageEntries(labels)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  });

  it('scores GPS found, at the right place, and none where there is none', () => {
    const s = scoreGps(
      [
        line('a.jpg', [{ kind: 'location', field: 'gps', lat: 35.6587, lon: 139.7454 }]),
        line('b.jpg', [{ kind: 'location', field: 'place-name', text: 'Tokyo' }]),
        line('c.jpg', [{ kind: 'location', field: 'gps', lat: 1, lon: 2 }]),
      ],
      labels,
    );
    expect(s).toMatchObject({ withGps: 1, found: 1, wrongPlace: [], withoutGps: 2, falseAlarms: ['c.jpg'] });
  });

  it('flags a GPS position far from the labelled one', () => {
    const s = scoreGps([line('a.jpg', [{ kind: 'location', field: 'gps', lat: 0, lon: 0 }])], labels);
    expect(s.wrongPlace).toEqual(['a.jpg']);
  });

  it('feeds faces and IDs to the shared scorers', () => {
    const r = evaluate(
      [
        line('a.jpg', [{ kind: 'face', box: [12, 12, 48, 48] }], { faces: 30, total: 40 }),
        line('b.jpg', [{ kind: 'id-text', field: 'name' }, { kind: 'barcode', format: 'QRCode' }], { faces: 10, total: 20 }),
        line('c.jpg', [{ kind: 'face', box: [0, 0, 5, 5] }], { faces: 20, total: 30 }),
      ],
      labels,
    );
    expect(r.faces.bySize['>=40']).toEqual({ total: 1, found: 1 });
    expect(r.faces.falseAlarmFiles).toEqual(['c.jpg']);
    expect(r.ids.idTextRecall.count).toBe(1);
    expect(r.ids.barcodeRecall.count).toBe(1);
    expect(r.timings.find((t) => t.stage === 'faces')).toEqual({ stage: 'faces', n: 3, median: 20, p90: 30 });
    expect(formatReport(r)).toContain('| ≥ 40 px | 1 / 1 | 100 % |');
  });

  it('counts a file that could not be checked as a miss, not a pass', () => {
    const r = evaluate([line('b.jpg', [], {}, 'Pictures of type HEIC cannot be opened here yet.')], labels);
    expect(r.ids.idTextRecall.files).toEqual(['b.jpg']);
    expect(r.errors).toHaveLength(1);
  });

  it('computes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(Number.isNaN(percentile([], 90))).toBe(true);
    expect(timingRows([line('x', [], { decode: 5, total: 9 })]).map((t) => t.stage)).toEqual(['decode', 'total']);
  });

  it('scores crowds per photo: boxes one to one, a count alone as min(detected, labelled)', () => {
    const crowd: Labels = {
      'boxed.jpg': { faces: 5, face_boxes: [[0, 0, 30, 30], [40, 0, 30, 30], [80, 0, 30, 30], [120, 0, 30, 30], [160, 0, 30, 30]] },
      'count.jpg': { faces: 12 },
      'pair.jpg': { faces: 2 },
    };
    const face = (x: number): ScanResult['findings'][number] => ({ kind: 'face', box: [x, 0, 30, 30] });
    const s = scoreCrowds([line('boxed.jpg', [face(0), face(40), face(300)]), line('count.jpg', [face(0), face(50)]), line('pair.jpg', [face(0)])], crowd);
    expect(s.photos).toEqual([
      { file: 'boxed.jpg', labelled: 5, detected: 3, found: 2 },
      { file: 'count.jpg', labelled: 12, detected: 2, found: 2 },
    ]);
    expect(s).toMatchObject({ faces: 17, found: 4 });
  });

  it('scores barcodes by format and counts a symbol reported on a photo labelled without one', () => {
    const codes: Labels = {
      'qr.png': { barcode: 'QRCode' },
      'two.png': { barcode: 'PDF417', barcodes: ['PDF417', 'QRCode'] },
      'none.png': { barcode: null },
      'unlabelled.png': {},
    };
    const s = scoreBarcodes(
      [
        line('qr.png', [{ kind: 'barcode', format: 'QRCode' }]),
        line('two.png', [{ kind: 'barcode', format: 'PDF417' }]),
        line('none.png', [{ kind: 'barcode', format: 'EAN13' }]),
        line('unlabelled.png', [{ kind: 'barcode', format: 'EAN13' }]),
      ],
      codes,
    );
    expect(s.byFormat).toEqual({ QRCode: { total: 2, found: 1 }, PDF417: { total: 1, found: 1 } });
    expect(s).toMatchObject({ withoutCode: 1, falseAlarms: ['none.png'] });
  });

  it('counts an ID document as flagged by ID-like text or a barcode', () => {
    const docs: Labels = { 'card.jpg': { id_document: true }, 'back.jpg': { id_document: true }, 'pass.jpg': { id_document: true }, 'cat.jpg': { id_document: false } };
    const s = scoreDocuments(
      [
        line('card.jpg', [{ kind: 'id-text', field: 'name' }]),
        line('back.jpg', [{ kind: 'barcode', format: 'PDF417' }]),
        line('pass.jpg', [{ kind: 'face', box: [0, 0, 50, 50] }]),
        line('cat.jpg', []),
      ],
      docs,
    );
    expect(s).toEqual({ documents: 3, flagged: 2, missed: ['pass.jpg'] });
  });

  it('expects files whose pixels cannot be read to be reported as not checked, and no others', () => {
    const files: Labels = { 'cut.heic': { pixels_unreadable: true }, 'raw.dng': { pixels_unreadable: true }, 'ok.jpg': {}, 'odd.jpg': {}, 'unknown.heic': { pixels_unreadable: null } };
    const s = scoreUnchecked(
      [line('cut.heic', [], {}, 'The picture is damaged or incomplete and could not be opened.'), line('raw.dng', [{ kind: 'metadata', field: 'camera' }]), line('ok.jpg', []), line('odd.jpg', [], {}, 'could not be opened'), line('unknown.heic', [], {}, 'could not be opened')],
      files,
    );
    expect(s).toEqual({ unreadable: 2, told: 1, silent: ['raw.dng'], readable: 2, wronglyUnchecked: ['odd.jpg'] });
    const report = formatReport(evaluate([line('cut.heic', [], {}, 'damaged')], files));
    expect(report).toContain('| labelled unreadable (`pixels_unreadable`), reported as not checked | 1 / 1 |');
  });
});
