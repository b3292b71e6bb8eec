/** The words of the live status: the status bar item and the Monitor Thing panel say the same. */
import * as vscode from 'vscode';
import type { OwnerState } from './altairLiveHub';
import type { LiveSummary } from './liveSummary';

export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString();
}

/** "live · MQTT", "polling every 30 s", "polling every 30 s · MQTT disconnected since 22:10:04". */
export function summaryText(s: LiveSummary, pollSeconds: number): string {
  switch (s.mode) {
    case 'mqtt':
      return vscode.l10n.t('live · MQTT');
    case 'disconnected':
      return vscode.l10n.t('polling every {0} s · MQTT disconnected since {1}', pollSeconds, clockTime(s.since));
    case 'polling':
      return vscode.l10n.t('polling every {0} s', pollSeconds);
  }
}

/** Why values are polled, for tooltips and the panel. */
export function notLiveText(state: OwnerState | undefined): string | undefined {
  switch (state?.notLive) {
    case 'no-broker':
      return vscode.l10n.t('The connection has no MQTT broker: set "mqttUrl" in its entry of the iotExplorer.connections setting.');
    case 'no-credentials':
      return vscode.l10n.t('No MQTT credentials were created for it yet (creating them is a write, done only when you agree).');
    case 'failed':
      return state.error ? vscode.l10n.t('MQTT failed: {0}', state.error) : vscode.l10n.t('MQTT failed.');
    default:
      return undefined;
  }
}

/** One owner's state as a line: connected since, disconnected since, or why not. */
export function ownerText(state: OwnerState | undefined): string {
  const s = state?.status;
  if (s?.state === 'connected') {
    return s.refused.length > 0
      ? vscode.l10n.t('Live · MQTT since {0} ({1} topic(s) refused by the broker)', clockTime(s.since), s.refused.length)
      : vscode.l10n.t('Live · MQTT since {0}', clockTime(s.since));
  }
  if (s?.state === 'reconnecting') {
    return s.error
      ? vscode.l10n.t('Disconnected since {0} · reconnecting (attempt {1}): {2}', clockTime(s.since), s.attempt, s.error)
      : vscode.l10n.t('Disconnected since {0} · reconnecting (attempt {1})', clockTime(s.since), s.attempt);
  }
  if (s?.state === 'failed') return vscode.l10n.t('MQTT failed: {0}', s.error);
  return notLiveText(state) ?? vscode.l10n.t('Connecting…');
}
