/**
 * Platform text inside Markdown (hovers, tree tooltips, completion documentation): it reads as the text
 * it is and can never become a link, an image, a `command:` URI, HTML, emphasis, a heading or a
 * `$(icon)`. Every ASCII punctuation character is backslash-escaped (CommonMark allows that for all of
 * them, so nothing is lost), and line breaks and controls become visible escapes first, so no new block
 * can start.
 */
import { oneLine } from './text';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Escaped inline Markdown text; `max` cuts very long values (in characters of the original text). */
export function markdownText(text: string, max = 2000): string {
  return oneLine(text, max).replace(ASCII_PUNCTUATION, '\\$&');
}

/** A code span holding `text` verbatim: fenced with more backticks than any run inside it. */
export function markdownCode(text: string, max = 2000): string {
  const body = oneLine(text, max);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Several lines of text as Markdown paragraphs, each line escaped like `markdownText`. Use it instead of
 * `MarkdownString.appendText`, which leaves `:`, `/` and `.` as they are, so a bare URL in a name
 * becomes a link, and keeps bidirectional controls.
 */
export function markdownLines(text: string, max = 2000): string {
  return String(text).split(/\r\n|\n/).map((line) => markdownText(line, max)).join('\n\n');
}
