/**
 * What went wrong, in the user's words, and what would fix it (issue 19 §3): "Can't reach 127.0.0.1:4100
 * — is the server running?" instead of "fetch failed ← connect ECONNREFUSED", "The server refused the
 * credentials of …" instead of a URL with a status. The technical text stays in the log entry the message
 * links to. Fixes are offered as buttons: Retry only where repeating is safe (a read, or a request that
 * never left), Edit Connection where the address or TLS settings are the likely cause, Set Credential
 * where the credentials are.
 */
import * as vscode from 'vscode';
import { causeCodes, errorMessage, httpStatusOf } from '../platforms/http';

export type Fix = 'retry' | 'editConnection' | 'setCredential';

export interface Advice {
  /** One sentence for a notification, tree row or status tooltip. */
  readonly text: string;
  readonly fixes: readonly Fix[];
}

const REFUSED = /^ECONNREFUSED$/;
const NO_NAME = /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/;
const UNREACHABLE = /^(EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/;
const TLS = /^(ERR_TLS_\w+|ERR_SSL_\w+|\w*CERT\w*|UNABLE_TO_\w+)$/;
const SLOW = /^(UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT|UND_ERR_HEADERS_TIMEOUT)$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The advice for an error; `label` names the connection it happened on. */
export function adviceFor(err: unknown, label?: string): Advice {
  const name = (err as { name?: unknown } | null | undefined)?.name;
  const who = label ? `"${label}"` : vscode.l10n.t('the connection');
  if (name === 'MissingCredentialError') return { text: vscode.l10n.t('No credential is stored for {0} yet.', who), fixes: ['setCredential'] };
  const code = causeCode(err);
  const where = address(err) ?? label ?? vscode.l10n.t('the server');
  if (code && REFUSED.test(code)) return { text: vscode.l10n.t("Can't reach {0} — is the server running?", where), fixes: ['retry', 'editConnection'] };
  if (code && NO_NAME.test(code)) return { text: vscode.l10n.t('No server called {0} was found — check the address of {1}.', where, who), fixes: ['editConnection', 'retry'] };
  if (code && UNREACHABLE.test(code)) return { text: vscode.l10n.t('{0} is not reachable from this machine — check the network or VPN.', where), fixes: ['retry', 'editConnection'] };
  if (code && TLS.test(code)) return { text: vscode.l10n.t('The certificate of {0} is not trusted ({1}) — set the CA file or TLS option of {2}.', where, code, who), fixes: ['editConnection'] };
  const kind = (err as { kind?: unknown } | null | undefined)?.kind;
  if ((code && SLOW.test(code)) || kind === 'timeout') return { text: vscode.l10n.t('{0} did not answer in time.', where), fixes: safe(err) ? ['retry'] : [] };
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const said = errorMessage(err, { platformWords: true });
    if (status === 401) return { text: vscode.l10n.t('The server refused the credentials of {0} (401: {1}).', who, said), fixes: ['setCredential', 'editConnection'] };
    if (status === 403) return { text: vscode.l10n.t('{0} may not do this (403: {1}).', who, said), fixes: ['editConnection'] };
    if (status === 429) return { text: vscode.l10n.t('The server is busy (429, too many requests) — try again in a moment.'), fixes: safe(err) ? ['retry'] : [] };
    if (status >= 500) return { text: vscode.l10n.t('The server failed ({0}: {1}).', status, said), fixes: safe(err) ? ['retry'] : [] };
    return { text: vscode.l10n.t('The server refused the request ({0}: {1}).', status, said), fixes: [] };
  }
  if (kind === 'network') return { text: vscode.l10n.t('The connection to {0} broke.', where), fixes: safe(err) ? ['retry'] : [] };
  return { text: errorMessage(err), fixes: [] };
}

/** Repeating is safe for reads, and for requests that never reached the server (refused, no such name). */
function safe(err: unknown): boolean {
  const method = (err as { request?: { method?: unknown } } | null | undefined)?.request?.method;
  return typeof method !== 'string' || SAFE_METHODS.has(method.toUpperCase());
}

/** The first system-style error code in the cause chain (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT …). */
function causeCode(err: unknown): string | undefined {
  return causeCodes(err, 6).find((code) => /^[A-Z_]+$/.test(code));
}

/** "127.0.0.1:4100" or "iot.example.com" from a connect or name-lookup message in the cause chain. */
function address(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const m = /\b(?:connect|getaddrinfo)\s+[A-Z_]+\s+(\S+)/.exec(e.message);
    if (m) return m[1];
  }
  return undefined;
}
