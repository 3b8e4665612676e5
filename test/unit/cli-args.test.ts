import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parseCli, usageError } from '../../scripts/lib/cli-args';

/** The scripts' shared command-line reading: how a wrong command line ends, and `--help`. */
const USAGE = 'usage: npm run bench -- [--json] [--runs N] [--no-intent]';

/** The bench's shape: booleans (one of them spelled `--no-…`) and a number read as a string. */
const BENCH_LIKE = {
  options: {
    json: { type: 'boolean', default: false },
    'no-intent': { type: 'boolean', default: false },
    runs: { type: 'string' },
  },
} as const;

/** process.exit, stopped: it throws the code so a test sees where the script would have ended. */
class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

let exit: MockInstance<typeof process.exit>;
let stderr: MockInstance<typeof console.error>;
let stdout: MockInstance<typeof console.log>;

beforeEach(() => {
  exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exit(typeof code === 'number' ? code : undefined);
  });
  stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  stdout = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => vi.restoreAllMocks());

/** The exit code `run` ended with (it must end). */
function exitCode(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
  throw new Error('did not exit');
}

describe('parseCli', () => {
  it('reads `--no-intent` as its own boolean (the bench used to reject it as unknown)', () => {
    expect(parseCli(['--no-intent'], BENCH_LIKE, USAGE).values).toEqual({ json: false, 'no-intent': true });
    expect(parseCli([], BENCH_LIKE, USAGE).values['no-intent']).toBe(false);
  });

  it('takes a value after the option or after `=`', () => {
    expect(parseCli(['--runs', '3', '--json'], BENCH_LIKE, USAGE).values).toMatchObject({ runs: '3', json: true });
    expect(parseCli(['--runs=7'], BENCH_LIKE, USAGE).values.runs).toBe('7');
  });

  it('gives positionals only to a script that takes them, and `--` lets a file name start with a dash', () => {
    const config = { options: { json: { type: 'boolean' } }, allowPositionals: true } as const;
    expect(parseCli(['a.jpg', '--json', '--', '-b.jpg'], config, USAGE).positionals).toEqual(['a.jpg', '-b.jpg']);
    expect(exitCode(() => parseCli(['a.jpg'], BENCH_LIKE, USAGE))).toBe(2);
  });

  it.each([['--bogus'], ['--runs'], ['--json=yes'], ['-x']])('ends with the reason, the usage line and exit 2 on %s', (arg) => {
    expect(exitCode(() => parseCli([arg], BENCH_LIKE, USAGE))).toBe(2);
    const printed = String(stderr.mock.calls[0]?.[0]);
    expect(printed.split('\n')).toHaveLength(2);
    expect(printed).toContain(arg.split('=')[0]);
    expect(printed.endsWith(`\n${USAGE}`)).toBe(true);
    expect(stdout).not.toHaveBeenCalled();
  });

  it.each([['--help'], ['-h'], ['--json', '--help']])('prints the usage on stdout and exits 0 on %s', (...argv) => {
    expect(exitCode(() => parseCli(argv, BENCH_LIKE, USAGE))).toBe(0);
    expect(stdout).toHaveBeenCalledWith(USAGE);
    expect(stderr).not.toHaveBeenCalled();
  });
});

describe('usageError', () => {
  it('prints the message and the usage on stderr and exits 2', () => {
    expect(exitCode(() => usageError('--only takes `faces`, not x', USAGE))).toBe(2);
    expect(stderr).toHaveBeenCalledWith(`--only takes \`faces\`, not x\n${USAGE}`);
    expect(exit).toHaveBeenCalledTimes(1);
  });
});
