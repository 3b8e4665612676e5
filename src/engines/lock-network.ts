/// <reference lib="webworker" />
/**
 * No network from this worker, whatever an engine wants (DESIGN promise 1). MediaPipe
 * tasks-vision 1.1.0 has a usage logger that POSTs to https://odml.pa.googleapis.com/v1/log
 * (every 60 s and when a task closes), with no option to turn it off; the e2e suite caught
 * it. Requests for the extension's own files (models, WASM, traineddata), blob: and data:
 * URLs still work; everything else fails here, before it leaves the device.
 */
export function lockNetwork(scope: DedicatedWorkerGlobalScope): void {
  const own = scope.location.origin;
  const allowed = (url: string): boolean => {
    try {
      const u = new URL(url, scope.location.href);
      return u.origin === own || u.protocol === 'blob:' || u.protocol === 'data:';
    } catch {
      return false;
    }
  };
  const refused = (): TypeError => new TypeError('Upload Guard makes no network requests.');
  const realFetch = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return allowed(url) ? realFetch(input, init) : Promise.reject(refused());
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this` below
  const open = XMLHttpRequest.prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]): void {
    if (!allowed(String(args[1]))) throw refused();
    open.apply(this, args);
  };
  for (const name of ['WebSocket', 'EventSource', 'WebTransport'] as const) {
    if (name in scope) Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
  }
}
