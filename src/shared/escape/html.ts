/**
 * Platform text inside HTML we generate (webview shells). Webview code itself sets data with
 * `textContent`, never markup; this is for the few attributes and elements built as strings.
 */
import { wellFormed } from './text';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function htmlText(text: string): string {
  return wellFormed(String(text)).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]).replace(/\0/g, '\ufffd');
}
