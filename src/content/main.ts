import { captureUploads } from './capture-uploads';

// Guard against a second injection into the same frame (static + dynamic registration).
const marker = Symbol.for('upload-guard.capturing');
const scope = globalThis as typeof globalThis & { [marker]?: true };
if (!scope[marker]) {
  scope[marker] = true;
  captureUploads(window);
}
