/**
 * One Python process running the bridge (python/iot_explorer_bridge.py): the handshake (hello → init with
 * the factory and the secrets → ready | fatal), calls by id with several in flight, cancellation, a timeout
 * per call, stderr lines to the log (redacted), and the failure of every pending call when it exits.
 * Secrets travel only in the init message on stdin: never in argv, the environment or a file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { addSecret, CancelledError, redact, ValidationError, type Logger } from '../../http';
import { PythonCallError, PythonProcessExitedError, PythonSetupError, PythonTimeoutError, type SetupReason } from './errors';
import { encodeFrame, FrameDecoder, type Frame } from './frames';
import { decodeValue } from './wire';

export interface BridgeStartOptions {
  /** Path (or command on PATH) of the Python interpreter. */
  readonly interpreter: string;
  /** python/iot_explorer_bridge.py of the extension. */
  readonly bridgeScript: string;
  /** `module:callable` building the client; default `das.iot_client:IoTClient`. */
  readonly factory?: string;
  /** Non-secret keyword arguments of the factory. */
  readonly factoryKwargs?: Readonly<Record<string, unknown>>;
  /** Secret keyword arguments of the factory (from SecretStorage), sent over stdin only. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Entries put first on the bridge's sys.path (e.g. a project folder with the user's factory module). */
  readonly sysPath?: readonly string[];
  /** Extra, non-secret environment variables (the process otherwise inherits ours, as the user's scripts would). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Calls run at the same time in the bridge's thread pool. */
  readonly workers: number;
  readonly startTimeoutMs: number;
  readonly logger: Logger;
  /** Sizes of every frame received (diagnostics and tests: series must travel as attachments, not JSON). */
  readonly onFrame?: (frame: { readonly op: string; readonly headerBytes: number; readonly attachmentBytes: number }) => void;
}

/** What the bridge reports once the client is built. */
export interface ReadyInfo {
  /** e.g. "3.11.2". */
  readonly python: string;
  readonly executable: string;
  readonly pid: number;
  /** The das distribution's version, when the interpreter can tell it. */
  readonly sdkVersion: string | null;
  readonly factory: string;
  /** The client's class name. */
  readonly client: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
}

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

const STDERR_LINES_KEPT = 20;

export class BridgeProcess {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly recentErr: string[] = [];
  private exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  private exited = false;
  info!: ReadyInfo;

  private constructor(private readonly child: ChildProcessWithoutNullStreams, private readonly options: BridgeStartOptions) {}

  /** Starts the process and builds the client; rejects with a PythonSetupError naming the missing piece. */
  static async start(options: BridgeStartOptions): Promise<BridgeProcess> {
    const { interpreter } = options;
    if (/[\\/]/.test(interpreter)) {
      try {
        await access(interpreter, constants.X_OK);
      } catch {
        throw new PythonSetupError('python-not-found', interpreter, `no Python interpreter at ${interpreter} (the path does not exist or is not executable)`);
      }
    }
    for (const value of Object.values(options.secrets ?? {})) addSecret(value);
    // -u: stderr lines reach the log as they are written; -B: no __pycache__ next to the shipped bridge.
    const child = spawn(interpreter, ['-u', '-B', options.bridgeScript], {
      cwd: options.cwd, env: { ...process.env, ...options.env, PYTHONIOENCODING: 'utf-8' }, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true,
    });
    const bridge = new BridgeProcess(child, options);
    await bridge.handshake();
    return bridge;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(listener);
  }

