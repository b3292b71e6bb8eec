/**
 * The lifecycle of one connection's Python process: started on first use (or by `start()`), restarted on
 * the next call after it dies (with backoff), given up after repeated failed starts with a permanent
 * "failed" state the UI can show, and a missing piece (no Python, no das.iot_client) reported at once.
 * vscode-free: state changes reach listeners through `onDidChangeStatus`.
 */
import { PlatformError, silentLogger, type Logger } from '../../http';
import { BridgeProcess, type BridgeStartOptions, type ReadyInfo } from './bridgeProcess';
import { PERMANENT_SETUP_REASONS, PythonBackendFailedError, PythonSetupError } from './errors';

export interface PythonBackendOptions extends Omit<BridgeStartOptions, 'workers' | 'startTimeoutMs' | 'logger'> {
  /** Calls run at the same time in the process; default 8. */
  readonly workers?: number;
  /** Per call, unless the call gives its own; default 120 s. */
  readonly timeoutMs?: number;
  /** Until the client is built; default 60 s. */
  readonly startTimeoutMs?: number;
  /** Failed starts (or crashes) in a row before the state becomes "failed"; default 3. */
  readonly maxFailedStarts?: number;
  /** Delay before restart n (n ≥ 1): baseMs · 2^(n−1), at most maxMs; default 500 ms … 10 s. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly logger?: Logger;
}

/**
 * idle: no process (not started yet, or the last one ended); waiting: backoff before a restart;
 * starting; ready; failed: permanent until `restart()` (see `error`); disposed.
 */
export type BackendState = 'idle' | 'waiting' | 'starting' | 'ready' | 'failed' | 'disposed';

export interface BackendStatus {
  readonly state: BackendState;
  /** Why it failed (or why the last start failed): a PythonSetupError or PythonBackendFailedError. */
  readonly error?: PlatformError;
  /** The running process, when ready. */
  readonly info?: ReadyInfo;
  /** Failed starts and crashes since the last answered call. */
  readonly failures: number;
}

export interface Disposable {
  dispose(): void;
}

export interface BackendCall {
  readonly group?: string;
  readonly args?: readonly unknown[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** Return what the method prints (print_asset_tree). */
  readonly capture?: boolean;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class PythonBackend {
  private process: BridgeProcess | undefined;
  private starting: Promise<BridgeProcess> | undefined;
  private current: BackendStatus = { state: 'idle', failures: 0 };
  private readonly listeners = new Set<(status: BackendStatus) => void>();
  private readonly logger: Logger;

  constructor(private readonly options: PythonBackendOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get status(): BackendStatus {
    return this.current;
  }

  /** The process id while one runs. */
  get pid(): number | undefined {
    return this.process?.alive ? this.process.pid : undefined;
  }

  get interpreter(): string {
    return this.options.interpreter;
  }

  onDidChangeStatus(listener: (status: BackendStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Starts the process if needed; resolves when the client is built (Test Connection, pre-flight checks). */
  async start(): Promise<ReadyInfo> {
    return (await this.ensure()).info;
  }

  /** Calls a das method (`client.method(*args, **kwargs)`); `property: true` reads an attribute instead. */
  async call(method: string, call: BackendCall & { property?: boolean } = {}): Promise<unknown> {
    const bridge = await this.ensure();
    const body = { group: call.group, args: call.args ?? [], kwargs: call.kwargs ?? {}, capture: call.capture === true };
    const value = await bridge.request(call.property ? 'get' : 'call', method, body, { signal: call.signal, timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? 120_000 });
    this.answered();
    return value;
  }

  /** The bridge's own description: interpreter, versions, and the organization the SDK sees. */
  async describeRaw(signal?: AbortSignal): Promise<Record<string, unknown>> {
    const bridge = await this.ensure();
    const value = (await bridge.request('describe', 'describe', {}, { signal, timeoutMs: this.options.timeoutMs ?? 120_000 })) as Record<string, unknown>;
    this.answered();
    return value;
  }

  /** Forgets failures (e.g. after the user fixed the interpreter) and ends the process; the next call starts a new one. */
  restart(): void {
    if (this.current.state === 'disposed') return;
    this.process?.stop();
    this.process = undefined;
    this.set({ state: 'idle', failures: 0 });
  }

  dispose(): void {
    this.process?.stop();
    this.process = undefined;
    this.set({ state: 'disposed', failures: this.current.failures, error: new PythonBackendFailedError('the Python backend was closed') });
  }

  private set(status: BackendStatus): void {
    this.current = status;
    for (const l of [...this.listeners]) l(status);
  }

  private answered(): void {
    if (this.current.failures > 0 && this.current.state === 'ready') this.set({ ...this.current, failures: 0, error: undefined });
  }

  private ensure(): Promise<BridgeProcess> {
    const { state, error } = this.current;
    if (state === 'failed' || state === 'disposed') return Promise.reject(error);
    if (this.process?.alive) return Promise.resolve(this.process);
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async launch(): Promise<BridgeProcess> {
    const failures = this.current.failures;
    if (failures > 0) {
      const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 500, maxMs: 10_000 };
      this.set({ ...this.current, state: 'waiting' });
      await delay(Math.min(maxMs, baseMs * 2 ** (failures - 1)));
      if (this.current.state !== 'waiting') throw this.current.error ?? new PythonBackendFailedError('the Python backend was closed');
    }
    this.set({ state: 'starting', failures });
    let bridge: BridgeProcess;
    try {
      bridge = await BridgeProcess.start({
        ...this.options, workers: this.options.workers ?? 8, startTimeoutMs: this.options.startTimeoutMs ?? 60_000, logger: this.logger,
      });
    } catch (err) {
      throw this.startFailed(err as Error, failures + 1);
    }
    if (this.current.state !== 'starting') {
      bridge.stop();
      throw this.current.error ?? new PythonBackendFailedError('the Python backend was closed');
    }
    this.process = bridge;
    bridge.onExit((code, signal) => this.exited(bridge, code, signal));
    this.logger.info(`[python ${bridge.pid}] ready: ${bridge.info.client} from ${bridge.info.factory}, Python ${bridge.info.python} (${bridge.info.executable}), das ${bridge.info.sdkVersion ?? 'version unknown'}`);
    this.set({ state: 'ready', failures, info: bridge.info });
    return bridge;
  }

  private startFailed(err: Error, failures: number): Error {
    const max = this.options.maxFailedStarts ?? 3;
    this.logger.error(`Python backend (${this.options.interpreter}): ${err.message}`);
    if (err instanceof PythonSetupError && PERMANENT_SETUP_REASONS.has(err.reason)) {
      this.set({ state: 'failed', failures, error: err });
      return err;
    }
    if (failures >= max) {
      const failed = new PythonBackendFailedError(`the Python backend gave up after ${failures} failed starts: ${err.message}`, err);
      this.set({ state: 'failed', failures, error: failed });
      return err;
    }
    this.set({ state: 'idle', failures, error: err instanceof PlatformError ? err : undefined });
    return err;
  }

  private exited(bridge: BridgeProcess, code: number | null, signal: string | null): void {
    if (this.process !== bridge) return; // stopped on purpose
    this.process = undefined;
    const failures = this.current.failures + 1;
    const max = this.options.maxFailedStarts ?? 3;
    this.logger.warn(`[python ${bridge.pid}] exited (${signal ?? `code ${code}`}); the next call starts a new process`);
    if (failures >= max) {
      this.set({ state: 'failed', failures, error: new PythonBackendFailedError(`the Python process ended ${failures} times in a row (last: ${signal ?? `code ${code}`}); see the log`) });
    } else {
      this.set({ state: 'idle', failures });
    }
  }
}
