/**
 * The IoT-TICKET write flows started from the tree: each asks for what the target needs (a form from the
 * command's template, a draft file for a dynamic payload, the current static value to edit, a file or a
 * few values for calculated and telemetry writes) and hands the resulting spec to the send runner.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import { EVENT_SEVERITIES, EVENT_TYPES } from '../../platforms/iotticket/enums';
import type { FormField } from '../model/formFields';
import { templateFields } from '../model/templateForm';
import type { WriteSpec } from '../model/writeSpec';
import { lastSpec, openDraft, sendAndRefresh, type FlowDeps } from './deps';
import { askFields } from './formInput';
import { iotAssetOf, iotAttributeOf, iotDeviceOf, type IotAttributeTarget } from './nodeTargets';
import type { SendResult } from './sendRunner';
import { formatCommandLog, readCommandLog } from '../send/commandLog';
import { isTemplated } from '../send/iotticketWrites';

function requireAttribute(node: TreeNode | undefined, types: readonly string[], what: string): IotAttributeTarget {
  const target = iotAttributeOf(node);
  if (!target || !types.includes(target.attribute.type)) throw new ValidationError('node', vscode.l10n.t('Run "{0}" on a {1} attribute in the IoT Explorer view.', what, types.join('/')));
  return target;
}

const nowIso = (): string => new Date().toISOString();

/** send_command: a form from the template for Templated commands, a draft JSON file for Dynamic ones. */
export async function sendCommandFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireAttribute(node, ['Command'], vscode.l10n.t('Send Command'));
  const base = { kind: 'iotticket.command', connection: t.connectionId, assetId: t.assetId, attributeId: t.attribute.id, label: t.attribute.name } as const;
  const previous = lastSpec(deps, { ...base, payload: null });
  if (!isTemplated(t.attribute, false)) {
    await openDraft(deps, `${t.connectionId}-${t.assetId}-${t.attribute.id}`, { ...base, payload: previous?.payload ?? {} });
    return undefined;
  }
  const fields = templateFields(t.attribute.payloadTemplate ?? undefined, t.attribute.templateVariables ?? []);
  const values = await askFields(vscode.l10n.t('Send {0}', t.attribute.name), fields, previous?.templateVariables ?? {});
  if (!values) return undefined;
  const scope = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('This asset only'), description: t.assetName, aggregated: false },
      { label: vscode.l10n.t('This asset and all its sub-assets (aggregated)'), description: vscode.l10n.t('asks for confirmation with the number of targets'), aggregated: true },
    ],
    { title: vscode.l10n.t('Send {0} to', t.attribute.name), ignoreFocusOut: true },
  );
  if (!scope) return undefined;
  const templateVariables = Object.fromEntries(fields.map((f, i) => [f.key!, values[i]]));
  return sendAndRefresh(deps, { ...base, templateVariables, aggregated: scope.aggregated }, node);
}

/** send_control_command: the desired value (typed by the attribute's data type) and skip-first-command. */
export async function sendControlFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireAttribute(node, ['Command'], vscode.l10n.t('Send Control Command'));
  const numeric = /^(double|long|integer|number)$/i.test(t.attribute.dataType ?? '');
  const fields: FormField[] = [
    { path: 'desiredValue', key: 'desiredValue', label: vscode.l10n.t('Desired value'), kind: numeric ? 'number' : t.attribute.dataType === 'boolean' ? 'boolean' : 'json', required: true, unit: t.attribute.unit },
    { path: 'skipFirstCommand', key: 'skipFirstCommand', label: vscode.l10n.t('Skip the first command'), kind: 'boolean', required: true, defaultValue: false, description: vscode.l10n.t('true: send nothing now, only later if the value is not reached') },
  ];
  const previous = lastSpec(deps, { kind: 'iotticket.control', connection: t.connectionId, assetId: t.assetId, attributeId: t.attribute.id, desiredValue: null });
  const values = await askFields(vscode.l10n.t('Control {0}', t.attribute.name), fields, previous ? { desiredValue: previous.desiredValue } : {});
  if (!values) return undefined;
  return sendAndRefresh(deps, { kind: 'iotticket.control', connection: t.connectionId, assetId: t.assetId, attributeId: t.attribute.id, label: t.attribute.name, desiredValue: values[0], skipFirstCommand: values[1] === true }, node);
}

/** Edits a Number or String attribute's value in place (an input box holding the current value). */
export async function editStaticFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireAttribute(node, ['Number', 'String'], vscode.l10n.t('Edit Value'));
  const current = t.attribute.value;
  const isNumber = t.attribute.type === 'Number';
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} of {1}', t.attribute.name, t.assetName ?? t.assetId),
    prompt: isNumber ? vscode.l10n.t('A number{0}', t.attribute.unit ? ` (${t.attribute.unit})` : '') : vscode.l10n.t('Text'),
    value: current === undefined || current === null ? '' : String(current),
    ignoreFocusOut: true,
    validateInput: (v) => (isNumber && (v.trim() === '' || !Number.isFinite(Number(v))) ? vscode.l10n.t('"{0}" is not a number', v) : undefined),
  });
  if (text === undefined) return undefined;
  const value = isNumber ? Number(text) : text;
  return sendAndRefresh(deps, { kind: 'iotticket.static', connection: t.connectionId, assetId: t.assetId, attributeId: t.attribute.id, label: t.attribute.name, value }, node);
}

