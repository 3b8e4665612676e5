import { describe, expect, it } from 'vitest';
import { falseAlarmRate, matchFaces, recall, scoreFaces, sizeBucket } from '../../../scripts/lib/score-faces';

describe('sizeBucket', () => {
  it('buckets by the geometric mean of width and height', () => {
    expect(sizeBucket([0, 0, 40, 40])).toBe('>=40');
    expect(sizeBucket([0, 0, 37, 37])).toBe('20-40');
    expect(sizeBucket([0, 0, 20, 20])).toBe('20-40');
    expect(sizeBucket([0, 0, 19, 19])).toBe('<20');
    expect(sizeBucket([0, 0, 75, 252])).toBe('>=40');
  });
});

describe('matchFaces', () => {
  it('matches by IoU >= 0.3', () => {
    expect(matchFaces([[0, 0, 100, 100]], [[20, 20, 100, 100]])).toEqual([true]);
    expect(matchFaces([[0, 0, 100, 100]], [[70, 70, 100, 100]])).toEqual([false]);
  });

  it('matches a grown redaction box that covers the face centre', () => {
    expect(matchFaces([[100, 100, 20, 20]], [[60, 40, 100, 140]])).toEqual([true]);
  });

  it('lets one prediction find one face only', () => {
    const labels: [number, number, number, number][] = [[0, 0, 20, 20], [25, 0, 20, 20]];
    expect(matchFaces(labels, [[0, 0, 50, 25]])).toEqual([true, false]);
  });

  it('prefers IoU matches over centre matches', () => {
    // The big box covers both centres but only overlaps the second face well enough;
    // the small box is the first face's own detection.
    const labels: [number, number, number, number][] = [[0, 0, 20, 20], [30, 0, 40, 40]];
    const predicted: [number, number, number, number][] = [[0, 0, 75, 45], [1, 1, 20, 20]];
    expect(matchFaces(labels, predicted)).toEqual([true, true]);
  });
});

describe('scoreFaces', () => {
  const result = scoreFaces([
    { file: 'a.jpg', label: { faces: 2, face_boxes: [[0, 0, 50, 50], [100, 0, 30, 30]] }, predicted: [[2, 2, 50, 50]] },
    { file: 'b.jpg', label: { faces: 1, face_boxes: [[0, 0, 10, 10]] }, predicted: [[0, 0, 10, 10]] },
    { file: 'crowd.jpg', label: { faces: 20 }, predicted: Array.from({ length: 12 }, () => [0, 0, 1, 1] as [number, number, number, number]) },
    { file: 'few.jpg', label: { faces: 2 }, predicted: Array.from({ length: 5 }, () => [0, 0, 1, 1] as [number, number, number, number]) },
    { file: 'cat.jpg', label: { faces: 0 }, predicted: [[0, 0, 5, 5]] },
    { file: 'sea.jpg', label: { faces: 0 }, predicted: [] },
  ]);

  it('tallies recall by face size', () => {
    expect(result.bySize['>=40']).toEqual({ total: 1, found: 1 });
    expect(result.bySize['20-40']).toEqual({ total: 1, found: 0 });
    expect(result.bySize['<20']).toEqual({ total: 1, found: 1 });
    expect(result.missed).toEqual([{ file: 'a.jpg', box: [100, 0, 30, 30] }]);
    expect(recall(result.bySize['>=40'])).toBe(1);
  });

  it('uses counts, capped, when a photo has no boxes', () => {
    expect(result.countOnly).toEqual({ total: 22, found: 14 });
  });

  it('counts photos with no face that got any detection as false alarms', () => {
    expect(result.noFacePhotos).toBe(2);
    expect(result.falseAlarmPhotos).toBe(1);
    expect(result.falseAlarmFiles).toEqual(['cat.jpg']);
    expect(falseAlarmRate(result)).toBe(0.5);
  });

  it('reports NaN recall for an empty bucket rather than a perfect score', () => {
    expect(recall({ total: 0, found: 0 })).toBeNaN();
  });
});
