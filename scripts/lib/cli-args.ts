/**
 * The scripts' command lines, read by Node's own parser (util.parseArgs): each script lists
 * its options once, and every script answers a wrong command line the same way, with the
 * reason, its usage line and exit code 2 (`--help` or `-h`: the usage line, exit 0).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A script's options and whether it takes positionals; the arguments and strictness are parseCli's. */
export type CliConfig = Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'>;

/** What parseArgs returns for `config`: its values typed by the options given. */
export type CliParsed<T extends CliConfig> = ReturnType<typeof parseArgs<T>>;

/** A wrong command line: the reason and how to call the script, on stderr, then exit 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

/** Every script takes `--help`: added here, so no script can forget it or spell it differently. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * `argv` read strictly against `config` (an unknown option or a missing value is an error,
 * never a file name or silently dropped), or the script ends: usage and exit 0 on `--help`,
 * usageError otherwise.
 */
export function parseCli<const T extends CliConfig>(argv: readonly string[], config: T, usage: string): CliParsed<T> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ ...config, args: argv, strict: true, options: { ...config.options, ...HELP } });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error), usage);
  }
  if (parsed.values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  // The same parse as parseArgs<T> would make; only `help` is extra, and it was handled above.
  return parsed as CliParsed<T>;
}
