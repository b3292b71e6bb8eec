/** The event-history page's DOM: the filter bar, the status line with retry and log links, the table. Wired in main.ts. */
import * as l10n from '@vscode/l10n';
import { EVENT_TYPE_FILTERS } from '../../src/shared/eventHistory/protocol';
import { htmlText as esc } from '../../src/shared/escape/html';

const options = (items: readonly (readonly [string, string])[]): string =>
  items.map(([value, label]) => `<vscode-option value="${esc(value)}">${esc(label)}</vscode-option>`).join('');

function markup(): string {
  const columns = [l10n.t('Activated'), l10n.t('Cleared'), l10n.t('Severity'), l10n.t('Type'), l10n.t('Message'), l10n.t('Asset'), l10n.t('Group'), l10n.t('Acknowledged')];
  return `
<header class="filters" role="search">
  <span class="field"><vscode-label for="type">${esc(l10n.t('Type'))}</vscode-label>
    <vscode-single-select id="type">${options([['', l10n.t('All')], ...EVENT_TYPE_FILTERS.map((t) => [t, t] as const)])}</vscode-single-select></span>
  <span class="field"><vscode-label for="from">${esc(l10n.t('From'))}</vscode-label>
    <vscode-textfield id="from" type="datetime-local"></vscode-textfield></span>
  <span class="field"><vscode-label for="to">${esc(l10n.t('To'))}</vscode-label>
    <vscode-textfield id="to" type="datetime-local"></vscode-textfield></span>
  <span class="field"><vscode-label for="ack">${esc(l10n.t('Acknowledged'))}</vscode-label>
    <vscode-single-select id="ack">${options([['all', l10n.t('All')], ['acknowledged', l10n.t('Acknowledged only')], ['unacknowledged', l10n.t('Not acknowledged')]])}</vscode-single-select></span>
  <vscode-button id="apply">${esc(l10n.t('Apply'))}</vscode-button>
  <span class="field grow"><vscode-label for="text">${esc(l10n.t('Filter rows'))}</vscode-label>
    <vscode-textfield id="text" type="search" placeholder="${esc(l10n.t('Text in any column'))}"></vscode-textfield></span>
</header>
<vscode-progress-bar id="progress" hidden></vscode-progress-bar>
<div class="statusline">
  <span id="status" role="status" aria-live="polite">${esc(l10n.t('Loading…'))}</span>
  <vscode-button id="retry" secondary hidden>${esc(l10n.t('Retry'))}</vscode-button>
  <vscode-button id="showLog" secondary hidden>${esc(l10n.t('Show Log'))}</vscode-button>
</div>
<div class="table">
  <table>
    <thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>
    <tbody id="rows"></tbody>
  </table>
</div>`;
}

export interface ValueLike extends HTMLElement { value: string }

export interface Elements {
  type: ValueLike; from: ValueLike; to: ValueLike; ack: ValueLike; apply: HTMLElement; text: ValueLike;
  progress: HTMLElement; status: HTMLElement; retry: HTMLElement; showLog: HTMLElement; rows: HTMLTableSectionElement;
}

export function mount(root: HTMLElement): Elements {
  root.innerHTML = markup();
  const get = <T extends HTMLElement>(id: string): T => {
    const el = root.querySelector<T>(`#${id}`);
    if (!el) throw new Error(`event history markup lacks #${id}`);
    return el;
  };
  return {
    type: get('type'), from: get('from'), to: get('to'), ack: get('ack'), apply: get('apply'), text: get('text'),
    progress: get('progress'), status: get('status'), retry: get('retry'), showLog: get('showLog'), rows: get('rows'),
  };
}
