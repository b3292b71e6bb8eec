/**
 * The demo emulator's own thread (dist/emulator-worker.js). Generating a page of the large dataset takes
 * tens of milliseconds; on the extension host's thread that held up everything else there, a chart's first
 * preview included, while a real server's work never would. The host talks to it over HTTP like any
 * server: the thread says where it listens, and closes when told.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EmulatorOptions } from '../emulator/module';
import { startEmulator } from '../emulator/server';
import type { EmulatorThreadMessage } from './emulatorThread';

const port = parentPort;
if (port) {
  const say = (m: EmulatorThreadMessage): void => port.postMessage(m);
  startEmulator(workerData as EmulatorOptions).then(
    (emulator) => {
      port.on('message', (m: unknown) => {
        if (m === 'close') void emulator.close().finally(() => say({ type: 'closed' }));
      });
      say({ type: 'ready', url: emulator.url });
    },
    (err: unknown) => say({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
  );
}
