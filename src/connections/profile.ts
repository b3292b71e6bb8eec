/**
 * A connection profile as stored in the `iotExplorer.connections` setting: only non-secret fields.
 * Passwords, client secrets and tokens live in SecretStorage under keys derived from the profile id.
 */
export const PLATFORMS = ['iotticket', 'altair'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface ConnectionProfile {
  readonly id: string;
  readonly label: string;
  readonly platform: Platform;
  // IoT-TICKET: three surfaces, each with its own base URL.
  readonly coreBaseUrl?: string;
  readonly v1BaseUrl?: string;
  readonly adapterBaseUrl?: string;
  readonly username?: string;
  /** The tenant of device user names (`deviceId@tenant`) when neither the device nor its organization says. */
  readonly tenant?: string;
  /** Which backend serves the asset API: direct HTTP over the inferred routes (default) or the user's das.iot_client in Python. */
  readonly assetApi?: 'http' | 'python';
  /** Python backend: `module:callable` that builds the client (default `das.iot_client:IoTClient`). */
  readonly pythonFactory?: string;
  /** Python backend: non-secret keyword arguments of the factory. */
  readonly pythonFactoryKwargs?: Readonly<Record<string, unknown>>;
  /** Python backend: the factory's keyword argument that receives the stored password (sent over stdin only). */
  readonly pythonSecretKwarg?: string;
  /** Python backend: folders put first on sys.path (e.g. the project with the factory's module). */
  readonly pythonSysPath?: readonly string[];
  /** Replacements of inferred asset-API route templates by name (src/platforms/iotticket/routeOverrides.ts). */
  readonly routeOverrides?: Readonly<Record<string, string>>;
  // Altair IoT Studio.
  readonly host?: string;
  readonly space?: string;
  /** How the connection signs in: an App's OAuth2 client credentials (default), or a user's access token (SDK `AccessToken`), which expires and is then set again. */
  readonly authMethod?: 'clientCredentials' | 'accessToken';
  readonly clientId?: string;
  readonly scopes?: readonly string[];
  /** The OAuth2 token endpoint, relative to the host or absolute (default `/oauth2/token`). */
  readonly tokenUrl?: string;
  /** The revocation endpoint (default `/oauth2/revoke`); Sign Out always revokes there. */
  readonly revokeUrl?: string;
  /** Revoke the token whenever a session ends (profile changed or removed, window closed); off by default, as in the SDK. */
  readonly revokeToken?: boolean;
  /** Seconds before expiry at which the token is renewed (default 10, as in the SDK). */
  readonly refreshThresholdSec?: number;
  /** Per-attempt timeout of each request, token requests included, in seconds (default 30). */
  readonly requestTimeoutSec?: number;
  /** The MQTT broker for live values: `mqtt://host[:port]`, or `mqtts://host[:port]` for TLS (certificates checked as `tlsVerify`/`caFile` say). */
  readonly mqttUrl?: string;
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
export function secretKey(connectionId: string, kind: SecretKind | `device:${string}` | `mqtt:${string}`): string {
  return `${secretPrefix(connectionId)}${kind}`;
}

/** The prefix of every SecretStorage key of a connection. */
export function secretPrefix(connectionId: string): string {
  return `iotExplorer:${connectionId}:`;
}

/** Each platform's name as users know it and the secret it signs in with (the platform modules say the rest). */
const IDENTITY: Record<Platform, { readonly label: string; readonly secret: SecretKind }> = {
  iotticket: { label: 'IoT-TICKET', secret: 'password' },
  altair: { label: 'Altair IoT Studio', secret: 'clientSecret' },
};

/** The platform's name as users know it. */
export function platformLabel(platform: Platform): string {
  return IDENTITY[platform].label;
}

/** The secret a connection signs in with: the platform's, or an Altair access token. */
export function primarySecret(profile: Pick<ConnectionProfile, 'platform' | 'authMethod'>): SecretKind {
  return profile.platform === 'altair' && profile.authMethod === 'accessToken' ? 'token' : IDENTITY[profile.platform].secret;
}

export function isPlatform(x: unknown): x is Platform {
  return (PLATFORMS as readonly unknown[]).includes(x);
}

export const defaultAltairScopes: readonly string[] = ['thing', 'category', 'model'];

/**
 * Checks one entry read from settings; returns a profile or the reason it is unusable. `validate` is the
 * platform module's check of a non-demo profile (what it needs to connect).
 */
export function parseProfile(raw: unknown, validate: (profile: ConnectionProfile) => string | undefined = () => undefined): ConnectionProfile | string {
  if (!raw || typeof raw !== 'object') return 'not an object';
  const p = raw as Record<string, unknown>;
  if (typeof p.id !== 'string' || !p.id) return 'missing "id"';
  if (!isPlatform(p.platform)) return `"platform" must be ${PLATFORMS.map((x) => `"${x}"`).join(' or ')} (got ${JSON.stringify(p.platform)})`;
  const str = (k: string): string | undefined => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);
  const profile: ConnectionProfile = {
    id: p.id,
    label: str('label') ?? p.id,
    platform: p.platform,
    coreBaseUrl: str('coreBaseUrl'),
    v1BaseUrl: str('v1BaseUrl'),
    adapterBaseUrl: str('adapterBaseUrl'),
    username: str('username'),
    tenant: str('tenant'),
    assetApi: p.assetApi === 'python' || p.assetApi === 'http' ? p.assetApi : undefined,
    pythonFactory: str('pythonFactory'),
    pythonFactoryKwargs: p.pythonFactoryKwargs && typeof p.pythonFactoryKwargs === 'object' && !Array.isArray(p.pythonFactoryKwargs) ? (p.pythonFactoryKwargs as Record<string, unknown>) : undefined,
    pythonSecretKwarg: str('pythonSecretKwarg'),
    pythonSysPath: Array.isArray(p.pythonSysPath) ? p.pythonSysPath.filter((s): s is string => typeof s === 'string') : undefined,
    routeOverrides: stringRecord(p.routeOverrides),
    host: str('host'),
    space: str('space'),
    authMethod: p.authMethod === 'accessToken' || p.authMethod === 'clientCredentials' ? p.authMethod : undefined,
    clientId: str('clientId'),
    mqttUrl: str('mqttUrl'),
    scopes: Array.isArray(p.scopes) ? p.scopes.filter((s): s is string => typeof s === 'string') : undefined,
    tokenUrl: str('tokenUrl'),
    revokeUrl: str('revokeUrl'),
    revokeToken: typeof p.revokeToken === 'boolean' ? p.revokeToken : undefined,
    refreshThresholdSec: typeof p.refreshThresholdSec === 'number' && p.refreshThresholdSec >= 0 ? p.refreshThresholdSec : undefined,
    requestTimeoutSec: typeof p.requestTimeoutSec === 'number' && p.requestTimeoutSec > 0 ? p.requestTimeoutSec : undefined,
    tlsVerify: typeof p.tlsVerify === 'boolean' ? p.tlsVerify : undefined,
    caFile: str('caFile'),
    pageSize: typeof p.pageSize === 'number' && p.pageSize > 0 ? Math.floor(p.pageSize) : undefined,
    production: p.production === true ? true : undefined,
    demo: p.demo === true ? true : undefined,
  };
  if (profile.mqttUrl !== undefined && !isMqttUrl(profile.mqttUrl)) return `"mqttUrl" must be mqtt://host[:port] or mqtts://host[:port] (got ${JSON.stringify(profile.mqttUrl)})`;
  return (!profile.demo && validate(profile)) || profile;
}

/** An object of strings (route overrides); other values are dropped. */
function stringRecord(raw: unknown): Readonly<Record<string, string>> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** `mqtt://host[:port]` or `mqtts://host[:port]`, nothing else (no path, no user in the URL). */
export function isMqttUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'mqtt:' || u.protocol === 'mqtts:') && u.hostname !== '' && !u.username && !u.password && (u.pathname === '' || u.pathname === '/');
  } catch {
    return false;
  }
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
/** Profile settings whose names sound secret but whose values are not (endpoints, switches, an argument's name). */
const SETTINGS_NAMED_LIKE_SECRETS: ReadonlySet<string> = new Set(['tokenUrl', 'revokeUrl', 'revokeToken', 'pythonSecretKwarg']);

export function secretLookingFields(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    if (/pass(word)?|secret|token|api[-_]?key|credential/i.test(key) && !SETTINGS_NAMED_LIKE_SECRETS.has(key)) found.push(key);
    else if (typeof value === 'string' && (/^(basic|bearer)\s+\S{8,}/i.test(value) || /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value))) found.push(key);
  }
  return found;
}
