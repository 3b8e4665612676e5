import { snippet, type Finding } from '../../common/findings';
import type { Blocks } from './exifr-blocks';
import { deepValues, sameValueKey, textOf, textsAt } from './tag-values';

/** Where each kind of identifying tag lives in exifr's blocks (`block:Key`). */
const SOURCES = {
  serial: [
    'exif:BodySerialNumber', 'exif:SerialNumber', 'exif:LensSerialNumber', 'exif:InternalSerialNumber',
    'ifd0:CameraSerialNumber', 'exifEX:BodySerialNumber', 'exifEX:LensSerialNumber',
    'aux:SerialNumber', 'aux:LensSerialNumber', 'aux:InternalSerialNumber',
  ],
  owner: [
    'ifd0:Artist', 'ifd0:Copyright', 'exif:OwnerName', 'exif:CameraOwnerName', 'exifEX:CameraOwnerName',
    'aux:OwnerName', 'dc:creator', 'dc:rights', 'dc:publisher', 'iptc:Byline', 'iptc:Writer',
    'iptc:CopyrightNotice', 'iptc:Contact', 'photoshop:AuthorsPosition', 'photoshop:CaptionWriter',
    'xmpRights:Owner', 'tiff:Artist', 'tiff:Copyright', 'ifd0:XPAuthor',
  ],
  description: [
    'ifd0:ImageDescription', 'ifd0:XPTitle', 'ifd0:XPComment', 'ifd0:XPSubject', 'exif:UserComment',
    'userComment:value', 'dc:title', 'dc:description', 'tiff:ImageDescription', 'iptc:Caption',
    'iptc:Headline', 'iptc:ObjectName', 'photoshop:Headline', 'exif:ImageTitle',
  ],
  software: [
    'ifd0:Software', 'ifd0:HostComputer', 'ifd0:ProcessingSoftware', 'xmp:CreatorTool', 'tiff:Software',
    'photoshop:History', 'iptc:OriginatingProgram',
  ],
  'unique-id': ['exif:ImageUniqueID', 'xmpMM:OriginalDocumentID', 'xmpMM:DocumentID', 'iptc:UniqueDocumentID'],
  datetime: [
    'exif:DateTimeOriginal', 'exif:CreateDate', 'exif:DateTimeDigitized', 'xmp:CreateDate', 'photoshop:DateCreated',
    'iptc:DateCreated', 'gps:GPSDateStamp', 'ifd0:ModifyDate', 'xmp:ModifyDate',
  ],
  'place-name': [
    'iptc:Sublocation', 'Iptc4xmpCore:Location', 'iptc:City', 'photoshop:City', 'iptc:State', 'photoshop:State',
    'iptc:Country', 'photoshop:Country',
  ],
} as const;

/** "2018:07:25 16:34:23", "2015-06-11T10:29:26.69" or "20070815" → "2018-07-25 16:34". */
export function formatDate(text: string): string {
  const m = /^(\d{4})[:-]?(\d{2})[:-]?(\d{2})(?:[ T](\d{2}):?(\d{2}))?/.exec(text);
  if (!m) return text;
  return `${m[1]}-${m[2]}-${m[3]}${m[4] ? ` ${m[4]}:${m[5]}` : ''}`;
}

function deviceText(blocks: Blocks): string | undefined {
  const [make] = textsAt(blocks, ['ifd0:Make', 'tiff:Make']);
  const [model] = textsAt(blocks, ['ifd0:Model', 'tiff:Model']);
  if (make && model) return model.toLowerCase().startsWith(make.toLowerCase().split(' ')[0]!) ? model : `${make} ${model}`;
  return model ?? make;
}

/** Names of people tagged in the picture (IPTC Extension, MWG and Microsoft regions). */
function personNames(blocks: Blocks): string[] {
  const found = [
    ...deepValues(blocks.Iptc4xmpExt, new Set(['PersonInImage', 'PersonName'])),
    ...deepValues(blocks['mwg-rs'], new Set(['Name'])),
    ...deepValues(blocks.MPRI, new Set(['PersonDisplayName'])),
    ...deepValues(blocks.MP, new Set(['PersonDisplayName'])),
    ...deepValues(blocks.MPReg, new Set(['PersonDisplayName'])),
  ];
  return [...new Set(found.map((v) => textOf(v)).filter((x): x is string => x !== undefined))];
}

/** Place names in IPTC Extension location structures (LocationCreated/LocationShown). */
function extensionPlaces(blocks: Blocks): string[] {
  const keys = new Set(['Sublocation', 'City', 'ProvinceState', 'CountryName', 'LocationName']);
  const values = deepValues(blocks.Iptc4xmpExt, keys);
  return values.map((v) => textOf(v)).filter((x): x is string => x !== undefined);
}

/** Software named in xmpMM:History (a list of edit steps). */
function historyAgents(blocks: Blocks): string[] {
  return deepValues(blocks.xmpMM?.History, new Set(['softwareAgent'])).map((v) => textOf(v)).filter((x): x is string => !!x);
}

const unique = (xs: string[]): string[] => {
  const seen = new Map<string, string>();
  for (const x of xs) if (!seen.has(sameValueKey(x))) seen.set(sameValueKey(x), x);
  return [...seen.values()];
};

const metadata = (field: string, texts: string[]): Finding | undefined =>
  texts.length ? { kind: 'metadata', field, text: snippet(texts.join(', ')) } : undefined;

/** One finding per kind of identifying tag, values merged into a short snippet. */
export function tagFindings(blocks: Blocks, extra: Partial<Record<string, string[]>> = {}): Finding[] {
  const out: Array<Finding | undefined> = [];
  const places = unique([...textsAt(blocks, SOURCES['place-name']), ...extensionPlaces(blocks), ...(extra['place-name'] ?? [])]);
  if (places.length) out.push({ kind: 'location', field: 'place-name', text: snippet(places.join(', ')) });

  const [firstDate] = [...textsAt(blocks, SOURCES.datetime), ...(extra.datetime ?? [])];
  out.push(metadata('datetime', firstDate ? [formatDate(firstDate)] : []));
  const device = deviceText(blocks);
  // PNG text often repeats Make and Model separately; the EXIF pair reads better.
  out.push(metadata('device', device ? [device] : unique(extra.device ?? [])));
  out.push(metadata('serial', unique(textsAt(blocks, SOURCES.serial))));
  out.push(metadata('owner', unique([...textsAt(blocks, SOURCES.owner), ...(extra.owner ?? [])])));
  out.push(metadata('description', unique([...textsAt(blocks, SOURCES.description), ...(extra.description ?? [])])));
  out.push(metadata('person', personNames(blocks)));
  out.push(metadata('software', unique([...textsAt(blocks, SOURCES.software), ...historyAgents(blocks), ...(extra.software ?? [])])));
  out.push(metadata('unique-id', unique(textsAt(blocks, SOURCES['unique-id']))));
  return out.filter((f): f is Finding => f !== undefined);
}

/** EXIF IFD1 holds a small JPEG of the original picture. */
export function hasExifThumbnail(blocks: Blocks): boolean {
  const ifd1 = blocks.ifd1;
  if (!ifd1) return false;
  const length = Number(ifd1.ThumbnailLength ?? ifd1.JPEGInterchangeFormatLength ?? ifd1.StripByteCounts ?? 0);
  return Number.isFinite(length) && length > 0;
}
