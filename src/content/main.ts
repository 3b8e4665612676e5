import { captureUploads } from './capture-uploads';
import { embeddedFrameProtected, isEmbeddedOnly } from './embedded-gate';

// Guard against a second injection into the same frame (static + dynamic registration).
const marker = Symbol.for('upload-guard.capturing');
const scope = globalThis as typeof globalThis & { [marker]?: true };
if (!scope[marker]) {
  scope[marker] = true;
  // A frame of an origin protected only inside a protected page: listen from
  // `document_start` as everywhere, but review only once the background says the tab's top
  // page is protected (docs/upload-paths.md, "Cross-origin frames").
  captureUploads(window, isEmbeddedOnly() ? embeddedFrameProtected(window) : undefined);
}
