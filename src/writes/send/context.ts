/**
 * What the write executors need from their surroundings, passed in so they run the same in the extension
 * (sessions, SecretStorage, workspace files) and in Node tests (clients built on the emulator).
 */
import type { AltairApi } from '../../platforms/altair';
import type { DeviceAdapterClient, DeviceCredentials } from '../../platforms/iotticket/adapterClient';
import type { AssetApi } from '../../platforms/iotticket/assetApi';
import type { WriteOutcome } from '../model/outcome';
import type { WriteSpec } from '../model/writeSpec';

export interface IotTicketEndpoints {
  /** The asset API client (commands, static and calculated writes, attributes). */
  readonly assetApi?: AssetApi;
  /** The device HTTP adapter for a device (paths carry the device's tenant); undefined without an adapter URL. */
  adapter(deviceId: string, signal?: AbortSignal): Promise<DeviceAdapterClient | undefined>;
}

export interface AltairEndpoints {
  readonly api: AltairApi;
  readonly space: string;
}

export interface WriteContext {
  iotticket(connectionId: string): Promise<IotTicketEndpoints>;
  altair(connectionId: string): Promise<AltairEndpoints>;
  /** The device's stored credentials, or undefined when none are stored (the UI then asks). */
  deviceCredentials(connectionId: string, deviceId: string): Promise<DeviceCredentials | undefined>;
  /** Reads a CSV/JSON file a spec refers to (relative to the command file or workspace). */
  readFile(path: string): Promise<{ readonly text: string; readonly name: string }>;
}

/** A write checked and resolved, ready to be confirmed and sent. */
export interface PreparedWrite {
  readonly spec: WriteSpec;
  /** What will happen, in a sentence (for the confirmation). */
  readonly description: string;
  /** How many targets the write reaches (aggregated commands: the asset and its sub-assets). */
  readonly targets: number;
  /** Extra lines the confirmation should show (e.g. the rendered payload, the parts of a split write). */
  readonly notes: readonly string[];
  /** Things the user should agree to before sending (each is asked as a confirmation). */
  readonly warnings?: readonly string[];
  /** Sends it. Never retries a write on its own. */
  run(signal?: AbortSignal): Promise<WriteOutcome>;
}
