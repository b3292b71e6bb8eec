/**
 * What the connections layer needs from each platform: its name and icon, the questions of the Add/Edit
 * Connection wizard (declared as fields, so the wizard has no step numbers of its own), its secret, how a
 * profile is described, and how a session is made and tested. The platform modules
 * (src/explorer/platforms/<platform>/) implement it; `activate` hands the directory to the session
 * manager, and the wizard gets it from its caller, so nothing here names a platform.
 */
import type { DemoInfo } from '../demo/demoService';
import type { Logger, TlsOptions } from '../platforms/http';
import type { ConnectionProfile, Platform, SecretKind } from './profile';
import type { Session } from './session';

/** What creating a session may use. */
export interface SessionEnv {
  readonly tls: TlsOptions | undefined;
  readonly log: Logger;
  /** The connection's stored secret (the platform's `secret.kind`); the wizard passes the one just typed. */
  secret(): Promise<string | undefined>;
  /** The built-in emulator, started on first use (demo connections get their URLs and credentials from it). */
  demo(): Promise<DemoInfo>;
  /** Aborts a session start that fetches something at once (an Altair token). */
  readonly signal?: AbortSignal;
  /** The Python that serves a backend in the user's own SDK (IoT-TICKET's das.iot_client). */
  readonly python: PythonEnv;
}

/** Where a Python backend's process comes from. */
export interface PythonEnv {
  /** The interpreter now (the Python extension's active one, the setting, or python3/python on PATH). */
  interpreter(): Promise<{ readonly path: string; readonly source: string }>;
  /** python/iot_explorer_bridge.py of the extension. */
  readonly bridgeScript: string;
}

/** The wizard's answers so far, by field key (the profile's own keys; `secret` for the secret). */
export type Answers = Readonly<Record<string, string | undefined>>;

/** One question of the wizard, in the order asked. */
export interface ConnectionField {
  /** Where the answer goes: the profile key read by the platform's `toProfile`; `secret` goes to SecretStorage. */
  readonly key: string;
  /** Its name in "Edit Connection" and in "lacks a field" messages (it may follow from earlier answers). */
  title(answers?: Answers): string;
  prompt(editing: boolean, answers?: Answers): string;
  readonly placeholder?: string;
  /** A secret: typed hidden, never prefilled, never written to settings. */
  readonly secret?: boolean;
  /** Asked only when this holds for the answers so far (e.g. a backend's own settings). */
  when?(answers: Answers): boolean;
  /** Choices instead of free text: the answer is the picked item's `value`. */
  choices?(answers: Answers): readonly { readonly label: string; readonly detail?: string; readonly value: string }[];
  /** The value offered when there is no answer yet (may follow from earlier answers). */
  initial?(answers: Answers, editing: boolean): string;
  /** An error message, or undefined when the value is fine. */
  validate?(value: string, answers: Answers, editing: boolean): string | undefined;
  /** Hidden from the new-connection flow unless the user asks for advanced settings. */
  readonly advanced?: boolean;
}

export interface PlatformConnections {
  readonly id: Platform;
  /** As users know it ("IoT-TICKET"). */
  readonly label: string;
  /** The codicon of its connections. */
  readonly icon: string;
  /** The wizard's platform choice. */
  readonly pick: { readonly description: string; detail(): string; readonly labelPlaceholder: string };
  /** The secret it signs in with. */
  readonly secret: { readonly kind: SecretKind; name(): string; prompt(profile: ConnectionProfile): string };
  /** The wizard's questions after the platform and the name, in order. */
  readonly fields: readonly ConnectionField[];
  /** The wizard's answers for an existing profile (edit). */
  answersOf(profile: ConnectionProfile): Answers;
  /** The platform's profile fields from the answers (undefined values drop the key). */
  toProfile(answers: Answers): Partial<ConnectionProfile>;
  /** The URLs the connection talks to (the TLS option is offered only when one is https). */
  urls(profile: ConnectionProfile): string[];
  /** Why a profile from settings cannot be used, or undefined. */
  validate(profile: ConnectionProfile): string | undefined;
  /** The lines of a connection's tooltip (URLs, user or client). */
  describe(profile: ConnectionProfile): string[];
  /** Sign-out revokes something on the server (an access token). */
  readonly signsOut: boolean;
  /** The connection may have values pushed (Altair over MQTT: a broker set, or the demo's), so live values and MQTT credentials concern it. */
  pushesValues?(profile: ConnectionProfile): boolean;
  createSession(profile: ConnectionProfile, env: SessionEnv): Promise<Session>;
  /** Cheap calls on every surface of a session; resolves with what was reached. */
  testSession(session: Session, signal?: AbortSignal): Promise<string[]>;
  /** A session ends (profile changed or removed, window closed): stops its processes, and revokes what the profile says to. */
  disposeSession(session: Session): Promise<void>;
  /** Sign Out: ends what the session holds on the server (Altair revokes its token); else as `disposeSession`. */
  signOut?(session: Session): Promise<void>;
}

/** The platforms there are, by id. */
export interface PlatformDirectory {
  get(platform: Platform): PlatformConnections;
  all(): readonly PlatformConnections[];
}
