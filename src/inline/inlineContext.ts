/** What the inline providers share, and the one step they all take: reference → connection → target. */
import type { ConnectionProfile, Platform } from '../connections/profile';
import type { FileConnections, ProfileSource } from './fileConnection';
import type { LatestValueService } from './latestValueService';
import type { Reference } from './references';
import { platformOf, resolveReference, type Target } from './resolveReference';
import type { SessionSource } from './valueBackend';

export interface InlineLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): unknown;
}

export interface InlineContext {
  readonly values: LatestValueService;
  readonly connections: FileConnections;
  readonly sessions: SessionSource;
  readonly profiles: ProfileSource;
  readonly log: InlineLog;
}

export type Located =
  | { readonly kind: 'target'; readonly profile: ConnectionProfile; readonly target: Target }
  /** Several connections could serve and none was chosen. */
  | { readonly kind: 'choose'; readonly platform: Platform };

/** The target of a reference on the file's connection; undefined when there is none (or it is not a reference). */
export async function locate(ctx: InlineContext, reference: Reference, signal?: AbortSignal): Promise<Located | undefined> {
  const platform = platformOf(reference);
  const profile = ctx.connections.connectionFor(platform);
  if (!profile) return ctx.connections.needsChoice(platform) ? { kind: 'choose', platform } : undefined;
  const target = await resolveReference(reference, profile.id, { names: ctx.values.names, sessions: ctx.sessions }, signal);
  return target ? { kind: 'target', profile, target } : undefined;
}

export { platformLabel } from '../connections/profile';
