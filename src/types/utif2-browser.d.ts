/**
 * The part of utif2's API that src uses, without Node: its own declarations begin with
 * `import 'node'` (see exifr-browser.d.ts for why that matters; mapped in tsconfig.src.json).
 */
export interface IFD {
  [property: string]: string[] | number[] | number | Uint8Array;
  data: Uint8Array;
  width: number;
  height: number;
}
export function decode(buffer: ArrayBuffer): IFD[];
export function decodeImage(buffer: ArrayBuffer, ifd: IFD): void;
export function toRGBA8(ifd: IFD): Uint8Array;