  /** Sends one request; resolves with its decoded value or rejects with a typed error. */
  request(op: 'call' | 'get' | 'describe', method: string, body: Readonly<Record<string, unknown>>, options: CallOptions): Promise<unknown> {
    if (options.signal?.aborted) return Promise.reject(new CancelledError());
    if (this.exited) return Promise.reject(new PythonProcessExitedError(method, this.child.exitCode, this.child.signalCode, this.lastOutput()));
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const abandon = (err: Error): void => {
        if (!this.pending.has(id)) return;
        done();
        this.send({ op: 'cancel', id });
        reject(err);
      };
      const onAbort = (): void => abandon(new CancelledError());
      const timer = setTimeout(() => abandon(new PythonTimeoutError(method, options.timeoutMs)), options.timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        method,
        resolve: (v) => {
          done();
          resolve(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      this.send({ ...body, op, id, method });
    });
  }

  /** Ends the process: closes stdin (the bridge exits), then signals it if it does not. */
  stop(): void {
    if (this.exited) return;
    this.send({ op: 'shutdown' });
    this.child.stdin.end();
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    kill.unref();
    this.child.once('exit', () => clearTimeout(kill));
  }

  private send(header: Readonly<Record<string, unknown>>): void {
    if (this.exited || !this.child.stdin.writable) return;
    this.child.stdin.write(encodeFrame(header));
  }

  private lastOutput(): string {
    return this.recentErr.slice(-5).join(' | ');
  }

  private handshake(): Promise<void> {
    const { child, options } = this;
    const decoder = new FrameDecoder();
    child.stdin.on('error', () => undefined); // EPIPE when the process is gone; 'exit' reports it
    this.pipeStderr();
    return new Promise<void>((resolve, reject) => {
      let phase: 'hello' | 'init' | 'ready' = 'hello';
      const fail = (reason: SetupReason, message: string, pythonType?: string): void => {
        if (phase === 'ready') return;
        phase = 'ready';
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new PythonSetupError(reason, options.interpreter, message, pythonType));
      };
      const timer = setTimeout(() => fail('bridge-failed', `${options.interpreter} did not start the IoT Explorer bridge within ${Math.round(options.startTimeoutMs / 1000)} s`), options.startTimeoutMs);
      child.on('error', (err: NodeJS.ErrnoException) => {
        fail(err.code === 'ENOENT' ? 'python-not-found' : 'bridge-failed', err.code === 'ENOENT' ? `no Python interpreter "${options.interpreter}" (not found on PATH)` : `cannot start ${options.interpreter}: ${err.message}`);
      });
      child.on('exit', (code, signal) => {
        this.exited = true;
        // Its last words may still be in the stderr pipe: wait for the pipe to end (children may hold it open: not long).
        const settle = setTimeout(() => ended(code, signal), 250);
        this.child.stderr.once('end', () => {
          clearTimeout(settle);
          ended(code, signal);
        });
      });
      let endedOnce = false;
      const ended = (code: number | null, signal: string | null): void => {
        if (endedOnce) return;
        endedOnce = true;
        const output = this.lastOutput();
        fail('bridge-failed', `${options.interpreter} exited (${signal ?? `code ${code}`}) before the bridge was ready${output ? `: ${output}` : ''}`);
        for (const p of [...this.pending.values()]) p.reject(new PythonProcessExitedError(p.method, code, signal, output));
        for (const l of this.exitListeners) l(code, signal);
      };
      child.stdout.on('data', (chunk: Buffer) => {
        let frames: Frame[];
        try {
          frames = decoder.push(chunk);
        } catch (err) {
          const text = chunk.subarray(0, 120).toString('utf8');
          if (phase !== 'ready') fail('bridge-failed', `${options.interpreter} is not running the IoT Explorer bridge (it wrote ${JSON.stringify(text)})`);
          else options.logger.error(`[python] protocol error, stopping the process: ${(err as Error).message}`);
          child.kill('SIGKILL');
          return;
        }
        for (const frame of frames) {
          const h = frame.header;
          options.onFrame?.({ op: String(h.op), headerBytes: frame.headerBytes, attachmentBytes: frame.attachments.reduce((n, a) => n + a.length, 0) });
          if (phase === 'hello' && h.op === 'hello') {
            phase = 'init';
            this.send({ op: 'init', factory: options.factory ?? null, kwargs: options.factoryKwargs ?? {}, secrets: options.secrets ?? {}, sysPath: options.sysPath ?? [], workers: options.workers });
          } else if (phase !== 'ready' && h.op === 'fatal') {
            fail(h.reason as SetupReason, redact(String(h.message)), h.type as string | undefined);
          } else if (phase === 'init' && h.op === 'ready') {
            phase = 'ready';
            clearTimeout(timer);
            this.info = readyInfoOf(h);
            resolve();
          } else if (phase === 'ready') {
            this.answer(frame);
          }
        }
      });
    });
  }

  private answer({ header, attachments }: Frame): void {
    const p = typeof header.id === 'number' ? this.pending.get(header.id) : undefined;
    if (!p) return; // cancelled or timed out: the late answer is dropped
    if (header.op === 'result') {
      try {
        p.resolve(decodeValue(header.value, attachments));
      } catch (err) {
        p.reject(new PythonCallError(p.method, 'ProtocolError', 'bridge', (err as Error).message));
      }
      return;
    }
    const message = redact(String(header.message ?? ''));
    if (header.validation === true) p.reject(new ValidationError(p.method, message));
    else p.reject(new PythonCallError(p.method, String(header.type), String(header.module ?? ''), message, typeof header.status === 'number' ? header.status : undefined));
  }

  private pipeStderr(): void {
    const { logger } = this.options;
    let partial = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => {
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const raw of lines) {
        const line = redact(raw);
        if (line.trim() === '') continue;
        this.recentErr.push(line.trim());
        if (this.recentErr.length > STDERR_LINES_KEPT) this.recentErr.shift();
        // Everything the process prints is the log's (tracebacks of failed calls included): at info, so it shows.
        logger.info(`[python ${this.child.pid}] ${line}`);
      }
    });
  }
}

/** The bridge's `ready` frame, field by field: it comes from another process. */
function readyInfoOf(h: Record<string, unknown>): ReadyInfo {
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    python: text(h.python),
    executable: text(h.executable),
    pid: typeof h.pid === 'number' ? h.pid : 0,
    sdkVersion: typeof h.sdkVersion === 'string' ? h.sdkVersion : null,
    factory: text(h.factory),
    client: text(h.client),
  };
}
