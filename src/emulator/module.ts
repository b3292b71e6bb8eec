/**
 * The contract between the emulator's server and its platform modules: what a module receives (the context)
 * and what it gives back (routes, info, reset). Kept apart from server.ts so modules never import the server.
 */
import type { FaultRule } from './faults';
import type { Router } from './router';

/** `hostile` is the demo with names from src/emulator/hostileNames.ts added (for the escaping tests). */
export type DatasetName = 'demo' | 'large' | 'hostile';

/** Parameters of the large dataset (both platforms read the ones that apply to them). */
export interface LargeDatasetOptions {
  /** Total number of assets (IoT-TICKET) or things (Altair). Up to 1,000,000. */
  readonly assets: number;
  /** Children per level of the asset tree. */
  readonly childrenPerLevel: number;
  /** Points per generated series over its time range. */
  readonly pointsPerSeries: number;
}

export const defaultLargeOptions: LargeDatasetOptions = { assets: 100_000, childrenPerLevel: 10_000, pointsPerSeries: 1_000_000 };

export interface EmulatorOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly dataset?: DatasetName;
  readonly large?: Partial<LargeDatasetOptions>;
  /** Seed of the generated data; the same seed gives the same data. */
  readonly seed?: number;
  /** Lifetime of Altair access tokens in seconds. */
  readonly tokenTtlSec?: number;
  /** Fixed "now" in epoch ms for deterministic tests; default the real clock. */
  readonly now?: () => number;
  readonly faults?: readonly FaultRule[];
  /** Port of the Altair MQTT broker; 0 (default) picks a free port. */
  readonly mqttPort?: number;
  /** Every this many ms, things watched over MQTT get new generated values; 0 (default) is off. */
  readonly altairLiveMs?: number;
  /** IoT-TICKET devices fetch each queued command this many ms after it was queued and answer it as long after; 0 (default) is off. */
  readonly deviceAnswerMs?: number;
}

export interface EmulatorContext {
  readonly options: EmulatorOptions;
  readonly dataset: DatasetName;
  readonly large: LargeDatasetOptions;
  readonly seed: number;
  readonly now: () => number;
  /** Base URL of this server, without trailing slash (known once listening). */
  baseUrl(): string;
}

export interface EmulatorModule {
  readonly name: string;
  register(router: Router): void;
  /** This platform's part of `GET /_emulator/info`: credentials and example ids. */
  info(): Record<string, unknown>;
  /** Restores the dataset's initial state (`POST /_emulator/reset`). */
  reset?(): void;
  /** Starts the module's own servers once the HTTP port listens (Altair's MQTT broker); returns their URLs by name. */
  listen?(host: string): Promise<Record<string, string>>;
  close?(): Promise<void>;
}
