/**
 * Redaction of credentials from any text that may reach a log line, an error message or a webview.
 * Patterns cover the shapes our clients produce (headers, form bodies, URLs, JSON); `addSecret`
 * registers literal values (passwords, client secrets, tokens) so they vanish wherever they appear.
 */
const MASK = '***';
const literalSecrets = new Set<string>();

/** Registers a literal secret so that `redact` masks it everywhere. Short values are ignored to avoid masking common words. */
export function addSecret(value: string | undefined): void {
  if (value && value.length >= 4) {
    literalSecrets.add(value);
    // Basic auth carries the secret base64-encoded inside `user:password`; that form is caught by the header pattern.
  }
}

export function removeSecret(value: string | undefined): void {
  if (value) literalSecrets.delete(value);
}

const PATTERNS: [RegExp, string][] = [
  // Authorization: Basic xxx / Bearer xxx (headers, curl lines, JSON dumps of headers)
  [/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi, `$1$2 ${MASK}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, `$1 ${MASK}`],
  // key=value in query strings and form bodies, "key": "value" in JSON
  [/((?:access_token|refresh_token|id_token|client_secret|password|passwd|secret|token|api[_-]?key)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, `$1${MASK}`],
  // user:password@host in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, `$1${MASK}@`],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of literalSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}
