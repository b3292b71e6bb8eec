/**
 * The UI language's strings: the host puts `vscode.l10n.bundle` into the page as an inert JSON block
 * (src/webviews/webviewHtml.ts), read here before anything is built. Without one (English), `l10n.t`
 * returns the message itself.
 */
import * as l10n from '@vscode/l10n';

export function useL10nBundle(doc: Document = document): void {
  const text = doc.getElementById('l10n-bundle')?.textContent;
  if (!text) return;
  try {
    l10n.config({ contents: JSON.parse(text) as Record<string, string> });
  } catch {
    // A broken bundle leaves the English strings.
  }
}
