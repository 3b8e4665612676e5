/**
 * Whether a worker that has work to do has gone quiet: the analysis watchdog's rule. A
 * worker posts something at least once per photo it works on, so one that has said nothing
 * for long while analyses are open is stuck inside synchronous code. Time is injected so
 * the rule is tested without waiting.
 */
export class Liveness {
  private pending = 0;
  private lastHeard: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.lastHeard = now();
  }

  /** An analysis was sent; a worker that had nothing to do starts its clock now. */
  sent(): void {
    if (this.pending === 0) this.lastHeard = this.now();
    this.pending += 1;
  }

  /** The worker posted something; `done` ends one analysis. */
  heard(done: boolean): void {
    this.lastHeard = this.now();
    if (done) this.pending = Math.max(0, this.pending - 1);
  }

  /** A new worker: nothing open. */
  reset(): void {
    this.pending = 0;
    this.lastHeard = this.now();
  }

  /** Has open analyses and has said nothing for more than `ms`. */
  stuck(ms: number): boolean {
    return this.pending > 0 && this.now() - this.lastHeard > ms;
  }
}
