import { describe, expect, it } from 'vitest';
import { arrowNudge } from '../../../src/review/view/arrow-nudge';
import { placeStyle } from '../../../src/review/view/place';

const key = (k: string, over: { altKey?: boolean; shiftKey?: boolean } = {}) => ({ key: k, altKey: false, shiftKey: false, ...over });

describe('arrow keys on a box', () => {
  it('nudge by 4 px, 24 with Alt, in the arrow\'s direction; Shift sizes instead of moving', () => {
    expect(arrowNudge(key('ArrowLeft'))).toEqual({ dx: -4, dy: 0, resize: false });
    expect(arrowNudge(key('ArrowRight', { altKey: true }))).toEqual({ dx: 24, dy: 0, resize: false });
    expect(arrowNudge(key('ArrowUp'))).toEqual({ dx: 0, dy: -4, resize: false });
    expect(arrowNudge(key('ArrowDown', { shiftKey: true }))).toEqual({ dx: 0, dy: 4, resize: true });
  });
  it('other keys are not a nudge', () => {
    expect(arrowNudge(key('Delete'))).toBeUndefined();
    expect(arrowNudge(key('a', { shiftKey: true }))).toBeUndefined();
  });
});

describe('placing a box over the picture', () => {
  it('in % of the picture, kept inside it', () => {
    expect(placeStyle([200, 150, 400, 300], { width: 800, height: 600 })).toBe('left:25%;top:25%;width:50%;height:50%');
    expect(placeStyle([-10, 590, 100, 60], { width: 800, height: 600 })).toBe('left:0%;top:90%;width:12.5%;height:10%');
  });
});
