/**
 * Monitor Thing webview entry (bundled to dist/webview/monitor.js): the MQTT messages the host forwards,
 * newest first, with pause, a filter, copy and a count per topic. Every topic, payload and status text
 * reaches the DOM through textContent.
 */
import './monitor.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import { isHostToView, type MonitorRow, type MonitorShown, type MonitorStatus, type ViewToHost } from '../../src/shared/monitor/protocol';
import { MAX_TEXT } from '../../src/shared/webview/ipc';
import { useL10nBundle } from '../common/l10n';
import { vscodeApi } from '../common/vscodeApi';
import { addRows, clear, copyText, emptyModel, setPaused, topicCounts, visibleRows } from './model';
import { mount } from './view';

/** Rows drawn at once; the rest stay in the model (and in Copy). */
const MAX_DRAWN = 500;

useL10nBundle();
const el = mount(document.getElementById('app') ?? document.body);
const api = vscodeApi();
const model = emptyModel();
let status: MonitorStatus | undefined;
let drawPending = false;

const post = (message: ViewToHost): void => api.postMessage(message);

const saved = api.getState() as { filter?: unknown } | undefined;
el.filter.value = typeof saved?.filter === 'string' ? saved.filter : '';

function rowElement(r: MonitorRow): HTMLLIElement {
  const li = document.createElement('li');
  const meta = document.createElement('div');
  meta.className = 'meta';
  const time = document.createElement('span');
  time.textContent = new Date(r.receivedAt).toLocaleTimeString();
  const topic = document.createElement('span');
  topic.className = 'topic';
  topic.textContent = r.topic;
  meta.append(time, topic);
  const pre = document.createElement('pre');
  pre.textContent = r.text;
  li.append(meta, pre);
  return li;
}

function draw(): void {
  drawPending = false;
  const shown = visibleRows(model, el.filter.value);
  const newest = shown.slice(-MAX_DRAWN).reverse();
  el.rows.replaceChildren(...newest.map(rowElement));
  el.counts.replaceChildren(...topicCounts(model).map(({ topic, count }) => {
    const tr = document.createElement('tr');
    const t = document.createElement('td');
    t.textContent = topic;
    const c = document.createElement('td');
    c.className = 'num';
    c.textContent = String(count);
    tr.append(t, c);
    return tr;
  }));
  const parts = [l10n.t('{0} received', model.received), l10n.t('{0} shown', shown.length)];
  if (model.paused) parts.push(l10n.t('paused, {0} held', model.held.length));
  el.summary.textContent = parts.join(' · ');
  el.pause.textContent = model.paused ? l10n.t('Resume') : l10n.t('Pause');
}

/** Messages may arrive many per second: drawing waits for the next frame. */
function scheduleDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(draw);
}

function showStatus(s: MonitorStatus): void {
  status = s;
  el.status.textContent = s.text;
  el.status.classList.toggle('live', s.state === 'live');
  el.status.classList.toggle('error', s.state === 'failed');
  el.retry.hidden = !s.retry;
}

function shown(): MonitorShown {
  const first = el.rows.querySelector('li');
  return {
    status: (el.status.textContent ?? '').slice(0, MAX_TEXT),
    paused: model.paused,
    rows: el.rows.children.length,
    received: model.received,
    counts: topicCounts(model),
    ...(first ? { newest: { topic: first.querySelector('.topic')?.textContent ?? '', text: first.querySelector('pre')?.textContent ?? '' } } : {}),
  };
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostToView(msg)) return;
  switch (msg.type) {
    case 'init':
      document.title = msg.title;
      return;
    case 'status':
      showStatus(msg.status);
      return;
    case 'messages':
      addRows(model, msg.rows);
      scheduleDraw();
      return;
    case 'request':
      // Drawn first, so that the answer is what the page shows.
      draw();
      post({ type: 'reply', requestId: msg.requestId, what: 'shown', value: shown() });
      return;
  }
});

el.pause.addEventListener('click', () => {
  setPaused(model, !model.paused);
  draw();
});
el.clear.addEventListener('click', () => {
  clear(model);
  draw();
});
el.copy.addEventListener('click', () => post({ type: 'copy', text: copyText(visibleRows(model, el.filter.value)) }));
el.filter.addEventListener('input', () => {
  api.setState({ filter: el.filter.value });
  scheduleDraw();
});
el.retry.addEventListener('click', () => {
  if (status?.retry) post({ type: 'retry' });
});
window.addEventListener('error', (e) => post({ type: 'log', level: 'error', message: `${e.message} (${e.filename}:${e.lineno})`.slice(0, MAX_TEXT) }));
draw();
post({ type: 'ready' });
