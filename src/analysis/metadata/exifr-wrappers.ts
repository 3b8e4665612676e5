import { concatBytes } from '../../imaging/bytes';

const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

/**
 * exifr has no WebP reader, but reads a TIFF block or a JPEG. WebP's EXIF payload is a TIFF
 * block (some writers prefix "Exif\0\0"); its XMP packet goes into a minimal JPEG APP1.
 */
export function exifPayloadAsTiff(payload: Uint8Array): Uint8Array {
  const hasPrefix = payload.length > 6 && String.fromCharCode(...payload.subarray(0, 4)) === 'Exif';
  return hasPrefix ? payload.subarray(6) : payload;
}

export function xmpPacketAsJpeg(packet: Uint8Array): Uint8Array | undefined {
  const header = new TextEncoder().encode(XMP_HEADER);
  const length = 2 + header.length + packet.length;
  if (length > 0xffff) return undefined; // would need Extended XMP; rare in WebP
  return concatBytes([
    new Uint8Array([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff]),
    header,
    packet,
    new Uint8Array([0xff, 0xd9]),
  ]);
}
