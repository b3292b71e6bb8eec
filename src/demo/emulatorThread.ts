/**
 * The demo emulator in a worker thread of the extension host (src/demo/emulatorWorker.ts runs it), and
 * what the host keeps of it: its URL, its info and its faults through the emulator's own admin routes
 * (`/_emulator/…`, as for any emulator the CLI started), and a way to close it.
 */
import { Worker } from 'node:worker_threads';
import type { EmulatorOptions } from '../emulator/module';
import type { FaultRule } from '../emulator/faults';

/** What the thread tells the host. */
export type EmulatorThreadMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'closed' };

export interface DemoEmulator {
  readonly url: string;
  /** The emulator's `/_emulator/info`: its URLs and demo credentials. */
  info(): Promise<Record<string, unknown>>;
  /** Fault injection for tests (`/_emulator/faults`). */
  readonly faults: {
    set(rules: readonly FaultRule[]): Promise<void>;
    clear(): Promise<void>;
    list(): Promise<readonly FaultRule[]>;
  };
  close(): Promise<void>;
}

/** Starts the emulator in a thread from its bundle; `onExit` hears when the thread ends without being closed. */
export function startEmulatorThread(bundle: string, options: EmulatorOptions, onExit: (why: string) => void): Promise<DemoEmulator> {
  const worker = new Worker(bundle, { workerData: options });
  // The thread does not keep the extension host alive; deactivation closes it.
  worker.unref();
  let closing = false;
  let ended = false;
  /** An end nobody asked for, reported once (an error is followed by the thread's exit). */
  const endedOnItsOwn = (why: string): void => {
    if (closing || ended) return;
    ended = true;
    onExit(why);
  };
  return new Promise((resolve, reject) => {
    worker.on('error', (err) => {
      reject(err);
      endedOnItsOwn(err.message);
    });
    worker.on('exit', (code) => {
      reject(new Error(`the emulator's thread ended (exit code ${code})`));
      endedOnItsOwn(`exit code ${code}`);
    });
    worker.on('message', (m: EmulatorThreadMessage) => {
      if (m.type === 'failed') {
        closing = true;
        void worker.terminate();
        reject(new Error(m.message));
      } else if (m.type === 'ready') {
        resolve(remote(m.url, async () => {
          closing = true;
          const closed = new Promise<void>((done) => worker.on('message', (c: EmulatorThreadMessage) => c.type === 'closed' && done()));
          worker.postMessage('close');
          await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
          await worker.terminate();
        }));
      }
    });
  });
}

function remote(url: string, close: () => Promise<void>): DemoEmulator {
  const admin = async <T>(path: string, init?: RequestInit): Promise<T | undefined> => {
    const res = await fetch(`${url}/_emulator/${path}`, init);
    if (!res.ok) throw new Error(`the emulator refused ${init?.method ?? 'GET'} /_emulator/${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as T);
  };
  return {
    url,
    info: async () => (await admin<Record<string, unknown>>('info')) ?? {},
    faults: {
      set: async (rules) => {
        await admin('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
      },
      clear: async () => {
        await admin('faults', { method: 'DELETE' });
      },
      list: async () => (await admin<{ rules: FaultRule[] }>('faults'))?.rules ?? [],
    },
    close,
  };
}
