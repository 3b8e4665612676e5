import type { Frame, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* walk(child);
}

const textOf = (node: DomNode): string =>
  [...walk(node)].filter((n) => n.nodeType === 3).map((n) => n.nodeValue ?? '').join('').trim();

/**
 * The centre of a button inside a closed shadow root of `hostTag`, found through the
 * DevTools protocol (Playwright's locators do not enter closed roots), so a test can press
 * it with the real mouse like a person would.
 */
export async function closedRootButton(page: Page, hostTag: string, label: string, frame?: Frame): Promise<{ x: number; y: number }> {
  // A frame in another process (a sandboxed one) has its own session, and boxes in its own
  // viewport: shift them by where the frame sits in the page.
  const inFrame = frame && frame !== page.mainFrame();
  const cdp = await page.context().newCDPSession(inFrame ? frame : page);
  const offset = inFrame ? ((await (await frame.frameElement()).boundingBox()) ?? { x: 0, y: 0 }) : { x: 0, y: 0 };
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = [...walk(root)].find((n) => n.localName === hostTag);
    if (!host) throw new Error(`no <${hostTag}> in the page`);
    const button = [...walk(host)].find((n) => n.localName === 'button' && textOf(n) === label);
    if (!button) throw new Error(`no button "${label}" in <${hostTag}>`);
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { content: number[] } };
    const q = model.content;
    return { x: offset.x + ((q[0] ?? 0) + (q[4] ?? 0)) / 2, y: offset.y + ((q[1] ?? 0) + (q[5] ?? 0)) / 2 };
  } finally {
    await cdp.detach();
  }
}

/** The text a person reads in each `<hostTag>` of the page (closed shadow roots included), through the DevTools protocol. */
export async function closedRootTexts(page: Page, hostTag: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return [...walk(root)].filter((n) => n.localName === hostTag).map(textOf);
  } finally {
    await cdp.detach();
  }
}
