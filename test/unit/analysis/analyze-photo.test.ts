import { describe, expect, it } from 'vitest';
import { analyzePhoto, EARLY_HEAD_BYTES, HEAD_BYTES, turns, type Opened, type OpenedInfo, type PhotoPorts } from '../../../src/analysis/analyze-photo';
import type { CheckName, CheckResult, Finding } from '../../../src/common/findings';
import type { ImageType } from '../../../src/common/image-type';
import type { Check, CheckInput } from '../../../src/analysis/ports';
import { said, SaidError } from '../../../src/common/said';

/** Pictures here are names: what a check was shown is what it records. */
type Img = string;

interface Log {
  events: string[];
  results: CheckResult[];
  partials: { check: CheckName; findings: Finding[] }[];
  opened: OpenedInfo<string>[];
  timings: Record<string, number>[];
  shown: Record<string, (CheckInput<Img> & { size: number })[]>;
  closed: string[];
  released: number;
  readSizes: number[];
}

const newLog = (): Log => ({ events: [], results: [], partials: [], opened: [], timings: [], shown: {}, closed: [], released: 0, readSizes: [] });

function check(log: Log, name: CheckName, needsPixels: boolean, findings: Finding[] = [], partial?: Finding[]): Check<Img> {
  return {
    name,
    needsPixels,
    async run(input, _signal, report) {
      (log.shown[name] ??= []).push({ ...input, size: input.bytes.length });
      if (partial) report?.(partial);
      return { findings };
    },
  };
}

function ports(log: Log, opened: Opened<Img> | Error | undefined, options: { views?: Img[] | 'throws'; type?: ImageType; copyType?: ImageType } = {}): PhotoPorts<Img, string> {
  return {
    sniff: (head) => {
      log.readSizes.push(head.length);
      return options.type ?? 'png';
    },
    open: async () => {
      log.events.push('open');
      if (opened instanceof Error) throw opened;
      if (!opened) throw new Error('no decoder');
      return opened;
    },
    views: (image) => {
      if (options.views === 'throws') throw new Error('no canvas');
      return options.views?.map((v) => `${image}:${v}`);
    },
    preview: async (image) => `preview of ${image}`,
    copyType: (_bytes, type) => ({ type: options.copyType ?? type, from: type.toUpperCase(), always: false }),
    close: (image) => log.closed.push(image),
    release: () => (log.released += 1),
    now: () => 0,
  };
}

const events = (log: Log) => ({
  result: (r: CheckResult) => {
    log.events.push(`result ${r.check}`);
    log.results.push(r);
  },
  partial: (check: CheckName, findings: Finding[]) => {
    log.events.push(`partial ${check}`);
    log.partials.push({ check, findings });
  },
  opened: (info: OpenedInfo<string>) => {
    log.events.push('opened');
    log.opened.push(info);
  },
  done: (timings: Record<string, number>) => {
    log.events.push('done');
    log.timings.push(timings);
  },
});

const file = (size: number): Blob => new Blob([new Uint8Array(size)]);
const photo: Opened<Img> = { image: 'pic', width: 100, height: 50, fullWidth: 100, fullHeight: 50 };

