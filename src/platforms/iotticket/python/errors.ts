/**
 * Typed errors of the Python backend. Setup problems say which piece is missing and on which interpreter;
 * exceptions of the SDK carry the Python type and message (the traceback goes to the log only); a process
 * that died mid-request fails its calls with what is known (exit code, signal, the last lines it printed).
 */
import { PlatformError } from '../../http';

/** Why the backend cannot start or serve. */
export type SetupReason =
  /** No executable at the interpreter path. */
  | 'python-not-found'
  /** The interpreter is older than the bridge needs (3.8). */
  | 'python-too-old'
  /** `import das.iot_client` failed in that interpreter. */
  | 'sdk-not-importable'
  /** The factory (`module:callable`) could not be imported. */
  | 'factory-not-found'
  /** The factory (by default `IoTClient()`) raised. */
  | 'factory-failed'
  /** The process exited, or did not answer, before it was ready. */
  | 'bridge-failed';

/** Setup reasons that another start cannot fix; the backend fails at once, until `restart()`. */
export const PERMANENT_SETUP_REASONS: ReadonlySet<SetupReason> = new Set(['python-not-found', 'python-too-old', 'sdk-not-importable', 'factory-not-found']);

/** The backend could not start: which piece is missing, on which interpreter, and the Python error if any. */
export class PythonSetupError extends PlatformError {
  override readonly name = 'PythonSetupError';
  constructor(
    readonly reason: SetupReason,
    /** The interpreter path as configured. */
    readonly interpreter: string,
    message: string,
    /** The Python exception, e.g. `ModuleNotFoundError` (none for a missing interpreter). */
    readonly pythonType?: string,
  ) {
    super(message, 'backend');
  }
}

/** The SDK raised something other than a ValueError (those become ValidationErrors). */
export class PythonCallError extends PlatformError {
  override readonly name = 'PythonCallError';
  constructor(
    /** The das method, e.g. `get_timeseries`. */
    readonly method: string,
    /** Python's exception class name, e.g. `HTTPError`, `Exception`. */
    readonly pythonType: string,
    /** Its module, e.g. `requests.exceptions`. */
    readonly pythonModule: string,
    /** The exception's message as Python gave it (redacted). */
    readonly pythonMessage: string,
    /** `response.status_code`, when the exception carried an HTTP response (requests.HTTPError). */
    readonly status?: number,
  ) {
    super(`das.iot_client ${method} raised ${pythonType}: ${pythonMessage}`, 'backend');
  }
}

/**
 * The Python process ended while the call was in flight. Kind `network`: like a dropped connection, the
 * platform may or may not have applied a write; nothing is repeated by the backend.
 */
export class PythonProcessExitedError extends PlatformError {
  override readonly name = 'PythonProcessExitedError';
  constructor(
    readonly method: string,
    readonly exitCode: number | null,
    readonly signal: string | null,
    /** The last lines the process wrote to stderr (redacted), for the message. */
    readonly lastOutput: string,
  ) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    super(`the Python process of das.iot_client ${how} while ${method} was in flight; the platform may or may not have applied it${lastOutput ? `. Last output: ${lastOutput}` : ''}`, 'network');
  }
}

/** A call took longer than its timeout. The process is kept; a running Python call cannot be interrupted. */
export class PythonTimeoutError extends PlatformError {
  override readonly name = 'PythonTimeoutError';
  constructor(readonly method: string, readonly timeoutMs: number) {
    super(`das.iot_client ${method} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}; the platform may or may not have applied it`, 'timeout');
  }
}

/** The backend gave up after repeated failed starts, or was disposed; `cause` says why. */
export class PythonBackendFailedError extends PlatformError {
  override readonly name = 'PythonBackendFailedError';
  constructor(message: string, override readonly cause?: Error) {
    super(message, 'backend', undefined, { cause });
  }
}

/** The das SDK has no equivalent for this function of the direct-HTTP client. */
export class NotInSdkError extends PlatformError {
  override readonly name = 'NotInSdkError';
  constructor(readonly what: string) {
    super(`${what} is not available through das.iot_client; use a direct-HTTP connection for it`, 'backend');
  }
}
