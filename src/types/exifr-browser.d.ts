/**
 * The part of exifr's API that src uses, without Node. exifr's own index.d.ts begins with
 * `/// <reference types="node" />` (its inputs include Buffer), which would bring Node's
 * globals into the browser code's type check; `tsconfig.src.json` maps `exifr` here, so a
 * Node global used in src is a type error there. The whole project's check (tsconfig.json)
 * still reads exifr's own declarations, so src's calls must fit those too.
 */
type Input = ArrayBuffer | Uint8Array | DataView | Blob;
export function parse(data: Input, options?: object): Promise<unknown>;
declare const exifr: { parse: typeof parse };
export default exifr;