describe('analyzePhoto', () => {
  it('hidden data alone: the whole file is read, nothing is decoded, and the bytes are given back', async () => {
    const log = newLog();
    await analyzePhoto(file(HEAD_BYTES + 10), [check(log, 'metadata', false)], ports(log, photo), events(log), turns());
    expect(log.events).toEqual(['result metadata', 'done']);
    expect(log.shown.metadata?.[0]).toMatchObject({ size: HEAD_BYTES + 10, image: undefined, type: 'png' });
    expect(log.released).toBe(1);
    expect(log.timings[0]).toHaveProperty('read');
    expect(log.timings[0]).toHaveProperty('total');
  });

  it('a large file: hidden data is looked at in its head first, and what the head shows comes as partial findings before the result', async () => {
    const log = newLog();
    const gps: Finding = { kind: 'location', field: 'gps' };
    const size = 4 * EARLY_HEAD_BYTES + 1;
    await analyzePhoto(file(size), [check(log, 'metadata', false, [gps])], ports(log, photo), events(log), turns());
    expect(log.shown.metadata?.map((input) => input.size)).toEqual([EARLY_HEAD_BYTES, size]);
    expect(log.events).toEqual(['partial metadata', 'result metadata', 'done']);
    expect(log.partials).toEqual([{ check: 'metadata', findings: [gps] }]);
    expect(log.results[0]?.findings).toEqual([gps]);
  });

  it('no head look for a file up to four heads, and no partial when the head shows nothing or its look fails', async () => {
    const small = newLog();
    await analyzePhoto(file(4 * EARLY_HEAD_BYTES), [check(small, 'metadata', false, [{ kind: 'location' }])], ports(small, photo), events(small), turns());
    expect(small.shown.metadata?.map((input) => input.size)).toEqual([4 * EARLY_HEAD_BYTES]);
    expect(small.partials).toEqual([]);

    const quiet = newLog();
    await analyzePhoto(file(5 * EARLY_HEAD_BYTES), [check(quiet, 'metadata', false, [])], ports(quiet, photo), events(quiet), turns());
    expect(quiet.shown.metadata).toHaveLength(2);
    expect(quiet.events).toEqual(['result metadata', 'done']);

    const failing = newLog();
    const headFails: Check<Img> = {
      name: 'metadata',
      needsPixels: false,
      async run(input) {
        (failing.shown.metadata ??= []).push({ ...input, size: input.bytes.length });
        if (input.bytes.length === EARLY_HEAD_BYTES) throw new Error('cut short');
        return { findings: [{ kind: 'location' }] };
      },
    };
    await analyzePhoto(file(5 * EARLY_HEAD_BYTES), [headFails], ports(failing, photo), events(failing), turns());
    expect(failing.events).toEqual(['result metadata', 'done']);
    expect(failing.results[0]).toMatchObject({ status: 'done', findings: [{ kind: 'location' }] });
  });

  it('pixel checks alone read only the head of the file, and see the decoded picture at its size', async () => {
    const log = newLog();
    await analyzePhoto(file(HEAD_BYTES * 3), [check(log, 'faces', true)], ports(log, photo), events(log), turns());
    expect(log.shown.faces?.[0]).toMatchObject({ size: HEAD_BYTES, image: 'pic', width: 100, height: 50 });
    expect(log.released).toBe(0);
    expect(log.timings[0]).toHaveProperty('decode');
  });

  it('tells the dialog the picture is open, with its full size and preview, and ends with done', async () => {
    const log = newLog();
    await analyzePhoto(file(10), [check(log, 'metadata', false), check(log, 'faces', true)], ports(log, { ...photo, fullWidth: 400, fullHeight: 200 }), events(log), turns());
    expect(log.opened).toEqual([{ imageType: 'png', width: 400, height: 200, preview: 'preview of pic' }]);
    expect(log.events.at(-1)).toBe('done');
    expect(log.events.filter((e) => e === 'done')).toHaveLength(1);
    expect(log.closed).toEqual(['pic']);
  });

  it('boxes found on a smaller copy are scaled back to the full picture, partial ones too', async () => {
    const log = newLog();
    const face: Finding = { kind: 'face', box: [10, 5, 20, 10] };
    await analyzePhoto(file(10), [check(log, 'faces', true, [face], [face])], ports(log, { ...photo, fullWidth: 300, fullHeight: 150 }), events(log), turns());
    expect(log.results[0]?.findings[0]?.box).toEqual([30, 15, 60, 30]);
    expect(log.partials[0]?.findings[0]?.box).toEqual([30, 15, 60, 30]);
  });

  it('boxes are left as found when the checks saw the full picture, and findings without a box are kept', async () => {
    const log = newLog();
    const found: Finding[] = [{ kind: 'face', box: [1, 2, 3, 4] }, { kind: 'id-text', text: 'MRZ' }];
    await analyzePhoto(file(10), [check(log, 'faces', true, found)], ports(log, photo), events(log), turns());
    expect(log.results[0]?.findings).toEqual(found);
  });

  it('a picture that cannot be opened: the reason is said, the pixel checks fail as "no picture", hidden data is still read', async () => {
    const log = newLog();
    await analyzePhoto(file(10), [check(log, 'metadata', false), check(log, 'faces', true)], ports(log, new SaidError(said('decodeDamaged'))), events(log), turns());
    expect(log.opened).toEqual([{ imageType: 'png', width: 0, height: 0, preview: undefined, error: said('decodeDamaged') }]);
    expect(log.results.find((r) => r.check === 'faces')).toMatchObject({ status: 'failed', notes: [said('noteNoPicture')] });
    expect(log.results.find((r) => r.check === 'metadata')?.status).toBe('done');
    expect(log.shown.faces).toBeUndefined();
    expect(log.events.at(-1)).toBe('done');
  });

  it('a failure the decoder cannot explain is said as unknown, never as its raw message', async () => {
    const log = newLog();
    await analyzePhoto(file(10), [check(log, 'faces', true)], ports(log, new Error('RangeError: offset is out of bounds')), events(log), turns());
    expect(log.opened[0]?.error).toEqual(said('decodeUnknown'));
  });

  it('a transparent picture is checked on each of its views, and every view is closed after', async () => {
    const log = newLog();
    await analyzePhoto(file(10), [check(log, 'text', true)], ports(log, photo, { views: ['white', 'black'] }), events(log), turns());
    expect(log.shown.text?.map((i) => i.image)).toEqual(['pic:white', 'pic:black']);
    expect(log.results).toHaveLength(1);
    expect(log.closed.sort()).toEqual(['pic', 'pic:black', 'pic:white']);
  });

  it('views that cannot be made: the picture is checked as it is', async () => {
    const log = newLog();
    await analyzePhoto(file(10), [check(log, 'text', true)], ports(log, photo, { views: 'throws' }), events(log), turns());
    expect(log.shown.text?.map((i) => i.image)).toEqual(['pic']);
  });

  it('says the copy type only when the copy is not of the file type', async () => {
    const same = newLog();
    await analyzePhoto(file(10), [check(same, 'faces', true)], ports(same, photo, { type: 'jpeg' }), events(same), turns());
    expect(same.opened[0]).not.toHaveProperty('copyType');
    const other = newLog();
    await analyzePhoto(file(10), [check(other, 'faces', true)], ports(other, photo, { type: 'tiff', copyType: 'png' }), events(other), turns());
    expect(other.opened[0]?.copyType).toEqual({ type: 'png', from: 'TIFF', always: false });
  });

  it('photos chosen together are opened one after another: the second waits for the first to be done', async () => {
    const log = newLog();
    let letFirstEnd!: () => void;
    const slow: Check<Img> = { name: 'faces', needsPixels: true, run: () => new Promise((r) => (letFirstEnd = () => r({ findings: [] }))) };
    const takeTurn = turns();
    const first = analyzePhoto(file(10), [slow], ports(log, photo), events(log), takeTurn);
    const second = analyzePhoto(file(10), [check(log, 'text', true)], ports(log, photo), events(log), takeTurn);
    await new Promise((r) => setTimeout(r, 20));
    expect(log.events.filter((e) => e === 'open')).toHaveLength(1);
    letFirstEnd();
    await Promise.all([first, second]);
    expect(log.events.filter((e) => e === 'open')).toHaveLength(2);
  });

  it('a turn is given back when opening throws past its guard, so the next photo is not stuck', async () => {
    const log = newLog();
    const takeTurn = turns();
    const broken = { ...ports(log, photo), preview: () => Promise.reject(new Error('no canvas')), copyType: () => { throw new Error('bug'); } };
    await expect(analyzePhoto(file(10), [check(log, 'faces', true)], broken, events(log), takeTurn)).rejects.toThrow('bug');
    await analyzePhoto(file(10), [check(log, 'text', true)], ports(log, photo), events(log), takeTurn);
    expect(log.shown.text).toHaveLength(1);
  });
});

