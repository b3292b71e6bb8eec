/**
 * Redaction of credentials from anything that may reach a log line, an error or a webview. Text is
 * redacted by patterns (secret-named keys with their values in headers, form bodies, URLs, JSON and
 * JSON inside JSON strings) and by literal secrets registered with `addSecret` (in every encoding they
 * travel in). Structured values are redacted value by value, so their shape survives whatever they hold.
 */
export const MASK = '***';

/** Each registered secret, as its variants (raw, URL-encoded, form-encoded, JSON-escaped) → registrations. */
const literalSecrets = new Map<string, number>();
/** The variants, longest first, so an encoded form is masked whole before a shorter one inside it. */
let ordered: string[] = [];

/** How a secret appears on the wire and in messages: as it is, percent-encoded, form-encoded, escaped in JSON (once or twice). */
function variants(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), json, JSON.stringify(json).slice(1, -1)];
  return [...new Set(forms)].filter((v) => v.length >= 4);
}

/** Registers a literal secret so that `redact` masks it everywhere. Short values are ignored to avoid masking common words. */
export function addSecret(value: string | undefined): void {
  if (typeof value !== 'string' || value.length < 4) return;
  for (const v of variants(value)) literalSecrets.set(v, (literalSecrets.get(v) ?? 0) + 1);
  ordered = [...literalSecrets.keys()].sort((a, b) => b.length - a.length);
}

export function removeSecret(value: string | undefined): void {
  if (typeof value !== 'string' || value.length < 4) return;
  for (const v of variants(value)) {
    const n = (literalSecrets.get(v) ?? 0) - 1;
    if (n > 0) literalSecrets.set(v, n);
    else literalSecrets.delete(v);
  }
  ordered = [...literalSecrets.keys()].sort((a, b) => b.length - a.length);
}

/** Words that make a key name a secret's (`password`, `devicePassword`, `client_secret`, `X-Api-Key`, `pwd` …). */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'authorization',
  'cookie', 'privatekey', 'signature',
]);
/** Two-word names that are secrets together (`api_key`, `private-key`). */
const SECRET_PAIRS = new Set(['api key', 'private key', 'set cookie', 'access key', 'secret key']);

/** True when a key (JSON member, form field, query parameter, header) names a secret. */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) return true;
    if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  }
  return false;
}

/**
 * `key` `sep` `value` in text: the key (optionally quoted, or quoted with escaped quotes inside a JSON string),
 * then `:` or `=`, then a value: `\"…\"`, `"…"`, `'…'`, an auth scheme with its credentials, or a bare word.
 * Values opening an object or array are left to the keys inside them.
 */
const KEY_VALUE =
  /(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_.-]*)(\\?["']?)([ \t]*[:=][ \t]*)(\\"(?:[^"\\]|\\(?!")[^])*\\"|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?:basic|bearer|digest|token)[ \t]+[^\s"'&,;}\]]+|[^\s"'&,;{}[\]]+)/gi;

function maskValue(value: string): string {
  if (value.startsWith('\\"')) return `\\"${MASK}\\"`;
  if (value.startsWith('"')) return `"${MASK}"`;
  if (value.startsWith("'")) return `'${MASK}'`;
  const scheme = /^(basic|bearer|digest|token)[ \t]+/i.exec(value);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

function redactKeyValues(text: string): string {
  let out = '';
  let last = 0;
  KEY_VALUE.lastIndex = 0;
  for (let m = KEY_VALUE.exec(text); m; m = KEY_VALUE.exec(text)) {
    const [whole, key, quote, sep, value] = m;
    // A URL as the value keeps where it points: the URL pattern masks its user info, the key patterns its query.
    if (!isSecretKey(key) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      // Only the key is passed over: a secret-named key may stand inside this value (`msg=password=x`).
      KEY_VALUE.lastIndex = m.index + key.length;
      continue;
    }
    if (value === MASK || value === `"${MASK}"` || value === `\\"${MASK}\\"`) continue;
    out += text.slice(last, m.index) + key + quote + sep + maskValue(value);
    last = m.index + whole.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

const OTHER_PATTERNS: [RegExp, string][] = [
  // An auth scheme and its credentials anywhere (curl lines, messages quoting a header).
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, `$1 ${MASK}`],
  // user:password@host in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, `$1${MASK}@`],
];

export function redact(text: string): string {
  let out = String(text);
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  out = redactKeyValues(out);
  for (const [re, replacement] of OTHER_PATTERNS) out = out.replace(re, replacement);
  return out;
}

/**
 * A redacted copy of a structured value (an error body's details): strings redacted, members with
 * secret-named keys masked whole, cycles and very deep nesting cut. The result is plain JSON data.
 */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  if (depth >= 32 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen));
  // fromEntries defines own properties, so a "__proto__" member stays data.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [redact(k), isSecretKey(k) && v !== null && typeof v !== 'boolean' ? MASK : redactValue(v, depth + 1, seen)]),
  );
}
