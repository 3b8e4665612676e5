import { describe, expect, it } from 'vitest';
import { mergeReviewed } from '../../../src/content/merge-files';

describe('mergeReviewed', () => {
  const notes = 'notes.pdf';
  const held = ['a.jpg', 'b.jpg', 'c.jpg'];

  it('replaces each held photo in place and keeps other files where they were', () => {
    expect(mergeReviewed(['a.jpg', notes, 'b.jpg', 'c.jpg'], held, ['A', 'B', 'C'])).toEqual(['A', notes, 'B', 'C']);
  });

  it('follows `from`: a photo left out sends nothing and the next one is not shifted into its place', () => {
    // The person left out b.jpg: the frame sends copies of a and c, saying which they replace.
    expect(mergeReviewed(['a.jpg', notes, 'b.jpg', 'c.jpg'], held, ['A', 'C'], [0, 2])).toEqual(['A', notes, 'C']);
  });

  it('without `from` the copies replace the held photos in order', () => {
    expect(mergeReviewed(held, held, ['A', 'B'])).toEqual(['A', 'B']);
  });

  it('ignores an index that names no held photo', () => {
    expect(mergeReviewed(held, held, ['X', 'A'], [7, 0])).toEqual(['A']);
    expect(mergeReviewed(held, held, ['X', 'Y', 'Z', 'C'], [-1, 1.5, Number.NaN, 2])).toEqual(['C']);
    // Past the end by one: not the last photo.
    expect(mergeReviewed(held, held, ['X'], [3])).toEqual([]);
  });

  it('a file that is both held and repeated in the pick is replaced wherever it stands', () => {
    expect(mergeReviewed(['a.jpg', notes, 'a.jpg'], ['a.jpg'], ['A'])).toEqual(['A', notes, 'A']);
  });

  it('sends only the other files when every photo is left out', () => {
    expect(mergeReviewed(['a.jpg', notes], ['a.jpg'], [], [])).toEqual([notes]);
  });
});
