/**
 * `npx tsx scripts/check-locales.ts`
 *
 * Lists, for each locale in public/_locales, the keys en has and that locale lacks, printed
 * as a JSON block with the English text, ready to translate and paste in. Also names keys a
 * locale has that en no longer has. Exits 1 when any locale is missing keys, 0 otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Messages = Record<string, { message: string; description?: string }>;

const DIR = fileURLToPath(new URL('../public/_locales', import.meta.url));
const BASE = 'en';

const read = (locale: string): Messages =>
  JSON.parse(readFileSync(join(DIR, locale, 'messages.json'), 'utf8').replace(/^\uFEFF/, '')) as Messages;

const en = read(BASE);
const locales = readdirSync(DIR)
  .filter((d) => d !== BASE && statSync(join(DIR, d)).isDirectory())
  .sort();

let missingTotal = 0;
for (const locale of locales) {
  const messages = read(locale);
  const missing = Object.keys(en).filter((k) => !(k in messages));
  const extra = Object.keys(messages).filter((k) => !(k in en));
  missingTotal += missing.length;
  if (missing.length === 0 && extra.length === 0) continue;
  console.log(`\n${locale}: ${missing.length} missing, ${extra.length} not in en`);
  if (missing.length > 0) {
    const todo = Object.fromEntries(missing.map((k) => [k, { message: en[k]!.message }]));
    console.log(JSON.stringify(todo, null, 2));
  }
  if (extra.length > 0) console.log(`not in en (remove or rename): ${extra.join(', ')}`);
}

if (missingTotal === 0) console.log(`All ${locales.length} locales have every key in ${BASE} (${Object.keys(en).length}).`);
process.exitCode = missingTotal > 0 ? 1 : 0;
