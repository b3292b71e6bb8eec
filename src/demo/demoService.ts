/**
 * The built-in demo: the emulator of both platforms, started in a thread of the extension host on an
 * ephemeral loopback port the first time a demo connection is used. The emulator is a separate bundle
 * (dist/emulator-worker.js) loaded only then, so activation never pays for it, and its own thread
 * (src/demo/emulatorWorker.ts) keeps its work off the extension host's.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ExplorerLog } from '../log';
import type { ConnectionProfile } from '../connections/profile';
import type { DemoInfo } from './demoInfo';
import { demoDataset, demoDevices, demoLive } from './demoOptions';
import type { DemoEmulator } from './emulatorThread';

export const DEMO_IOTTICKET_ID = 'demo-iotticket';
export const DEMO_ALTAIR_ID = 'demo-altair';

export type { DemoInfo } from './demoInfo';

export class DemoService implements vscode.Disposable {
  private emulator: Promise<DemoEmulator> | undefined;

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
      return (await import('./demoInfo')).parseDemoInfo(await emulator.info());
    } catch (err) {
      this.emulator = undefined;
      throw err;
    }
  }

  get running(): boolean {
    return this.emulator !== undefined;
  }

  /** The running emulator (tests use it for fault injection). */
  async instance(): Promise<DemoEmulator | undefined> {
    return this.emulator;
  }

  private launch(): Promise<DemoEmulator> {
    const started = Date.now();
    const bundle = path.join(this.extensionPath, 'dist', 'emulator-worker.js');
    // Loaded with the demo: node:worker_threads is not loaded by the extension host, and costs activation ~6 ms.
    const launched = import('./emulatorThread').then(({ startEmulatorThread }) => startEmulatorThread(bundle, { port: 0, ...demoDataset(), ...demoLive(), ...demoDevices() }, (why) => {
      this.log.error(`The demo emulator stopped (${why}); the next use of a demo connection starts it again`);
      if (this.emulator === launched) this.emulator = undefined;
    })).then((emulator) => {
      this.log.info(`Demo emulator listening on ${emulator.url} (started in ${Date.now() - started} ms, in a thread of its own)`);
      return emulator;
    });
    return launched;
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
