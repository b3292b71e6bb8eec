/**
 * The page every webview app gets: a strict CSP (nothing from the network, scripts only by nonce, styles,
 * images and fonts only from the extension's `dist/webview`), the app's bundle and stylesheet, and the
 * l10n bundle as inert JSON the app reads before it builds its DOM.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { htmlText } from '../shared/escape/html';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export interface PageOptions {
  /** The app's bundle name: `dist/webview/<app>.js` and `<app>.css`. */
  readonly app: string;
  readonly title: string;
  /** Strings of the UI language (`vscode.l10n.bundle`); undefined in English. */
  readonly l10n?: Readonly<Record<string, string>>;
  readonly nonce?: string;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageOptions): string {
  const nonce = page.nonce ?? newNonce();
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${page.app}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${page.app}.css`));
  // A JSON data block is never executed; `<` is escaped so no string in it can close the element.
  const l10n = page.l10n ? `\n<script type="application/json" id="l10n-bundle">${JSON.stringify(page.l10n).replace(/</g, '\\u003c')}</script>` : '';
  return `<!DOCTYPE html>
<html lang="${htmlText(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${String(style)}" nonce="${nonce}">
<title>${htmlText(page.title)}</title>
</head>
<body>
<main id="app" data-vscode-context='{"preventDefaultContextMenuItems": true}'></main>${l10n}
<script nonce="${nonce}" src="${String(script)}"></script>
</body>
</html>`;
}
