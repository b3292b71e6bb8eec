/** Helpers of the webview tests: a page that talks to the host through the real webview channel, and waiting on a condition. */

/**
 * A page that posts `messages` to the host in order, through the same channel a webview app uses. Set
 * as a panel's HTML, it stands in for a compromised or buggy page while the host side stays as it is.
 */
export function postingPage(messages: readonly unknown[]): string {
  const nonce = 'test0nce0000000000000000';
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head>
<body><script nonce="${nonce}">const api = acquireVsCodeApi(); for (const m of ${JSON.stringify(messages)}) api.postMessage(m);</script></body></html>`;
}

/** Polls `probe` until it returns something other than undefined. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
