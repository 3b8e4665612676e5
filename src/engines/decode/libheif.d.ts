// Types for the parts of libheif-js (Emscripten build) that decode-heic.ts uses.
declare module 'libheif-js/libheif-wasm/libheif.js' {
  interface HeifImage {
    get_width(): number;
    get_height(): number;
    display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (result: { data: Uint8ClampedArray } | null) => void): void;
    free?(): void;
  }
  interface HeifDecoder {
    decode(bytes: Uint8Array): HeifImage[];
  }
  export interface LibHeif {
    HeifDecoder: new () => HeifDecoder;
    ready?: Promise<unknown>;
  }
  const factory: (options: { wasmBinary?: ArrayBuffer; locateFile?: (path: string) => string }) => LibHeif | Promise<LibHeif>;
  export default factory;
}
