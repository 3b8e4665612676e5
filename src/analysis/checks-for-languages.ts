import type { Check } from './ports';

/**
 * The checks of one worker. Each is made once and reused for every photo (engines are slow
 * to start), except the text check: it reads the languages the person chose on the options
 * page, so it is made again, and the old engine let go, when that choice changes.
 */
export class ChecksForLanguages<Img> {
  private key: string | undefined;
  private text: Check<Img> | undefined;

  constructor(
    private readonly others: readonly Check<Img>[],
    private readonly makeText: (extraLanguages: readonly string[]) => Check<Img>,
  ) {}

  /** The checks to run for a photo, with the text check reading `extraLanguages` too. */
  for(extraLanguages: readonly string[]): Check<Img>[] {
    const key = [...new Set(extraLanguages)].sort().join(',');
    if (!this.text || key !== this.key) {
      const old = this.text;
      void Promise.resolve().then(() => old?.close?.()).catch(() => undefined);
      this.text = this.makeText(extraLanguages);
      this.key = key;
    }
    return [...this.others, this.text];
  }

  /** The checks as they are now (for warming), made with no extra languages if none were asked yet. */
  current(): Check<Img>[] {
    return this.text ? [...this.others, this.text] : this.for([]);
  }
}
