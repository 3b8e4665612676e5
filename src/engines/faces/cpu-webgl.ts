/**
 * A CPU stand-in for the few WebGL2 calls MediaPipe tasks-vision 1.1.0 makes to get a
 * picture into the face detector, for browsers with no WebGL at all (blocklisted GPUs,
 * VMs, remote desktops, Firefox headless).
 *
 * Why this is enough (read in vision_bundle.mjs and checked call by call): every image
 * enters the graph as a texture (`texImage2D` on the runner's canvas, then
 * `_addBoundTextureAsImageToStream`); there is no CPU input in the JS API, whatever the
 * delegate. But the face detector graph's first node, ImageCloneCalculator, has
 * `output_on_gpu: false`: it reads the texture straight back (`readPixels` through a
 * framebuffer) and everything after it (ImageToTensor, TFLite with XNNPACK, decoding,
 * NMS) runs on the CPU. So GL is only a mailbox here: what is uploaded is read back
 * unchanged, and the detections are the same as with real WebGL.
 *
 * Anything else (shaders, drawing) is deliberately missing: a call to it throws, so a
 * graph that needs real GL fails loudly instead of seeing blank pixels.
 */

/** The WebGL constants MediaPipe and Emscripten's GL layer use on this path. */
const GL = {
  TEXTURE_2D: 0x0de1,
  TEXTURE0: 0x84c0,
  RGBA: 0x1908,
  UNSIGNED_BYTE: 0x1401,
  UNPACK_FLIP_Y_WEBGL: 0x9240,
  FRAMEBUFFER: 0x8d40,
  FRAMEBUFFER_COMPLETE: 0x8cd5,
  COLOR_ATTACHMENT0: 0x8ce0,
  NO_ERROR: 0,
  VERSION: 0x1f02,
  SHADING_LANGUAGE_VERSION: 0x8b8c,
  VENDOR: 0x1f00,
  RENDERER: 0x1f01,
  MAX_TEXTURE_SIZE: 0x0d33,
  MAX_VIEWPORT_DIMS: 0x0d3a,
  ALREADY_SIGNALED: 0x911a,
  SIGNALED: 0x9119,
  SYNC_STATUS: 0x9114,
} as const;

interface Texture {
  width: number;
  height: number;
  pixels: Uint8ClampedArray | Uint8Array | undefined;
}

interface Framebuffer {
  texture: Texture | undefined;
}

type Source = OffscreenCanvas | ImageBitmap | ImageData | HTMLCanvasElement | HTMLImageElement | HTMLVideoElement | VideoFrame;

/** RGBA bytes of whatever MediaPipe was handed, read on the CPU. */
function pixelsOf(source: Source, scratch: () => OffscreenCanvasRenderingContext2D): { width: number; height: number; pixels: Uint8ClampedArray } {
  if (source instanceof ImageData) return { width: source.width, height: source.height, pixels: source.data };
  const width = 'displayWidth' in source ? source.displayWidth : source.width;
  const height = 'displayHeight' in source ? source.displayHeight : source.height;
  // The faces check hands over a 2D canvas it has just drawn: read it without a copy.
  if (typeof OffscreenCanvas !== 'undefined' && source instanceof OffscreenCanvas) {
    const own = source.getContext('2d');
    if (own) return { width, height, pixels: own.getImageData(0, 0, width, height).data };
  }
  const ctx = scratch();
  if (ctx.canvas.width !== width || ctx.canvas.height !== height) {
    ctx.canvas.width = width;
    ctx.canvas.height = height;
  }
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0);
  return { width, height, pixels: ctx.getImageData(0, 0, width, height).data };
}

function flipRows(pixels: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length);
  const row = width * 4;
  for (let y = 0; y < height; y++) out.set(pixels.subarray((height - 1 - y) * row, (height - y) * row), y * row);
  return out;
}

const unsupported = (what: string): never => {
  throw new Error(`${what} needs real WebGL, which this browser does not have.`);
};

