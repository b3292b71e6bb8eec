/**
 * A small tokenizer for the languages inline previews read (Python, JavaScript/TypeScript, JSON): just
 * enough to find string literals, identifiers and brackets while skipping comments. References live in
 * string literals, so getting strings and comments right matters more than the rest of the grammar.
 */

export type ScanLanguage = 'python' | 'js' | 'json';

export type TokenKind = 'string' | 'ident' | 'punct' | 'number' | 'other';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token (for strings including quotes and prefix). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A line break separates this token from the previous one. */
  readonly newlineBefore: boolean;
  /** Strings: the decoded value. */
  readonly value?: string;
  /** Strings: where the content between the quotes starts and ends in the source. */
  readonly contentStart?: number;
  readonly contentEnd?: number;
  /** Strings: no closing quote before the end of the line (or of the text). */
  readonly unterminated?: boolean;
}

const LANGUAGES: Readonly<Record<string, ScanLanguage>> = {
  python: 'python',
  javascript: 'js',
  typescript: 'js',
  javascriptreact: 'js',
  typescriptreact: 'js',
  json: 'json',
  jsonc: 'json',
  jsonl: 'json',
};

/** The VS Code language ids inline previews understand. */
export const INLINE_LANGUAGE_IDS: readonly string[] = Object.keys(LANGUAGES);

export function scanLanguageOf(languageId: string): ScanLanguage | undefined {
  return LANGUAGES[languageId];
}

const OPERATOR = /[=!<>+\-*/%&|^~?@]/;
const IDENT_START = /[A-Za-z_$\u00C0-\uFFFF]/;
const IDENT_PART = /[\w$\u00C0-\uFFFF]/;

const HEX_ESCAPE = /^\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|U([0-9a-fA-F]{8}))/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };

export function tokenize(text: string, language: ScanLanguage): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let newline = false;
  const n = text.length;
  const push = (t: Omit<Token, 'newlineBefore'>): void => {
    tokens.push({ ...t, newlineBefore: newline });
    newline = false;
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      newline = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    // Comments.
    if (language === 'python' && c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (language !== 'python' && c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (language !== 'python' && c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 ? n : close + 2;
      if (text.slice(i, stop).includes('\n')) newline = true;
      i = stop;
      continue;
    }
    // Strings, with Python prefixes (r, b, u, f and pairs such as rb).
    const str = stringAt(text, i, language);
    if (str) {
      push(str);
      if (str.unterminated && text[str.end] === '\n') newline = true;
      i = str.end;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j])) j++;
      push({ kind: 'ident', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(text[j])) j++;
      push({ kind: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (OPERATOR.test(c)) {
      let j = i + 1;
      while (j < n && OPERATOR.test(text[j])) j++;
      push({ kind: 'punct', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    push({ kind: /[()[\]{},:;.\\]/.test(c) ? 'punct' : 'other', text: c, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

function stringAt(text: string, i: number, language: ScanLanguage): Omit<Token, 'newlineBefore'> | undefined {
  let j = i;
  let raw = false;
  if (language === 'python') {
    while (j < i + 2 && /[rRbBuUfF]/.test(text[j] ?? '')) {
      if (text[j] === 'r' || text[j] === 'R') raw = true;
      j++;
    }
    if (j > i && text[j] !== '"' && text[j] !== "'") return undefined;
    // An identifier that merely starts with those letters ("rb_value") is not a prefix.
    if (j > i && i > 0 && IDENT_PART.test(text[i - 1])) return undefined;
  }
  const q = text[j];
  const quotes = language === 'json' ? '"' : language === 'js' ? '"\'`' : '"\'';
  if (!q || !quotes.includes(q)) return undefined;
  const triple = language === 'python' && text.startsWith(q.repeat(3), j);
  const open = triple ? 3 : 1;
  const contentStart = j + open;
  let k = contentStart;
  let value = '';
  const n = text.length;
  const multiline = triple || q === '`';
  for (;;) {
    if (k >= n || (!multiline && text[k] === '\n')) {
      return { kind: 'string', text: text.slice(i, k), start: i, end: k, value, contentStart, contentEnd: k, unterminated: true };
    }
    const ch = text[k];
    if (ch === '\\' && k + 1 < n) {
      const next = text[k + 1];
      const hex = raw ? undefined : HEX_ESCAPE.exec(text.slice(k, k + 12));
      const code = hex ? parseInt(hex[1] ?? hex[2] ?? hex[3] ?? hex[4], 16) : NaN;
      if (hex && code <= 0x10ffff) {
        // \xhh, \uhhhh, \u{h…} and \Uhhhhhhhh: what names-path completion writes for controls and separators.
        value += String.fromCodePoint(code);
        k += hex[0].length;
        continue;
      }
      value += raw ? `\\${next}` : (ESCAPES[next] ?? (next === '\n' ? '' : next));
      k += 2;
      continue;
    }
    if (triple ? text.startsWith(q.repeat(3), k) : ch === q) {
      const end = k + open;
      return { kind: 'string', text: text.slice(i, end), start: i, end, value, contentStart, contentEnd: k };
    }
    value += ch;
    k++;
  }
}