describe('analyzePhoto timings', () => {
  it('times reading, decoding and the whole photo on the port clock', async () => {
    const log = newLog();
    // Each reading of the clock moves it on by 10 ms, from 1000: read 1000→1010, decode 1020→1030.
    let clock = 1000;
    const timed = { ...ports(log, photo), now: () => (clock += 10) - 10 };
    await analyzePhoto(file(10), [check(log, 'faces', true)], timed, events(log), turns());
    expect(log.timings[0]).toMatchObject({ read: 10, decode: 10 });
    expect(log.timings[0]?.total).toBe(clock - 10 - 1000);
    const light = newLog();
    clock = 1000;
    await analyzePhoto(file(10), [check(light, 'metadata', false)], { ...ports(light, photo), now: () => (clock += 10) - 10 }, events(light), turns());
    expect(light.timings[0]).toMatchObject({ read: 10, total: 20 });
  });
});

describe('turns', () => {
  it('gives turns in the order asked for, each after the last one ended', async () => {
    const takeTurn = turns();
    const order: string[] = [];
    const a = takeTurn();
    const b = takeTurn();
    const c = takeTurn();
    void b.then((end) => {
      order.push('b');
      end();
    });
    void c.then((end) => {
      order.push('c');
      end();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    (await a)();
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['b', 'c']);
  });
});
