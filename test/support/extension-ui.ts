/**
 * Driving the extension's own UI in a headless browser, as test/e2e/sites.test.ts explains:
 * the toolbar popup through `Extensions.triggerAction` (so it opens on a tab with the
 * `activeTab` grant, as for a person), and the permission prompt stood in for by allowing a
 * site on chrome://extensions first (`permissions.request` then resolves without a prompt).
 * Needs `--enable-unsafe-extension-debugging`.
 */
import type { CDPSession, Frame, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/launch-extension';

export async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const serviceWorker = (browser: ExtensionBrowser) => browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;

/** What a person does on chrome://extensions → Details → Site access → "Add a site". */
export async function allowOnExtensionsPage(browser: ExtensionBrowser, pattern: string, allow = true): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    async ({ id, pattern, allow }) => {
      const dp = (chrome as unknown as { developerPrivate: Record<string, (id: string, host: string) => Promise<void>> }).developerPrivate;
      await (allow ? dp.addHostPermission!(id, pattern) : dp.removeHostPermission!(id, pattern));
    },
    { id: browser.extensionId, pattern, allow },
  );
  await page.close();
}

export interface Popup {
  evaluate<T>(expression: string): Promise<T>;
  text(): Promise<string>;
  close(): Promise<void>;
}

/** Clicks the toolbar button on `page`'s tab and returns a handle on the real popup that opens. */
export async function openPopup(browser: ExtensionBrowser, cdp: CDPSession, page: Page): Promise<Popup> {
  const url = page.url();
  const { targetInfos: tabs } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })) as { targetInfos: { targetId: string; url: string }[] };
  const tab = tabs.find((t) => t.url === url);
  if (!tab) throw new Error(`no tab target for ${url}`);
  // Not in Playwright's typed protocol yet.
  await (cdp.send as (method: string, params: object) => Promise<unknown>)('Extensions.triggerAction', { id: browser.extensionId, targetId: tab.targetId });
  const popupUrl = `chrome-extension://${browser.extensionId}/src/popup/popup.html`;
  const target = await until(
    'the popup',
    async () => ((await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] }).targetInfos.find((t) => t.url === popupUrl),
    (t) => t !== undefined,
  );
  // Playwright does not adopt action popups as pages; speak to it through the browser session.
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target!.targetId, flatten: false });
  let next = 0;
  type Reply = { result?: { result?: { value?: unknown } }; error?: unknown };
  const pending = new Map<number, (m: Reply) => void>();
  const onMessage = (e: { sessionId: string; message: string }): void => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as Reply & { id: number };
    pending.get(m.id)?.(m);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  const evaluate = async <T,>(expression: string): Promise<T> => {
    const id = ++next;
    const reply = new Promise<Reply>((r) => pending.set(id, r));
    // userGesture: like a click, so `permissions.request` is allowed.
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true, userGesture: true } }),
    });
    const m = await reply;
    if (m.error) throw new Error(JSON.stringify(m.error));
    return m.result?.result?.value as T;
  };
  await until('the popup to be ready', () => evaluate<boolean>("document.body.dataset.ready === 'true'").catch(() => false), Boolean);
  // For the record: the popup then speaks from its own catalog (src/common/message-table.ts).
  if ((await evaluate<string>("chrome.i18n.getMessage('extName')")) === '') console.log("Chromium answered no message in the popup: the extension's own catalog was used");
  return {
    evaluate,
    text: () => evaluate<string>('document.body.innerText'),
    async close() {
      await evaluate('window.close(), true').catch(() => undefined);
      cdp.off('Target.receivedMessageFromTarget', onMessage);
    },
  };
}

/** Presses a dialog button with a dispatched click (see sites.test.ts); the frame going away is not an error. */
export async function press(frame: Frame, name: string): Promise<void> {
  await frame
    .getByRole('button', { name, exact: true })
    .dispatchEvent('click')
    .catch((error: unknown) => {
      if (!String(error).includes('detached')) throw error;
    });
}
