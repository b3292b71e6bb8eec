/**
 * A connection profile as stored in the `iotExplorer.connections` setting: only non-secret fields.
 * Passwords, client secrets and tokens live in SecretStorage under keys derived from the profile id.
 */
export type Platform = 'iotticket' | 'altair';

export interface ConnectionProfile {
  readonly id: string;
  readonly label: string;
  readonly platform: Platform;
  // IoT-TICKET: three surfaces, each with its own base URL.
  readonly coreBaseUrl?: string;
  readonly v1BaseUrl?: string;
  readonly adapterBaseUrl?: string;
  readonly username?: string;
  // Altair IoT Studio.
  readonly host?: string;
  readonly space?: string;
  readonly clientId?: string;
  readonly scopes?: readonly string[];
  // Both.
  readonly tlsVerify?: boolean;
  readonly caFile?: string;
  readonly pageSize?: number;
  readonly production?: boolean;
  /** A connection to the built-in emulator; its URLs and credentials come from the emulator at run time. */
  readonly demo?: boolean;
}

export type SecretKind = 'password' | 'clientSecret' | 'token';

/** The SecretStorage key of a connection's secret. */
export function secretKey(connectionId: string, kind: SecretKind | `device:${string}`): string {
  return `${secretPrefix(connectionId)}${kind}`;
}

/** The prefix of every SecretStorage key of a connection. */
export function secretPrefix(connectionId: string): string {
  return `iotExplorer:${connectionId}:`;
}

/** The platform's name as users know it. */
export function platformLabel(platform: Platform): string {
  return platform === 'iotticket' ? 'IoT-TICKET' : 'Altair IoT Studio';
}

/** The secret a platform needs to sign in. */
export function primarySecret(platform: Platform): SecretKind {
  return platform === 'iotticket' ? 'password' : 'clientSecret';
}

export const defaultAltairScopes: readonly string[] = ['thing', 'category', 'model'];

/** Checks one entry read from settings; returns a profile or the reason it is unusable. */
export function parseProfile(raw: unknown): ConnectionProfile | string {
  if (!raw || typeof raw !== 'object') return 'not an object';
  const p = raw as Record<string, unknown>;
  if (typeof p.id !== 'string' || !p.id) return 'missing "id"';
  if (p.platform !== 'iotticket' && p.platform !== 'altair') return `"platform" must be "iotticket" or "altair" (got ${JSON.stringify(p.platform)})`;
  const str = (k: string): string | undefined => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);
  const profile: ConnectionProfile = {
    id: p.id,
    label: str('label') ?? p.id,
    platform: p.platform,
    coreBaseUrl: str('coreBaseUrl'),
    v1BaseUrl: str('v1BaseUrl'),
    adapterBaseUrl: str('adapterBaseUrl'),
    username: str('username'),
    host: str('host'),
    space: str('space'),
    clientId: str('clientId'),
    scopes: Array.isArray(p.scopes) ? p.scopes.filter((s): s is string => typeof s === 'string') : undefined,
    tlsVerify: typeof p.tlsVerify === 'boolean' ? p.tlsVerify : undefined,
    caFile: str('caFile'),
    pageSize: typeof p.pageSize === 'number' && p.pageSize > 0 ? Math.floor(p.pageSize) : undefined,
    production: p.production === true ? true : undefined,
    demo: p.demo === true ? true : undefined,
  };
  if (!profile.demo) {
    if (profile.platform === 'iotticket' && !profile.coreBaseUrl && !profile.v1BaseUrl) return 'needs "coreBaseUrl" or "v1BaseUrl"';
    if (profile.platform === 'altair' && (!profile.space || !profile.clientId)) return 'needs "space" and "clientId"';
  }
  return profile;
}

/** The profile without undefined fields, as written back to settings. */
export function toSetting(profile: ConnectionProfile): Record<string, unknown> {
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
}

/** A short id for a new profile, unique among `existing`. */
export function newProfileId(label: string, existing: readonly string[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'connection';
  let id = base;
  for (let i = 2; existing.includes(id); i++) id = `${base}-${i}`;
  return id;
}

/** Keys and values in a settings entry that look like secrets (they belong in SecretStorage). */
export function secretLookingFields(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    if (/pass(word)?|secret|token|api[-_]?key|credential/i.test(key)) found.push(key);
    else if (typeof value === 'string' && (/^(basic|bearer)\s+\S{8,}/i.test(value) || /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value))) found.push(key);
  }
  return found;
}
