import { describe, expect, it } from 'vitest';
import { findCycles } from '../../scripts/check-cycles';

describe('findCycles', () => {
  it('finds a circle of two and of three, each once, and none in a tree', () => {
    const graph = new Map([
      ['view', ['session', 'dom']],
      ['session', ['view']],
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'dom']],
      ['dom', []],
    ]);
    expect(findCycles(graph)).toEqual([['view', 'session'], ['a', 'b', 'c']]);
    expect(findCycles(new Map([['main', ['x', 'y']], ['x', ['y']], ['y', []]]))).toEqual([]);
  });
});
