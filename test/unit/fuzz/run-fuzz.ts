import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `fc.assert` with a short failure report: the counterexample (often kilobytes of bytes) is
 * written to a file instead of the console, with the seed and path to replay it.
 */
export function runFuzz<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IProperty<Ts>, params: fc.Parameters<Ts>): void {
  reporter<Ts>(name)(fc.check(property, params));
}

export async function runFuzzAsync<Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts>): Promise<void> {
  reporter<Ts>(name)(await fc.check(property, params));
}

function reporter<Ts>(name: string): (details: fc.RunDetails<Ts>) => void {
  return (details) => {
    if (!details.failed) return;
    const file = join(tmpdir(), `fuzz-${name.replace(/\W+/g, '-')}-${Date.now()}.json`);
    const values = ((details.counterexample ?? []) as unknown[]).map((v) => (v instanceof Uint8Array ? { base64: Buffer.from(v).toString('base64'), length: v.length } : v));
    writeFileSync(file, JSON.stringify({ seed: details.seed, path: details.counterexamplePath, values }, null, 1));
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${name}: failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath}); counterexample in ${file}\n${cause}`);
  };
}
