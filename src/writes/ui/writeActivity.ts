/** A write's entry in the Activity view: what was done, to what, how it ended and where to find the target. */
import * as vscode from 'vscode';
import type { ActivityEntry, ActivityOutcome } from '../../activity/activityLog';
import type { EntityRef } from '../../shared/refs';
import type { OutcomeResult, WriteOutcome } from '../model/outcome';
import type { WriteSpec } from '../model/writeSpec';

const OUTCOMES: Readonly<Record<OutcomeResult, ActivityOutcome>> = {
  ok: 'succeeded',
  accepted: 'succeeded',
  refused: 'refused',
  failed: 'failed',
  partial: 'failed',
  unknown: 'failed',
};

export function writeActivity(spec: WriteSpec, outcome: WriteOutcome, connectionLabel: string, space: string | undefined): Omit<ActivityEntry, 'id' | 'time'> {
  return {
    connectionId: spec.connection,
    connectionLabel,
    action: actionOf(spec),
    target: spec.label ?? targetOf(spec),
    outcome: OUTCOMES[outcome.result],
    detail: outcome.meaning ? `${outcome.summary}\n${outcome.meaning}` : outcome.summary,
    ref: refOf(spec, space),
  };
}

function actionOf(spec: WriteSpec): string {
  switch (spec.kind) {
    case 'iotticket.command': return vscode.l10n.t('Send command');
    case 'iotticket.control': return vscode.l10n.t('Send control command');
    case 'iotticket.static': return vscode.l10n.t('Set value');
    case 'iotticket.calculated': return vscode.l10n.t('Write calculated values');
    case 'iotticket.telemetry': return vscode.l10n.t('Write telemetry');
    case 'iotticket.timesignals': return vscode.l10n.t('Write time signals');
    case 'iotticket.deviceEvents': return vscode.l10n.t('Write device events');
    case 'altair.action': return vscode.l10n.t('Invoke action');
    case 'altair.event': return vscode.l10n.t('Create event');
    case 'altair.properties': return vscode.l10n.t('Update properties');
    case 'altair.email': return vscode.l10n.t('Send e-mail');
  }
}

function targetOf(spec: WriteSpec): string {
  switch (spec.kind) {
    case 'iotticket.command':
    case 'iotticket.control':
    case 'iotticket.static': return `${spec.attributeId} (${spec.assetId})`;
    case 'iotticket.calculated': return spec.assetId;
    case 'iotticket.telemetry':
    case 'iotticket.timesignals':
    case 'iotticket.deviceEvents': return spec.deviceId;
    case 'altair.action': return `${spec.action} (${spec.thingId})`;
    case 'altair.event': return `${spec.event} (${spec.thingId})`;
    case 'altair.properties': return `${Object.keys(spec.properties).join(', ')} (${spec.thingId})`;
    case 'altair.email': return spec.to.join(', ');
  }
}

/** The entity the Activity entry leads back to. */
function refOf(spec: WriteSpec, space: string | undefined): EntityRef | undefined {
  const connectionId = spec.connection;
  switch (spec.kind) {
    case 'iotticket.command':
    case 'iotticket.control':
    case 'iotticket.static': return { kind: 'iotticket-attribute', connectionId, assetId: spec.assetId, attributeId: spec.attributeId };
    case 'iotticket.calculated': return { kind: 'iotticket-asset', connectionId, assetId: spec.assetId };
    case 'iotticket.telemetry':
    case 'iotticket.timesignals':
    case 'iotticket.deviceEvents': return { kind: 'iotticket-device', connectionId, deviceId: spec.deviceId };
    case 'altair.action':
    case 'altair.event':
    case 'altair.properties': return space ? { kind: 'altair-thing', connectionId, space, thingId: spec.thingId } : { kind: 'connection', connectionId };
    case 'altair.email': return { kind: 'connection', connectionId };
  }
}
