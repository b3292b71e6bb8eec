/**
 * The built-in demo: the emulator of both platforms, started inside the extension host on an
 * ephemeral loopback port the first time a demo connection is used. The emulator is a separate bundle
 * (dist/emulator-server.js) loaded only then, so activation never pays for it.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Emulator, EmulatorOptions } from '../emulator/server';
import type { ExplorerLog } from '../log';
import type { ConnectionProfile } from '../connections/profile';
import type { DemoInfo } from './demoInfo';
import { demoDataset, demoDevices, demoLive } from './demoOptions';

export const DEMO_IOTTICKET_ID = 'demo-iotticket';
export const DEMO_ALTAIR_ID = 'demo-altair';

export type { DemoInfo } from './demoInfo';

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
      // The schema (and valibot) load with the demo, not at activation.
      return (await import('./demoInfo')).parseDemoInfo(emulator.info());
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
