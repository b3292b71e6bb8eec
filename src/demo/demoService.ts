/**
 * The built-in demo: the emulator of both platforms, started inside the extension host on an
 * ephemeral loopback port the first time a demo connection is used. The emulator is a separate bundle
 * (dist/emulator-server.js) loaded only then, so activation never pays for it.
 */
import * as path from 'node:path';
import * as v from 'valibot';
import type * as vscode from 'vscode';
import type { Emulator, EmulatorOptions } from '../emulator/server';
import type { ExplorerLog } from '../log';
import type { ConnectionProfile } from '../connections/profile';
import { demoDataset, demoDevices, demoLive } from './demoOptions';

export const DEMO_IOTTICKET_ID = 'demo-iotticket';
export const DEMO_ALTAIR_ID = 'demo-altair';

/** What the emulator's `info()` says about each platform (the parts the explorer uses), checked on arrival. */
const str = v.string();
const demoInfoSchema = v.looseObject({
  url: str,
  iotticket: v.looseObject({
    user: str,
    password: str,
    tenant: v.optional(str),
    organizationId: v.optional(str),
    v1BaseUrl: str,
    adapterBaseUrl: str,
    coreBaseUrl: str,
    /** An example v1 device and datanode. */
    v1: v.looseObject({ deviceId: str, datanodePath: str }),
    /** An example asset with a telemetry attribute. */
    asset: v.looseObject({ id: str, namesPath: v.array(str), telemetryAttributeId: str, telemetryAttributeName: str }),
  }),
  altair: v.looseObject({
    clientId: str,
    clientSecret: str,
    space: str,
    scopes: v.array(str),
    baseUrl: str,
    category: str,
    /** An example thing with a numeric property, an action and an event. */
    thing: v.looseObject({ id: str, title: str, numericProperty: str, actionName: str, eventName: str }),
    /** The emulator's MQTT broker (the demo connection's `mqttUrl`). */
    mqtt: v.optional(v.looseObject({ url: str })),
  }),
});
export type DemoInfo = v.InferOutput<typeof demoInfoSchema>;

type StartEmulator = (options: EmulatorOptions) => Promise<Emulator>;

export class DemoService implements vscode.Disposable {
  private emulator: Promise<Emulator> | undefined;

  constructor(
    private readonly extensionPath: string,
    private readonly log: ExplorerLog,
  ) {}

  /** Starts the demo emulator once; later calls share it. */
  async start(): Promise<DemoInfo> {
    this.emulator ??= this.launch();
    try {
      const emulator = await this.emulator;
      return v.parse(demoInfoSchema, emulator.info());
    } catch (err) {
      this.emulator = undefined;
      throw err;
    }
  }

  get running(): boolean {
    return this.emulator !== undefined;
  }

  /** The running emulator (tests use it for fault injection). */
  async instance(): Promise<Emulator | undefined> {
    return this.emulator;
  }

  private async launch(): Promise<Emulator> {
    const started = Date.now();
    const bundle = path.join(this.extensionPath, 'dist', 'emulator-server.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEmulator } = require(bundle) as { startEmulator: StartEmulator };
    const emulator = await startEmulator({ port: 0, ...demoDataset(), ...demoLive(), ...demoDevices() });
    this.log.info(`Demo emulator listening on ${emulator.url} (started in ${Date.now() - started} ms)`);
    return emulator;
  }

  async stop(): Promise<void> {
    const emulator = this.emulator;
    this.emulator = undefined;
    if (emulator) await (await emulator).close();
  }

  dispose(): void {
    void this.stop();
  }
}

/** The two demo profiles; their URLs and credentials come from the emulator when they are used. */
export function demoProfiles(): ConnectionProfile[] {
  return [
    { id: DEMO_IOTTICKET_ID, label: 'Demo IoT-TICKET', platform: 'iotticket', demo: true },
    { id: DEMO_ALTAIR_ID, label: 'Demo Altair IoT Studio', platform: 'altair', demo: true },
  ];
}
