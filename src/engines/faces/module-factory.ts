/**
 * tasks-vision 1.1.0 loads its WASM glue with `import()` in a module worker, where the glue
 * sets `globalThis.ModuleFactory`, and clears that once it has used it. A module is
 * evaluated only once per worker, so a second detector there (after a failed load,
 * `close()`, or the switch from WebGL to the CPU way in) failed with "ModuleFactory not
 * set". An accessor keeps the factory the glue set, and it is put back before each load.
 */
let current: unknown;
let kept: unknown;
let watching = false;

export function keepModuleFactory(): void {
  if (watching) {
    current ??= kept;
    return;
  }
  watching = true;
  current = (globalThis as { ModuleFactory?: unknown }).ModuleFactory;
  Object.defineProperty(globalThis, 'ModuleFactory', {
    configurable: true,
    get: () => current,
    set: (value: unknown) => {
      current = value;
      if (value !== undefined) kept = value;
    },
  });
}
