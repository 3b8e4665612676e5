import { isContentToFrame, type ConnectMessage, type FrameToContent } from '../common/messages';
import { AnalysisClient } from '../common/analysis-client';
import { applyDocumentLanguage, ensureMessages } from './i18n';
import { livePolicy } from './live-policy';
import { ReviewSession } from './review-session';
import { onCoverChange } from './visible-click';

/**
 * The review frame. It trusts exactly one thing: the first `ug:connect` message that
 * carries the nonce from its own URL (which only the content script knows), with one port.
 * Everything else posted to this window is ignored. The frame lives for many reviews on a
 * page; its worker and engines are started (warmed) as soon as it is connected.
 */
const nonce = location.hash.slice(1);
let port: MessagePort | undefined;
let client: AnalysisClient | undefined;
let active: ReviewSession | undefined;

applyDocumentLanguage(document);
/** The words, in the rare case the browser's catalog came empty (common/message-table.ts). */
const messages = ensureMessages();

function isConnect(data: unknown): data is ConnectMessage {
  return typeof data === 'object' && data !== null && (data as ConnectMessage).type === 'ug:connect';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (port || window.parent === window || event.source !== window.parent) return;
  if (!isConnect(event.data) || nonce.length < 16 || event.data.nonce !== nonce || event.ports.length !== 1) return;
  const [accepted] = event.ports;
  if (!accepted) return;
  port = accepted;
  // Tells the content script the review can start here (it warns the person if this never comes).
  accepted.postMessage({ type: 'ready' } satisfies FrameToContent);
  onCoverChange((covered) => accepted.postMessage({ type: 'covered', covered } satisfies FrameToContent));
  client = new AnalysisClient();
  client.warm(event.data.ahead === true);
  const analysis = client;
  const policy = livePolicy();
  port.onmessage = (message: MessageEvent<unknown>) => {
    if (active?.open || !isContentToFrame(message.data)) return;
    const { files } = message.data;
    void messages.then(() => {
      const app = document.getElementById('app');
      if (active?.open || !app) return;
      app.replaceChildren();
      const send = (out: FrameToContent): void => accepted.postMessage(out);
      active = new ReviewSession(app, files, send, analysis, policy());
      active.start();
    });
  };
});
