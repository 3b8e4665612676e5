import browser from 'webextension-polyfill';
import type { ConnectMessage } from './messages';

/**
 * How a review frame is mounted and handed its private channel: by the content script on a
 * site's page, and by the welcome page's demo (content scripts never run on extension
 * pages). The frame takes a port only from a `ug:connect` that carries the nonce of its URL.
 */

/** A fresh secret for one frame's URL fragment. */
export function newNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const reviewFrameUrl = (nonce: string): string => `${browser.runtime.getURL('src/review/review.html')}#${nonce}`;

/**
 * The origin the review document really has. With `use_dynamic_url` Chromium hands out a
 * per-session URL, but the loaded document's origin is the extension's own ID. Firefox has
 * no `use_dynamic_url` (the build drops it): its `moz-extension://` host is already a random
 * UUID per install, never the add-on id, and is the document's origin as it is.
 */
function frameOrigin(src: string): string {
  const url = new URL(src);
  return url.protocol === 'chrome-extension:' ? `chrome-extension://${browser.runtime.id}` : url.origin;
}

/**
 * Gives a just-loaded review frame its end of a new channel and returns ours, which hears
 * everything the frame says through `onMessage`. Only the extension's own document can take
 * the port: if the page navigated the frame elsewhere, the browser drops the message.
 */
export function connectReviewFrame(iframe: HTMLIFrameElement, nonce: string, ahead: boolean, onMessage: (data: unknown) => void): MessagePort {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event: MessageEvent<unknown>) => onMessage(event.data);
  const connect: ConnectMessage = { type: 'ug:connect', nonce, ahead };
  iframe.contentWindow?.postMessage(connect, frameOrigin(iframe.src), [channel.port2]);
  return channel.port1;
}
