/**
 * Event history webview entry (bundled to dist/webview/eventHistory.js). Shows the rows the host sends,
 * filters them by text in the page, and asks the host for another query only when the form is valid.
 * Every platform string reaches the DOM through textContent.
 */
import './eventHistory.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { isHostToView, type EventRow, type HistoryQuery, type HostToView, type ShownState, type ViewToHost } from '../../src/shared/eventHistory/protocol';
import { MAX_TEXT } from '../../src/shared/webview/ipc';
import { useL10nBundle } from '../common/l10n';
import { vscodeApi } from '../common/vscodeApi';
import { cells, filterRows, formValues, readQuery, rowsStatus, type LocalOffset } from './form';
import { mount } from './view';

useL10nBundle();
const el = mount(document.getElementById('app') ?? document.body);
const api = vscodeApi();
const localOffset: LocalOffset = (at) => -new Date(at).getTimezoneOffset();
/** Severities the table colours; any other text gets no class. */
const SEVERITY_CLASSES = new Set(['Critical', 'High']);

let rows: readonly EventRow[] = [];
let failure: Extract<HostToView, { type: 'failed' }> | undefined;

const post = (message: ViewToHost): void => api.postMessage(message);

/** The text filter survives the page being reloaded while its tab is hidden. */
const saved = api.getState() as { filter?: unknown } | undefined;
el.text.value = typeof saved?.filter === 'string' ? saved.filter : '';

function fillForm(q: HistoryQuery): void {
  const v = formValues(q, localOffset);
  el.type.value = v.type;
  el.from.value = v.from;
  el.to.value = v.to;
  el.ack.value = v.ack;
}

function setStatus(text: string, error = false): void {
  el.status.textContent = text;
  el.status.classList.toggle('error', error);
}

function setBusy(busy: boolean): void {
  el.progress.hidden = !busy;
}

function render(): void {
  const shown = filterRows(rows, el.text.value);
  el.rows.replaceChildren(...shown.map((r) => {
    const tr = document.createElement('tr');
    cells(r).forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 2 && SEVERITY_CLASSES.has(r.severity)) td.className = `sev-${r.severity}`;
      tr.appendChild(td);
    });
    return tr;
  }));
  if (!failure) setStatus(rowsStatus(rows.length, shown.length, el.text.value));
}

function showFailure(f: Extract<HostToView, { type: 'failed' }>): void {
  failure = f;
  setBusy(false);
  setStatus(f.message, true);
  el.retry.hidden = !f.retry;
  el.showLog.hidden = f.logEntry === undefined;
}

function clearFailure(): void {
  failure = undefined;
  el.retry.hidden = true;
  el.showLog.hidden = true;
}

function shownState(): ShownState {
  const first = el.rows.querySelector('tr');
  return {
    status: (el.status.textContent ?? '').slice(0, MAX_TEXT),
    error: el.status.classList.contains('error'),
    rows: el.rows.rows.length,
    firstRow: first ? [...first.cells].map((c) => c.textContent ?? '') : [],
  };
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToView(msg)) return;
  switch (msg.type) {
    case 'init':
      document.title = msg.title;
      fillForm(msg.query);
      return;
    case 'loading':
      clearFailure();
      fillForm(msg.query);
      setBusy(true);
      setStatus(l10n.t('Loading…'));
      return;
    case 'events':
      clearFailure();
      fillForm(msg.query);
      setBusy(false);
      rows = msg.events;
      render();
      return;
    case 'failed':
      showFailure(msg);
      return;
    case 'request':
      post({ type: 'reply', requestId: msg.requestId, what: 'shown', value: shownState() });
      return;
  }
});

/** Sends the form as a query, or says what is wrong with it and sends nothing. */
function apply(): void {
  const r = readQuery({ type: el.type.value, from: el.from.value, to: el.to.value, ack: el.ack.value }, localOffset, Date.now());
  if (!r.ok) {
    setStatus(r.problem, true);
    return;
  }
  post({ type: 'query', query: r.query });
}

el.apply.addEventListener('click', apply);
for (const field of [el.from, el.to]) field.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') apply();
});
el.text.addEventListener('input', () => {
  api.setState({ filter: el.text.value });
  render();
});
el.retry.addEventListener('click', () => post({ type: 'retry' }));
el.showLog.addEventListener('click', () => {
  if (failure?.logEntry !== undefined) post({ type: 'showLog', entry: failure.logEntry });
});
window.addEventListener('error', (e) => post({ type: 'log', level: 'error', message: `${e.message} (${e.filename}:${e.lineno})`.slice(0, MAX_TEXT) }));
post({ type: 'ready' });
