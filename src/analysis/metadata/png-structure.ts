import { u32be } from '../../imaging/bytes';
import { chunkData, walkPng } from '../../imaging/png-chunks';
import { addText, emptyReport, isPadding, sizeText, type ContainerReport } from './container-report';
import { inflateZlib } from './inflate';

/**
 * PNG text keywords are free-form (tools write "Author", "exif:Make", "date:create"…), so
 * they are sorted by the words in them; anything else is a description.
 */
const KEYWORD_FIELDS: Array<[RegExp, string]> = [
  [/author|artist|copyright|owner|creator|by-?line/i, 'owner'],
  [/make|model|source|camera/i, 'device'],
  [/date|time/i, 'datetime'],
  [/software|tool|program/i, 'software'],
  [/serial/i, 'serial'],
];
const fieldOfKeyword = (k: string): string => KEYWORD_FIELDS.find(([re]) => re.test(k))?.[1] ?? 'description';

/** XMP and raw profile text is parsed by exifr (or is binary), not shown as free text. */
const SKIPPED_KEYWORD = /^(XML:com\.adobe\.xmp|Raw profile type .*)$/i;

interface PngText {
  keyword: string;
  text: string | undefined;
}

async function readTextChunk(type: string, d: Uint8Array): Promise<PngText | undefined> {
  const nul = d.indexOf(0);
  if (nul < 1) return undefined;
  const keyword = new TextDecoder('latin1').decode(d.subarray(0, nul));
  if (type === 'tEXt') return { keyword, text: new TextDecoder('latin1').decode(d.subarray(nul + 1)) };
  if (type === 'zTXt') {
    const raw = await inflateZlib(d.subarray(nul + 2));
    return { keyword, text: raw && new TextDecoder('latin1').decode(raw) };
  }
  // iTXt: keyword\0 flag method language\0 translated\0 text
  const compressed = d[nul + 1] === 1;
  const langEnd = d.indexOf(0, nul + 3);
  const transEnd = langEnd < 0 ? -1 : d.indexOf(0, langEnd + 1);
  if (transEnd < 0) return { keyword, text: undefined };
  const body = d.subarray(transEnd + 1);
  const raw = compressed ? await inflateZlib(body) : body;
  return { keyword, text: raw && new TextDecoder('utf-8').decode(raw) };
}

/** PNG size, text chunks and data after IEND; eXIf and XMP are left to exifr. */
export async function pngStructure(b: Uint8Array): Promise<ContainerReport> {
  const report = emptyReport();
  const { chunks, iendEnd, problem } = walkPng(b);
  report.damaged = problem !== undefined;
  for (const c of chunks) {
    const d = chunkData(b, c);
    if (c.type === 'IHDR' && d.length >= 8) {
      report.width = u32be(d, 0);
      report.height = u32be(d, 4);
    }
    if (c.type === 'eXIf') report.exifTiff ??= d;
    if (c.type !== 'tEXt' && c.type !== 'zTXt' && c.type !== 'iTXt') continue;
    const t = await readTextChunk(c.type, d);
    if (!t || SKIPPED_KEYWORD.test(t.keyword)) continue;
    const field = fieldOfKeyword(t.keyword);
    addText(report, field, t.text ?? `${t.keyword} (compressed text)`);
  }
  if (iendEnd !== undefined) {
    const after = b.subarray(iendEnd);
    if (after.length > 0 && !isPadding(after)) {
      report.findings.push({ kind: 'metadata', field: 'trailing-data', text: `${sizeText(after.length)} after the picture` });
    }
  }
  return report;
}
