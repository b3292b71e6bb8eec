/** The Monitor page's DOM: the toolbar, the status line, the per-topic counts and the message list. Wired in main.ts. */
import * as l10n from '@vscode/l10n';
import { htmlText as esc } from '../../src/shared/escape/html';

function markup(): string {
  return `
<header class="toolbar" role="toolbar">
  <vscode-button id="pause" secondary>${esc(l10n.t('Pause'))}</vscode-button>
  <vscode-button id="clear" secondary>${esc(l10n.t('Clear'))}</vscode-button>
  <vscode-button id="copy" secondary>${esc(l10n.t('Copy'))}</vscode-button>
  <span class="field grow"><vscode-textfield id="filter" type="search" placeholder="${esc(l10n.t('Filter: text, or a topic filter such as +/+/things/+/properties/#'))}"></vscode-textfield></span>
</header>
<div class="statusline">
  <span id="status" role="status" aria-live="polite">${esc(l10n.t('Connecting…'))}</span>
  <vscode-button id="retry" secondary hidden>${esc(l10n.t('Retry'))}</vscode-button>
  <span id="summary" class="summary"></span>
</div>
<div class="panes">
  <section class="counts" aria-label="${esc(l10n.t('Messages per topic'))}">
    <table>
      <thead><tr><th scope="col">${esc(l10n.t('Topic'))}</th><th scope="col" class="num">${esc(l10n.t('Messages'))}</th></tr></thead>
      <tbody id="counts"></tbody>
    </table>
  </section>
  <section class="messages" aria-label="${esc(l10n.t('Messages, newest first'))}">
    <ol id="rows" reversed></ol>
  </section>
</div>`;
}

export interface ValueLike extends HTMLElement { value: string }

export interface Elements {
  pause: HTMLElement; clear: HTMLElement; copy: HTMLElement; filter: ValueLike; status: HTMLElement; retry: HTMLElement;
  summary: HTMLElement; counts: HTMLTableSectionElement; rows: HTMLOListElement;
}

export function mount(root: HTMLElement): Elements {
  root.innerHTML = markup();
  const get = <T extends HTMLElement>(id: string): T => {
    const el = root.querySelector<T>(`#${id}`);
    if (!el) throw new Error(`monitor markup lacks #${id}`);
    return el;
  };
  return {
    pause: get('pause'), clear: get('clear'), copy: get('copy'), filter: get('filter'), status: get('status'), retry: get('retry'),
    summary: get('summary'), counts: get('counts'), rows: get('rows'),
  };
}
