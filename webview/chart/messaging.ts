/** The webview end of the chart protocol: typed posting, typed receiving, and the persisted state. */
import { isHostToView, type HostToView, type ViewToHost } from '../../src/shared/chart/protocol';
import { type ChartWebviewState } from '../../src/shared/chart/viewOptions';
import { MAX_TEXT, type LogLevel } from '../../src/shared/webview/ipc';
import { vscodeApi } from '../common/vscodeApi';

export function post(message: ViewToHost): void {
  vscodeApi().postMessage(message);
}

export function onMessage(handler: (message: HostToView) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isHostToView(event.data)) handler(event.data);
  });
}

export function loadState(): ChartWebviewState | undefined {
  const s = vscodeApi().getState() as ChartWebviewState | undefined;
  return s && s.version === 1 ? s : undefined;
}

/** Saved by VS Code with the panel; handed to the serializer after a reload. */
export function saveState(state: ChartWebviewState): void {
  vscodeApi().setState(state);
}

export function log(level: LogLevel, message: string): void {
  post({ type: 'log', level, message: message.slice(0, MAX_TEXT) });
}