/** Files in the workspace a write can read (CSV for telemetry; CSV or JSON for calculated values). */
async function pickDataFile(extensions: readonly string[], title: string): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, '**/{node_modules,.git,out,dist}/**', 200);
  const browse = { label: vscode.l10n.t('$(folder-opened) Browse…'), path: '' };
  const items = [...found.map((u) => ({ label: vscode.workspace.asRelativePath(u), path: u.fsPath })), browse];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('A file in the workspace'), ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked !== browse) return picked.path;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Data: [...extensions] }, title });
  return chosen?.[0]?.fsPath;
}

/** write_calculated from a CSV/JSON file, or one value typed into a form. */
export async function writeCalculatedFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const asset = iotAssetOf(node);
  if (!asset) throw new ValidationError('node', vscode.l10n.t('Run "Write Calculated Values" on an asset or a Calculated attribute.'));
  const attr = iotAttributeOf(node);
  const single = attr?.attribute.type === 'Calculated' ? attr.attribute : undefined;
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('From a CSV or JSON file…'), description: vscode.l10n.t('timestamp column + one column per Calculated attribute (name or id)'), file: true },
      ...(single ? [{ label: vscode.l10n.t('Enter a value…'), description: single.name, file: false }] : []),
    ],
    { title: vscode.l10n.t('Calculated values for {0}', asset.name), ignoreFocusOut: true },
  );
  if (!choice) return undefined;
  const base = { kind: 'iotticket.calculated', connection: asset.connectionId, assetId: asset.assetId } as const;
  if (choice.file) {
    const file = await pickDataFile(['csv', 'json'], vscode.l10n.t('Calculated values file'));
    if (!file) return undefined;
    return sendAndRefresh(deps, { ...base, file }, node);
  }
  const values = await askFields(vscode.l10n.t('{0} of {1}', single!.name, asset.name), [
    { path: 'value', key: 'v', label: single!.name, kind: 'number', required: true, unit: single!.unit },
    { path: 'timestamp', key: 'ts', label: vscode.l10n.t('Timestamp (ISO 8601 or epoch ms)'), kind: 'string', required: true, defaultValue: nowIso() },
  ]);
  if (!values) return undefined;
  return sendAndRefresh(deps, { ...base, label: single!.name, values: { [single!.id]: [{ ts: values[1] as string, v: values[0] as number }] } }, node);
}

/** write_telemetry as the device: a CSV file (optionally as a telemetry set), or one value of an attribute's telemetry. */
export async function writeTelemetryFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const device = iotDeviceOf(node);
  if (!device) throw new ValidationError('node', vscode.l10n.t('Run "Write Telemetry" on a device or a TelemetryData attribute bound to one.'));
  const a = device.attribute?.type === 'TelemetryData' ? device.attribute : undefined;
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('From a CSV file…'), description: vscode.l10n.t('timestamp, then one column per measurement ("Name[:type] [unit]")'), file: true },
      { label: vscode.l10n.t('Enter a value…'), description: a ? a.telemetryName ?? a.name : undefined, file: false },
    ],
    { title: vscode.l10n.t('Telemetry as device {0}', device.deviceId), ignoreFocusOut: true },
  );
  if (!choice) return undefined;
  const base = { kind: 'iotticket.telemetry', connection: device.connectionId, deviceId: device.deviceId } as const;
  if (choice.file) {
    const file = await pickDataFile(['csv', 'tsv', 'txt'], vscode.l10n.t('Telemetry CSV file'));
    if (!file) return undefined;
    const setId = await vscode.window.showInputBox({
      title: vscode.l10n.t('Telemetry set id (optional)'),
      prompt: vscode.l10n.t('Leave empty to write separate telemetry items (empty cells are skipped); give a set id to write each row as one telemetry set (then no cell may be empty).'),
      ignoreFocusOut: true,
    });
    if (setId === undefined) return undefined;
    return sendAndRefresh(deps, { ...base, file, ...(setId.trim() ? { setId: setId.trim() } : {}) }, node);
  }
  const fields: FormField[] = [
    { path: 'name', key: 'name', label: vscode.l10n.t('Measurement name'), kind: 'string', required: true, defaultValue: a?.telemetryName ?? a?.name },
    { path: 'value', key: 'value', label: vscode.l10n.t('Value'), kind: a?.dataType === 'string' ? 'string' : a?.dataType === 'boolean' ? 'boolean' : 'number', required: true, unit: a?.unit },
    { path: 'unit', key: 'unit', label: vscode.l10n.t('Unit'), kind: 'string', required: false, defaultValue: a?.unit || undefined },
    { path: 'timestamp', key: 'timestamp', label: vscode.l10n.t('Timestamp (ISO 8601 or epoch ms)'), kind: 'string', required: true, defaultValue: nowIso() },
  ];
  const values = await askFields(vscode.l10n.t('Telemetry as device {0}', device.deviceId), fields);
  if (!values) return undefined;
  const [name, value, unit, timestamp] = values as [string, unknown, string | undefined, string];
  const spec: WriteSpec = { ...base, rows: [{ timestamp, [name]: value }], ...(unit ? { units: { [name]: unit } } : {}) };
  return sendAndRefresh(deps, spec, node);
}

