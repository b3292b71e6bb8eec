/**
 * A stored secret is bound to where it may be sent: the origins (scheme, host and port) of every URL
 * the connection sends it to, and how their certificates are checked. A profile that now points
 * elsewhere, or checks certificates less, does not get the secret until the user confirms: a workspace
 * that reuses a connection id with its own URL cannot collect the user's password. vscode-free.
 */
import { DEFAULT_ALTAIR_HOST } from '../platforms/altair/defaults';
import type { ConnectionProfile, SecretKind } from './profile';

/** `mqtt:thing:{uid}` / `mqtt:category:{name}`: MQTT credentials created for live values (src/live/). */
export type StoredSecretKind = SecretKind | `device:${string}` | `mqtt:${string}`;

/** Where a secret may go. `tls`: `verify` (default trust), `ca:<file>` (a private CA) or `off` (no checks). */
export interface SecretBinding {
  readonly origins: readonly string[];
  readonly tls: string;
}

/** What SecretStorage holds under a secret's key (a bare string is a secret stored before bindings existed). */
interface Envelope extends SecretBinding {
  readonly iotExplorerSecret: 1;
  readonly value: string;
}

/** The origin of a URL (`https://host[:port]`, default ports left out), or undefined when it is no URL. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Where a connection sends a kind of secret, as the profile says now. */
export function bindingOf(profile: ConnectionProfile, kind: StoredSecretKind): SecretBinding {
  const urls =
    kind.startsWith('device:') ? [profile.adapterBaseUrl]
    : profile.platform === 'iotticket' ? [profile.coreBaseUrl, profile.v1BaseUrl]
    : [profile.host ?? DEFAULT_ALTAIR_HOST];
  const origins = [...new Set(urls.map(originOf).filter((o): o is string => o !== undefined))].sort();
  const tls = profile.tlsVerify === false ? 'off' : profile.caFile ? `ca:${profile.caFile}` : 'verify';
  return { origins, tls };
}

/** The stored text for a secret bound to `binding`. */
export function sealSecret(value: string, binding: SecretBinding): string {
  const envelope: Envelope = { iotExplorerSecret: 1, origins: binding.origins, tls: binding.tls, value };
  return JSON.stringify(envelope);
}

/** The secret and its binding; `binding` is undefined for a secret stored before bindings existed. */
export function openSecret(stored: string): { value: string; binding?: SecretBinding } {
  try {
    const e = JSON.parse(stored) as Partial<Envelope>;
    if (e && e.iotExplorerSecret === 1 && typeof e.value === 'string' && Array.isArray(e.origins) && typeof e.tls === 'string') {
      return { value: e.value, binding: { origins: e.origins.filter((o): o is string => typeof o === 'string'), tls: e.tls } };
    }
  } catch {
    // Not an envelope: a plain secret.
  }
  return { value: stored };
}

/** What differs between where a secret was bound and where it would now go (empty: it may go). */
export function bindingChanges(stored: SecretBinding, wanted: SecretBinding): { newOrigins: string[]; tlsChanged: boolean } {
  return {
    newOrigins: wanted.origins.filter((o) => !stored.origins.includes(o)),
    // Stricter checks need no confirmation; fewer checks or another CA do.
    tlsChanged: stored.tls !== wanted.tls && wanted.tls !== 'verify',
  };
}