/** A WebGL2-shaped object that keeps textures on the CPU (see the module comment). */
export function createCpuWebGl(canvas: OffscreenCanvas): WebGL2RenderingContext {
  let scratchCtx: OffscreenCanvasRenderingContext2D | undefined;
  const scratch = (): OffscreenCanvasRenderingContext2D => {
    scratchCtx ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true }) ?? unsupported('A 2D canvas');
    return scratchCtx;
  };
  const units = new Map<number, Texture | null>();
  let active: number = GL.TEXTURE0;
  let framebuffer: Framebuffer | null = null;
  let flipY = false;
  const bound = (): Texture => units.get(active) ?? unsupported('Drawing without a texture');

  const ctx = {
    ...GL,
    canvas,
    drawingBufferWidth: 1,
    drawingBufferHeight: 1,
    isContextLost: () => false,
    getContextAttributes: () => ({ alpha: true, antialias: false, depth: false, stencil: false, premultipliedAlpha: true, preserveDrawingBuffer: false, powerPreference: 'default', failIfMajorPerformanceCaveat: false, desynchronized: false }),
    getSupportedExtensions: () => [],
    getExtension: () => null,
    getError: () => GL.NO_ERROR,
    getParameter(name: number): unknown {
      switch (name) {
        // MediaPipe parses the version to pick its GL code; it must read as WebGL 2.
        case GL.VERSION:
          return 'WebGL 2.0 (OpenGL ES 3.0, CPU stand-in)';
        case GL.SHADING_LANGUAGE_VERSION:
          return 'WebGL GLSL ES 3.00';
        case GL.VENDOR:
        case GL.RENDERER:
          return 'Upload Guard CPU';
        case GL.MAX_TEXTURE_SIZE:
          return 16384;
        case GL.MAX_VIEWPORT_DIMS:
          return new Int32Array([16384, 16384]);
        default:
          return 0;
      }
    },
    createTexture: (): Texture => ({ width: 0, height: 0, pixels: undefined }),
    deleteTexture: (texture: Texture | null) => {
      if (texture) texture.pixels = undefined;
    },
    activeTexture: (unit: number) => {
      active = unit;
    },
    bindTexture: (_target: number, texture: Texture | null) => {
      units.set(active, texture);
    },
    texParameteri: () => undefined,
    pixelStorei: (name: number, value: number | boolean) => {
      if (name === GL.UNPACK_FLIP_Y_WEBGL) flipY = Boolean(value);
    },
    texImage2D(...args: unknown[]): void {
      const texture = bound();
      if (args.length === 6) {
        // texImage2D(target, level, internalformat, format, type, source): MediaPipe's upload.
        const { width, height, pixels } = pixelsOf(args[5] as Source, scratch);
        texture.width = width;
        texture.height = height;
        texture.pixels = flipY ? flipRows(pixels, width, height) : pixels;
        return;
      }
      // texImage2D(target, level, internalformat, width, height, border, format, type, data?): an empty texture.
      texture.width = args[3] as number;
      texture.height = args[4] as number;
      texture.pixels = undefined;
    },
    createFramebuffer: (): Framebuffer => ({ texture: undefined }),
    deleteFramebuffer: () => undefined,
    bindFramebuffer: (_target: number, fb: Framebuffer | null) => {
      framebuffer = fb;
    },
    framebufferTexture2D: (_target: number, _attachment: number, _texTarget: number, texture: Texture | null) => {
      if (framebuffer) framebuffer.texture = texture ?? undefined;
    },
    checkFramebufferStatus: () => GL.FRAMEBUFFER_COMPLETE,
    readPixels(x: number, y: number, width: number, height: number, format: number, type: number, dest: ArrayBufferView, offset = 0): void {
      if (format !== GL.RGBA || type !== GL.UNSIGNED_BYTE) unsupported('Reading pixels in this format');
      const texture = framebuffer?.texture;
      if (!texture?.pixels) unsupported('Reading a texture that was never uploaded');
      // Emscripten passes its heap and an offset into it (WebGL 2 signature).
      const out = new Uint8Array(dest.buffer, dest.byteOffset + offset, width * height * 4);
      const src = texture!.pixels!;
      const row = width * 4;
      if (x === 0 && width === texture!.width) out.set(src.subarray(y * row, (y + height) * row));
      else for (let r = 0; r < height; r++) out.set(src.subarray(((y + r) * texture!.width + x) * 4, ((y + r) * texture!.width + x + width) * 4), r * row);
    },
    // The CPU is always in sync with itself.
    fenceSync: () => ({}),
    deleteSync: () => undefined,
    clientWaitSync: () => GL.ALREADY_SIGNALED,
    waitSync: () => undefined,
    getSyncParameter: (_sync: unknown, name: number) => (name === GL.SYNC_STATUS ? GL.SIGNALED : 0),
    flush: () => undefined,
    finish: () => undefined,
  };
  return ctx as unknown as WebGL2RenderingContext;
}

/** True when this context (page or worker) can create a real WebGL context. */
export function hasWebGl(): boolean {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/**
 * The canvas to give MediaPipe (`FaceDetectorOptions.canvas`): a plain one where WebGL
 * works, else one whose WebGL context is the CPU stand-in. Only this canvas is changed.
 */
export function detectorCanvas(useCpu: boolean): OffscreenCanvas {
  const canvas = new OffscreenCanvas(1, 1);
  if (!useCpu) return canvas;
  const cpu = createCpuWebGl(canvas);
  const real = canvas.getContext.bind(canvas) as (type: string, options?: unknown) => unknown;
  // Writable: Emscripten wraps getContext by assigning to it (its Safari WebGL 2 fix).
  Object.defineProperty(canvas, 'getContext', {
    value: (type: string, options?: unknown) => (type === 'webgl2' || type === 'webgl' ? cpu : real(type, options)),
    writable: true,
    configurable: true,
  });
  return canvas;
}
