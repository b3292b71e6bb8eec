/**
 * Altair live over MQTT in the extension: the hub of live clients, the inline features' pushed values,
 * the "live · MQTT" / "polling every N s" status bar item, "Monitor Thing…" and the MQTT credentials
 * (created only with the user's consent, offered for deletion with the connection).
 */
import * as vscode from 'vscode';
import type { CommandKernel } from '../commands/kernel';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionProfile } from '../connections/profile';
import type { AltairSession, SessionManager } from '../connections/sessionManager';
import { inlineSettings } from '../inline/settings';
import type { ExplorerLog } from '../log';
import type { MqttOwner } from '../platforms/altair/mqtt';
import { errorMessage } from '../platforms/http';
import { iconText } from '../shared/escape/message';
import { refAs } from '../shared/refs';
import { MonitorPanel } from '../webviews/monitor/monitorPanel';
import { AltairLiveHub } from './altairLiveHub';
import { ownerText, summaryText } from './liveStatusText';
import { summarize } from './liveSummary';
import { HubChartPush } from './chartPush';
import { HubValueSource } from './liveValueSource';
import { MqttCredentialStore } from './mqttCredentials';

export interface LiveDeps {
  readonly commands: CommandKernel;
  readonly store: ConnectionStore;
  readonly sessions: SessionManager;
  readonly log: ExplorerLog;
  readonly extensionUri: vscode.Uri;
}

export interface LiveApi extends vscode.Disposable {
  readonly hub: AltairLiveHub<AltairSession>;
  readonly values: HubValueSource<AltairSession>;
  /** Live charts' pushed points. */
  readonly chartPush: HubChartPush<AltairSession>;
  readonly credentials: MqttCredentialStore;
  readonly statusItem: vscode.StatusBarItem;
  /** Monitor panels opened (tests read them). */
  readonly monitors: readonly MonitorPanel[];
  /** Before a connection is removed: offers to delete its MQTT credentials on the platform. */
  beforeRemove(profile: ConnectionProfile): Promise<void>;
}

function ownerLabel(owner: MqttOwner): string {
  return owner.kind === 'thing' ? owner.uid : owner.category;
}

export function registerLive(deps: LiveDeps): LiveApi {
  const { store, sessions, log } = deps;
  const credentials = new MqttCredentialStore(store);
  const hub = new AltairLiveHub<AltairSession>({
    session: (id) => sessions.altair(id),
    credential: (session, owner, label, ask) => credentials.ensure(session, owner, label, ask),
    forget: (session, owner) => credentials.forget(session.profile, owner),
    log,
    backoff: { initialMs: 1000, maxMs: 30_000 },
  });
  const values = new HubValueSource(hub);
  const chartPush = new HubChartPush(hub, summaryText);
  const monitors: MonitorPanel[] = [];

  const item = vscode.window.createStatusBarItem('iotExplorer.live', vscode.StatusBarAlignment.Right, 91);
  item.name = vscode.l10n.t('IoT Explorer live values');
  item.command = 'iotExplorer.liveStatus';
  const update = (): void => {
    const states = hub.states();
    if (states.length === 0) {
      item.hide();
      return;
    }
    const summary = summarize(states);
    const icon = summary.mode === 'mqtt' ? '$(broadcast)' : summary.mode === 'disconnected' ? '$(debug-disconnect)' : '$(sync)';
    item.text = `${icon} ${summaryText(summary, inlineSettings.pollIntervalMs() / 1000)}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendText(vscode.l10n.t('Altair values:'));
    for (const s of states) md.appendMarkdown('\n\n').appendText(`${ownerLabel(s.owner)}: ${ownerText(s)}`);
    item.tooltip = md;
    item.backgroundColor = summary.mode === 'disconnected' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const changed = hub.onDidChange(() => update());

  const monitor = async (connectionId: string, owner: MqttOwner, label: string): Promise<MonitorPanel> => {
    const panel = MonitorPanel.show(deps.extensionUri, { connectionId, owner, label, source: hub, log });
    monitors.push(panel);
    panel.panel.onDidDispose(() => monitors.splice(monitors.indexOf(panel), 1));
    await panel.whenStarted();
    return panel;
  };

  const disposables: vscode.Disposable[] = [
    deps.commands.register('iotExplorer.monitorThing', async (call) => {
      const node = call.targets()[0];
      const thing = refAs(node?.ref, 'altair-thing');
      const category = refAs(node?.ref, 'altair-category');
      if (thing) return monitor(thing.connectionId, { kind: 'thing', space: thing.space, uid: thing.thingId }, node?.label ?? thing.thingId);
      if (category) return monitor(category.connectionId, { kind: 'category', space: category.space, category: category.category }, category.category);
      void vscode.window.showInformationMessage(vscode.l10n.t('Select an Altair Thing or Category in the IoT Explorer view to monitor.'));
      return undefined;
    }),
    deps.commands.register('iotExplorer.liveStatus', async () => {
      // Things polled for want of credentials can go live here: creating them asks first (a write).
      const states = hub.states();
      const items = states.map((s) => ({
        label: iconText(ownerLabel(s.owner), 100),
        description: ownerText(s),
        state: s,
      }));
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Live values: pick a Thing to connect over MQTT') });
      if (!picked) return undefined;
      const w = await hub.watch(picked.state.connectionId, picked.state.owner, ownerLabel(picked.state.owner), true);
      w.dispose();
      return hub.state(picked.state.connectionId, picked.state.owner);
    }),
    changed,
    item,
    values,
  ];

  return {
    hub,
    values,
    chartPush,
    credentials,
    statusItem: item,
    monitors,
    async beforeRemove(profile) {
      // The caller asks only for connections that may push values; the demo's credentials die with its emulator.
      if (profile.demo) return;
      let session: AltairSession;
      try {
        session = await sessions.altair(profile.id);
      } catch (err) {
        log.warn(`MQTT credentials of "${profile.label}" not offered for deletion: ${String(err)}`);
        return;
      }
      try {
        const n = await credentials.offerDeletion(session);
        if (n > 0) log.info(`Deleted ${n} MQTT credential(s) of "${profile.label}" on the platform`);
      } catch (err) {
        // The connection still goes; what stays on the platform is said, with the platform's words.
        const entry = log.error(`Deleting the MQTT credentials of "${profile.label}" failed`, err);
        void vscode.window.showWarningMessage(vscode.l10n.t('The MQTT credentials could not all be deleted on the platform: {0}', errorMessage(err)), vscode.l10n.t('Show Log')).then((a) => {
          if (a) void vscode.commands.executeCommand('iotExplorer.showLogEntry', entry);
        });
      }
    },
    dispose() {
      for (const m of [...monitors]) m.dispose();
      for (const d of disposables) d.dispose();
      void hub.dispose();
    },
  };
}
