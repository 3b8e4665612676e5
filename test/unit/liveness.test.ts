import { describe, expect, it } from 'vitest';
import { Liveness } from '../../src/common/liveness';

/** The analysis watchdog's rule, on a clock the test moves. */
function clock(): { now: () => number; pass: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, pass: (ms) => void (t += ms) };
}

describe('Liveness', () => {
  it('a worker with nothing to do is never stuck, however long it is quiet', () => {
    const c = clock();
    const l = new Liveness(c.now);
    c.pass(60_000);
    expect(l.stuck(25_000)).toBe(false);
  });

  it('a worker with open work that says nothing for longer than the limit is stuck', () => {
    const c = clock();
    const l = new Liveness(c.now);
    c.pass(60_000); // idle time before the photo does not count
    l.sent();
    c.pass(25_000);
    expect(l.stuck(25_000)).toBe(false);
    c.pass(1);
    expect(l.stuck(25_000)).toBe(true);
  });

  it('photos checked one after another keep it alive as long as each reports', () => {
    const c = clock();
    const l = new Liveness(c.now);
    for (let i = 0; i < 6; i++) l.sent();
    for (let i = 0; i < 6; i++) {
      c.pass(8_000);
      l.heard(false); // a result
      c.pass(8_000);
      expect(l.stuck(25_000)).toBe(false);
      l.heard(true); // done
    }
    c.pass(100_000);
    expect(l.stuck(25_000)).toBe(false);
  });

  it('a restarted worker has nothing open', () => {
    const c = clock();
    const l = new Liveness(c.now);
    l.sent();
    c.pass(30_000);
    expect(l.stuck(25_000)).toBe(true);
    l.reset();
    c.pass(30_000);
    expect(l.stuck(25_000)).toBe(false);
  });
});
