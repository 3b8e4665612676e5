import { isContentToFrame, type ConnectMessage, type FrameToContent } from '../common/messages';
import { applyDocumentLanguage } from './i18n';
import { ReviewSession } from './review-session';

/**
 * The review frame. It trusts exactly one thing: the first `ug:connect` message that
 * carries the nonce from its own URL (which only the content script knows), with one port.
 * Everything else posted to this window is ignored.
 */
const nonce = location.hash.slice(1);
let port: MessagePort | undefined;

applyDocumentLanguage(document);

function isConnect(data: unknown): data is ConnectMessage {
  return typeof data === 'object' && data !== null && (data as ConnectMessage).type === 'ug:connect';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (port || window.parent === window || event.source !== window.parent) return;
  if (!isConnect(event.data) || nonce.length < 16 || event.data.nonce !== nonce || event.ports.length !== 1) return;
  const [accepted] = event.ports;
  if (!accepted) return;
  port = accepted;
  let started = false;
  port.onmessage = (message: MessageEvent<unknown>) => {
    if (started || !isContentToFrame(message.data)) return;
    started = true;
    const send = (out: FrameToContent): void => accepted.postMessage(out);
    const app = document.getElementById('app');
    if (app) void new ReviewSession(app, message.data.files, send).start();
  };
});
