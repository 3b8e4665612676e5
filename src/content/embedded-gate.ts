import browser from 'webextension-polyfill';
import { isFrameStatusAnswer, type FrameStatusRequest } from '../common/messages';

/** Set by `embedded-mode.js` (which spells it out) in the content scripts' isolated world of an embedded-only frame. */
export const EMBEDDED_ONLY = Symbol.for('upload-guard.embedded-only');

/** Long enough for a service worker to wake; a pick is never held longer than this waiting for the answer. */
const ANSWER_TIMEOUT_MS = 5_000;

export const isEmbeddedOnly = (): boolean => (globalThis as typeof globalThis & { [EMBEDDED_ONLY]?: true })[EMBEDDED_ONLY] === true;

/**
 * Whether uploads in this frame are reviewed, for a frame of an embedded-only origin. The top
 * frame is that origin's own page, visited on its own: never (decided at once). A subframe
 * asks the background, which answers from the sender the browser reports (its tab's top
 * address), never from anything the frame says. The question is sent at `document_start`,
 * so the answer is in long before the first pick.
 *
 * If the background cannot answer (an extension update cut the channel, or it stays silent),
 * the frame is treated as protected: the person sees the review and can still send the photo
 * as it is, so nothing is silently passed or silently blocked.
 */
export function embeddedFrameProtected(win: Window): Promise<boolean> {
  if (win.top === win) return Promise.resolve(false);
  const request: FrameStatusRequest = { type: 'frame-status' };
  const asked = browser.runtime.sendMessage(request).then(
    (answer: unknown) => (isFrameStatusAnswer(answer) ? answer.protected : true),
    () => true,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ANSWER_TIMEOUT_MS));
  return Promise.race([asked, timeout]);
}