/** write_timesignal as the device. */
export async function writeTimesignalFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const device = iotDeviceOf(node);
  if (!device) throw new ValidationError('node', vscode.l10n.t('Run "Write Time Signal" on a device or a TelemetryData attribute bound to one.'));
  const a = device.attribute;
  const values = await askFields(vscode.l10n.t('Time signal as device {0}', device.deviceId), [
    { path: 'timesignals[0].n', key: 'n', label: vscode.l10n.t('Attribute identifier name'), kind: 'string', required: true, defaultValue: a?.telemetryName ?? a?.name },
    { path: 'timesignals[0].id', key: 'id', label: vscode.l10n.t('Time signal id (≤255 characters)'), kind: 'string', required: true, defaultValue: `signal-${Date.now()}` },
    { path: 'timesignals[0].ts', key: 'ts', label: vscode.l10n.t('Timestamp (ISO 8601 or epoch ms)'), kind: 'string', required: true, defaultValue: nowIso() },
    { path: 'timesignals[0].value', key: 'value', label: vscode.l10n.t('Content (JSON)'), kind: 'json', required: true, defaultValue: { data: [1, 2, 3] } },
  ]);
  if (!values) return undefined;
  const [n, id, ts, value] = values as [string, string, string, unknown];
  return sendAndRefresh(deps, { kind: 'iotticket.timesignals', connection: device.connectionId, deviceId: device.deviceId, timesignals: [{ n, id, ts, value }] }, node);
}

/** write_device_event as the device, with the type and severity enums as picks. */
export async function writeDeviceEventFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const device = iotDeviceOf(node);
  if (!device) throw new ValidationError('node', vscode.l10n.t('Run "Write Device Event" on a device or a DeviceEvent attribute.'));
  const a = device.attribute;
  const values = await askFields(vscode.l10n.t('Device event as device {0}', device.deviceId), [
    { path: 'events[0].id', key: 'id', label: vscode.l10n.t('Event id'), kind: 'string', required: true, defaultValue: a?.eventId },
    { path: 'events[0].m', key: 'm', label: vscode.l10n.t('Message (≤255 characters)'), kind: 'string', required: true },
    { path: 'events[0].type', key: 'type', label: vscode.l10n.t('Type'), kind: 'enum', enumValues: EVENT_TYPES, required: false },
    { path: 'events[0].severity', key: 'severity', label: vscode.l10n.t('Severity'), kind: 'enum', enumValues: EVENT_SEVERITIES, required: false },
    { path: 'events[0].active', key: 'active', label: vscode.l10n.t('Active (true raises, false clears)'), kind: 'boolean', required: true, defaultValue: true },
    { path: 'events[0].gn', key: 'gn', label: vscode.l10n.t('Group name'), kind: 'string', required: false },
    { path: 'events[0].ts', key: 'ts', label: vscode.l10n.t('Timestamp (ISO 8601 or epoch ms)'), kind: 'string', required: true, defaultValue: nowIso() },
  ]);
  if (!values) return undefined;
  const [id, m, type, severity, active, gn, ts] = values as [string, string, string | undefined, string | undefined, boolean, string | undefined, string];
  const event = { id, m, ts, ...(type ? { type } : {}), ...(severity ? { severity } : {}), active, ...(gn ? { gn } : {}) };
  return sendAndRefresh(deps, { kind: 'iotticket.deviceEvents', connection: device.connectionId, deviceId: device.deviceId, events: [event as never] }, node);
}

/** The command log of an asset (or one Command attribute), followed until every command is final. */
export async function showCommandLogFlow(deps: FlowDeps, node: TreeNode | undefined, target?: { connectionId: string; assetId: string; attributeId?: string; title?: string }): Promise<vscode.TextDocument> {
  const asset = target ?? iotAssetOf(node);
  if (!asset) throw new ValidationError('node', vscode.l10n.t('Run "Show Command Log" on an asset or a Command attribute.'));
  const attr = target ? undefined : iotAttributeOf(node);
  const attributeId = target?.attributeId ?? (attr?.attribute.type === 'Command' ? attr.attribute.id : undefined);
  const title = target?.title ?? `${'name' in asset ? asset.name : asset.assetId}${attr && attributeId ? ` · ${attr.attribute.name}` : ''}`;
  const key = `cmdlog|${asset.connectionId}|${asset.assetId}|${attributeId ?? '*'}`;
  return deps.live.open(key, {
    title,
    async read(signal, following) {
      const { assetApi: core } = await deps.context.iotticket(asset.connectionId);
      if (!core) throw new ValidationError('connection', 'this connection has no asset API');
      const log = await readCommandLog(core, asset.assetId, { attributeId, signal });
      return { text: formatCommandLog(log, `${title} (${asset.assetId}) · ${asset.connectionId}`, new Date(), following), open: log.open };
    },
  });
}
