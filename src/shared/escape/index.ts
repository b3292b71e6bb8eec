/** Escaping of platform data for every sink it reaches, one module per sink kind. */
export { LINE_TERMINATOR, oneLine, truncate, wellFormed } from './text';
export { pythonComment, pythonList, pythonString, pythonStringBody } from './python';
export { markdownCode, markdownLines, markdownText } from './markdown';
export { htmlText } from './html';
export { csvNumber, csvText } from './csv';
export { escapeJsonText, jsonText } from './json';
export { safeFileName } from './fileName';
export { iconText, messageText } from './message';
export { literalBody, type LiteralLanguage } from './literal';
