/**
 * The demo dataset: "Acme Energy" (tenant `acme`) with four plants, each with three production lines of pumps
 * (with motors), compressors (with coolers), a boiler and a heat exchanger, plus a utilities area — about 180
 * assets and 1,500 attributes of all seven types, ~100 devices (the Tampere and Vaasa ones also in v1), active
 * alarms, command history, ML models, services, ONNX models and time signals. Deterministic from the seed.
 */
import { byNamesPath, ExplicitAssetStore } from './assets';
import {
  addGeneratedDatanode, CREATED, credentials, fakeOnnx, generator, makeDevice, organizations, users, type Profile,
} from './dataset';
import type { DatasetDefinition, Device, IotTicketModel } from './model';
import { hashString, hex32, mix } from './random';
import { MINUTE, HOUR, DAY } from './time';
import type { AttributeRecord, Enterprise, EventType, Severity, Template, TemplateAttribute } from './types';

const STEP_MS = MINUTE;
const CALC_STEP_MS = 15 * MINUTE;
const GAP_RATE = 0.01;

/** Telemetry value profiles by telemetry name. */
const PROFILES: Readonly<Record<string, Profile>> = {
  flow: { kind: 'double', base: 120, amplitude: 25, noise: 3 },
  pressure: { kind: 'double', base: 6.5, amplitude: 0.8, noise: 0.15, decimals: 3 },
  temperature: { kind: 'double', base: 55, amplitude: 6, noise: 0.8 },
  vibration: { kind: 'double', base: 2.2, amplitude: 0.6, noise: 0.35, decimals: 3 },
  running: { kind: 'boolean' },
  motor_current: { kind: 'double', base: 42, amplitude: 8, noise: 1.2 },
  motor_speed: { kind: 'long', base: 1480, amplitude: 40, noise: 6 },
  winding_temp: { kind: 'double', base: 72, amplitude: 7, noise: 0.9 },
  suction_pressure: { kind: 'double', base: 1.0, amplitude: 0.1, noise: 0.03, decimals: 3 },
  discharge_pressure: { kind: 'double', base: 7.8, amplitude: 0.6, noise: 0.12, decimals: 3 },
  discharge_temp: { kind: 'double', base: 85, amplitude: 9, noise: 1.5 },
  power: { kind: 'double', base: 75, amplitude: 20, noise: 3 },
  mode: { kind: 'string', states: ['Load', 'Unload', 'Idle', 'Load', 'Load'] },
  cooler_in: { kind: 'double', base: 35, amplitude: 4, noise: 0.5 },
  cooler_out: { kind: 'double', base: 24, amplitude: 3, noise: 0.4 },
  cooler_fan: { kind: 'boolean' },
  steam_pressure: { kind: 'double', base: 12, amplitude: 1.2, noise: 0.2, decimals: 3 },
  steam_flow: { kind: 'double', base: 18, amplitude: 5, noise: 0.6 },
  flue_temp: { kind: 'double', base: 165, amplitude: 15, noise: 2, decimals: 1 },
  o2: { kind: 'double', base: 3.5, amplitude: 0.8, noise: 0.2 },
  fuel_flow: { kind: 'double', base: 1.4, amplitude: 0.4, noise: 0.05, decimals: 3 },
  burner: { kind: 'string', states: ['Low', 'High', 'High', 'Off'] },
  hx_hot_in: { kind: 'double', base: 90, amplitude: 5, noise: 0.5 },
  hx_hot_out: { kind: 'double', base: 60, amplitude: 4, noise: 0.5 },
  hx_cold_in: { kind: 'double', base: 12, amplitude: 2, noise: 0.3 },
  hx_cold_out: { kind: 'double', base: 45, amplitude: 4, noise: 0.5 },
  load: { kind: 'double', base: 62, amplitude: 18, noise: 2, decimals: 1 },
  oil_temp: { kind: 'double', base: 58, amplitude: 6, noise: 0.7, decimals: 1 },
  chw_supply: { kind: 'double', base: 6.5, amplitude: 0.8, noise: 0.15 },
  chw_return: { kind: 'double', base: 12, amplitude: 1.5, noise: 0.2 },
  ph: { kind: 'double', base: 7.2, amplitude: 0.3, noise: 0.05 },
  conductivity: { kind: 'double', base: 450, amplitude: 40, noise: 8, decimals: 1 },
  chlorine: { kind: 'double', base: 0.5, amplitude: 0.1, noise: 0.03, decimals: 3 },
  dosing: { kind: 'boolean' },
};

/** Calculated attribute profiles by attribute name. */
const CALCULATED: Readonly<Record<string, Profile>> = {
  'Energy consumption': { kind: 'double', base: 1200, amplitude: 300, noise: 40, decimals: 1 },
  Availability: { kind: 'double', base: 97, amplitude: 2, noise: 0.4 },
  Throughput: { kind: 'double', base: 45, amplitude: 8, noise: 1 },
  Efficiency: { kind: 'double', base: 78, amplitude: 4, noise: 0.8 },
  'Specific energy': { kind: 'double', base: 0.11, amplitude: 0.01, noise: 0.003, decimals: 4 },
  'Fouling index': { kind: 'double', base: 0.3, amplitude: 0.05, noise: 0.02, decimals: 3 },
  'Heat duty': { kind: 'double', base: 850, amplitude: 120, noise: 20, decimals: 1 },
  COP: { kind: 'double', base: 4.2, amplitude: 0.4, noise: 0.1 },
  'Energy use': { kind: 'double', base: 320, amplitude: 60, noise: 10, decimals: 1 },
};

function templates(): Template[] {
  let attrSeq = 0;
  const td = (name: string, telemetryName: string, unit: string): TemplateAttribute => ({
    id: `TA${++attrSeq}`, name, type: 'TelemetryData', dataType: PROFILES[telemetryName]?.kind ?? 'string', unit, telemetryName,
  });
  const calc = (name: string, unit: string): TemplateAttribute => ({ id: `TA${++attrSeq}`, name, type: 'Calculated', dataType: 'double', unit });
  const num = (name: string, unit: string): TemplateAttribute => ({ id: `TA${++attrSeq}`, name, type: 'Number', dataType: 'double', unit });
  const str = (name: string): TemplateAttribute => ({ id: `TA${++attrSeq}`, name, type: 'String', dataType: 'string' });
  const devEvent = (name: string, eventId: string): TemplateAttribute => ({ id: `TA${++attrSeq}`, name, type: 'DeviceEvent', eventId });
  const assetEvent = (name: string, eventId: string): TemplateAttribute => ({ id: `TA${++attrSeq}`, name, type: 'AssetEvent', eventId });
  const templated = (name: string, commandName: string, template: string, variables: string[]): TemplateAttribute => ({
    id: `TA${++attrSeq}`, name, type: 'Command', dataType: 'double', commandName, payloadType: 'Templated', payloadTemplate: template, templateVariables: variables,
  });
  const dynamic = (name: string, commandName: string): TemplateAttribute => ({ id: `TA${++attrSeq}`, name, type: 'Command', dataType: 'string', commandName, payloadType: 'Dynamic' });
  const t = (id: string, name: string, description: string, attributes: TemplateAttribute[]): Template => ({ id, name, description, attributes });
  return [
    t('T10', 'Site', 'Production site', [calc('Energy consumption', 'kWh'), str('Site manager'), calc('Availability', '%'), assetEvent('Maintenance window', 'MAINT_WINDOW')]),
    // The line's speed command has no device of its own: sent aggregated, it reaches every pump of the line.
    t('T11', 'Production line', 'Production line', [
      calc('Throughput', 't/h'), str('Line status'), num('Nominal capacity', 't/h'), assetEvent('Line stop', 'LINE_STOP'),
      templated('Pump speed (all pumps)', 'setSpeed', '{"cmd":"setSpeed","rpm":{{rpm}}}', ['rpm']),
    ]),
    t('T12', 'Pump', 'Centrifugal pump with gateway', [
      td('Flow', 'flow', 'm3/h'), td('Discharge pressure', 'pressure', 'bar'), td('Bearing temperature', 'temperature', '°C'),
      td('Vibration', 'vibration', 'mm/s'), td('Running', 'running', ''), td('Vibration spectrum', 'spectrum', ''),
      calc('Efficiency', '%'), num('Rated power', 'kW'), str('Serial number'),
      devEvent('Overheat', 'OVERHEAT'), devEvent('Dry run', 'DRY_RUN'), assetEvent('Maintenance due', 'MAINT_DUE'),
      templated('Speed setpoint', 'setSpeed', '{"cmd":"setSpeed","rpm":{{rpm}}}', ['rpm']), dynamic('Start/Stop', 'startStop'),
    ]),
    t('T13', 'Motor', 'Electric motor', [
      td('Current', 'motor_current', 'A'), td('Speed', 'motor_speed', 'rpm'), td('Winding temperature', 'winding_temp', '°C'),
      num('Rated current', 'A'), str('Manufacturer'), devEvent('Overload', 'OVERLOAD'),
    ]),
    t('T14', 'Compressor', 'Screw compressor', [
      td('Suction pressure', 'suction_pressure', 'bar'), td('Discharge pressure', 'discharge_pressure', 'bar'),
      td('Discharge temperature', 'discharge_temp', '°C'), td('Power', 'power', 'kW'), td('Operating mode', 'mode', ''),
      calc('Specific energy', 'kWh/m3'), num('Rated power', 'kW'), str('Serial number'),
      devEvent('High discharge temperature', 'HIGH_TEMP'), assetEvent('Service due', 'SERVICE_DUE'),
      templated('Pressure setpoint', 'setPressure', '{"cmd":"setPressure","bar":{{bar}}}', ['bar']),
    ]),
    t('T15', 'Cooler', 'Compressor after-cooler', [
      td('Inlet temperature', 'cooler_in', '°C'), td('Outlet temperature', 'cooler_out', '°C'), td('Fan running', 'cooler_fan', ''),
      calc('Fouling index', ''), devEvent('Fan failure', 'FAN_FAIL'),
    ]),
    t('T16', 'Boiler', 'Steam boiler', [
      td('Steam pressure', 'steam_pressure', 'bar'), td('Steam flow', 'steam_flow', 't/h'), td('Flue gas temperature', 'flue_temp', '°C'),
      td('O2', 'o2', '%'), td('Fuel flow', 'fuel_flow', 't/h'), td('Burner state', 'burner', ''),
      calc('Efficiency', '%'), num('Rated capacity', 'MW'), str('Fuel type'),
      devEvent('Flame failure', 'FLAME_FAIL'), devEvent('Low water', 'LOW_WATER'), assetEvent('Inspection due', 'INSPECTION_DUE'),
      templated('Load setpoint', 'setLoad', '{"cmd":"setLoad","percent":{{percent}}}', ['percent']),
    ]),
    t('T17', 'Heat exchanger', 'Plate heat exchanger', [
      td('Hot inlet', 'hx_hot_in', '°C'), td('Hot outlet', 'hx_hot_out', '°C'), td('Cold inlet', 'hx_cold_in', '°C'),
      td('Cold outlet', 'hx_cold_out', '°C'), calc('Heat duty', 'kW'), num('Area', 'm2'), devEvent('Leak detected', 'LEAK'),
    ]),
    t('T18', 'Utility area', 'Site utilities', [calc('Energy use', 'kWh'), str('Area manager')]),
    t('T19', 'Transformer', 'Distribution transformer', [
      td('Load', 'load', '%'), td('Oil temperature', 'oil_temp', '°C'), num('Rated power', 'kVA'), devEvent('Overtemperature', 'OVERTEMP'),
      templated('Tap position', 'setTap', '{"cmd":"setTap","position":{{position}}}', ['position']),
    ]),
    t('T20', 'Chiller', 'Chilled water unit', [
      td('Supply temperature', 'chw_supply', '°C'), td('Return temperature', 'chw_return', '°C'), td('Power', 'power', 'kW'),
      calc('COP', ''), num('Capacity', 'kW'), devEvent('Trip', 'TRIP'),
      templated('Temperature setpoint', 'setTemp', '{"cmd":"setTemp","celsius":{{celsius}}}', ['celsius']),
    ]),
    t('T21', 'Water treatment', 'Boiler feed water treatment', [
      td('pH', 'ph', ''), td('Conductivity', 'conductivity', 'µS/cm'), td('Chlorine', 'chlorine', 'mg/l'), td('Flow', 'flow', 'm3/h'),
      td('Dosing pump running', 'dosing', ''), devEvent('Low chemical', 'LOW_CHEM'),
    ]),
  ];
}

const SITES = [
  { name: 'Tampere Plant', code: 'tre', enterprise: 1011, v1: true },
  { name: 'Vaasa Plant', code: 'vaa', enterprise: 1012, v1: true },
  { name: 'Oulu Plant', code: 'oul', enterprise: 1013, v1: false },
  { name: 'Pori Plant', code: 'por', enterprise: 1014, v1: false },
];

const MANUFACTURERS: Readonly<Record<string, string>> = {
  T12: 'Grundfos', T14: 'Atlas Copco', T16: 'Valmet', T17: 'Alfa Laval', T19: 'ABB', T20: 'Carrier', T21: 'Kemira',
};

const PEOPLE = ['Aino Virtanen', 'Eero Korhonen', 'Helmi Nieminen', 'Ville Mäkinen', 'Sanna Hämäläinen', 'Olli Laine'];

export function buildDemoDataset(seed: number, now: number): DatasetDefinition {
  const tpls = templates();
  const tplById = new Map(tpls.map((t) => [t.id, t]));
  const store = new ExplicitAssetStore();
  const devices: Device[] = [];
  let assetSeq = 1000;
  let attributeSeq = 0;

  /** Deterministic static values for Number/String attributes. */
  const staticValue = (assetName: string, attr: TemplateAttribute, key: string): number | string => {
    const h = mix(seed, hashString(key));
    if (attr.type === 'Number') {
      const ranges: Record<string, [number, number]> = {
        'Rated power': [7.5, 90], 'Nominal capacity': [40, 60], 'Rated current': [20, 160], 'Rated capacity': [5, 25],
        Area: [20, 120], Capacity: [200, 800],
      };
      const [lo, hi] = ranges[attr.name] ?? [1, 100];
      return Math.round((lo + (h % 1000) / 1000 * (hi - lo)) * 10) / 10;
    }
    switch (attr.name) {
      case 'Serial number': return `SN-${hex32(key).slice(0, 10).toUpperCase()}`;
      case 'Manufacturer': return ['ABB', 'Siemens', 'WEG', 'Danfoss'][h % 4];
      case 'Fuel type': return ['Natural gas', 'Wood chips', 'Peat', 'Light fuel oil'][h % 4];
      case 'Line status': return ['Running', 'Running', 'Running', 'Maintenance'][h % 4];
      default: return `${PEOPLE[h % PEOPLE.length]} (${assetName})`;
    }
  };

  const addAsset = (name: string, parentId: string | null, templateId: string, device: Device | null): string => {
    const id = `A${++assetSeq}`;
    const tpl = tplById.get(templateId)!;
    const attrs: AttributeRecord[] = tpl.attributes.map((ta) => {
      const { id: templateAttributeId, ...rest } = ta;
      const attrId = `AT${++attributeSeq}`;
      const bound = ['TelemetryData', 'DeviceEvent', 'Command'].includes(ta.type) && device;
      const telemetryName = ta.telemetryName;
      const attr: AttributeRecord = {
        ...rest, id: attrId, assetId: id, templateAttributeId,
        deviceId: bound ? device.id : undefined,
        initialValue: ta.type === 'Number' || ta.type === 'String' ? staticValue(name, ta, attrId) : undefined,
        generator: ta.type === 'Calculated' ? generator(CALCULATED[ta.name] ?? { kind: 'double', base: 50, amplitude: 10, noise: 1 }, seed, attrId, CALC_STEP_MS, GAP_RATE) : undefined,
      };
      if (device && telemetryName && PROFILES[telemetryName] && !device.datanodes.has(`/${telemetryName}`)) {
        addGeneratedDatanode(device, '', telemetryName, ta.unit ?? '', generator(PROFILES[telemetryName], seed, `${device.id}/${telemetryName}`, STEP_MS, GAP_RATE));
      }
      return attr;
    });
    store.add({ id, name, parentId, templateId, description: tpl.description }, attrs);
    return id;
  };

  const newDevice = (id: string, name: string, templateId: string, site: (typeof SITES)[number]): Device => {
    const device = makeDevice({
      id, v1: site.v1, name, manufacturer: MANUFACTURERS[templateId] ?? 'Acme', type: 'Edge gateway',
      enterpriseId: site.enterprise, createdAt: CREATED + devices.length * HOUR,
    });
    devices.push(device);
    return device;
  };

  for (const site of SITES) {
    const siteId = addAsset(site.name, null, 'T10', null);
    for (let line = 1; line <= 3; line++) {
      const lineId = addAsset(`Line ${line}`, siteId, 'T11', null);
      const label = `${site.name.split(' ')[0]} L${line}`;
      for (let p = 1; p <= 3; p++) {
        const dev = newDevice(`${site.code}-l${line}-pump${p}`, `${label} Pump ${p} gateway`, 'T12', site);
        const pumpId = addAsset(`Pump ${p}`, lineId, 'T12', dev);
        addAsset('Motor', pumpId, 'T13', dev);
      }
      for (let c = 1; c <= 2; c++) {
        const dev = newDevice(`${site.code}-l${line}-comp${c}`, `${label} Compressor ${c} gateway`, 'T14', site);
        const compId = addAsset(`Compressor ${c}`, lineId, 'T14', dev);
        addAsset('Cooler', compId, 'T15', dev);
      }
      addAsset('Boiler', lineId, 'T16', newDevice(`${site.code}-l${line}-boiler`, `${label} Boiler gateway`, 'T16', site));
      addAsset('Heat Exchanger', lineId, 'T17', newDevice(`${site.code}-l${line}-hx`, `${label} Heat exchanger gateway`, 'T17', site));
    }
    const utilId = addAsset('Utilities', siteId, 'T18', null);
    const util = site.name.split(' ')[0];
    addAsset('Transformer', utilId, 'T19', newDevice(`${site.code}-util-trafo`, `${util} Transformer gateway`, 'T19', site));
    addAsset('Chiller', utilId, 'T20', newDevice(`${site.code}-util-chiller`, `${util} Chiller gateway`, 'T20', site));
    addAsset('Water Treatment', utilId, 'T21', newDevice(`${site.code}-util-water`, `${util} Water treatment gateway`, 'T21', site));
  }

  // Datanodes with paths (v1 only): a bare "temperature" then matches three datanodes of the first pump.
  const firstPump = devices[0];
  for (const path of ['Drive/Primary', 'Drive/Secondary']) {
    addGeneratedDatanode(firstPump, path, 'temperature', '°C', generator(PROFILES.temperature, seed, `${firstPump.id}/${path}/temperature`, STEP_MS, GAP_RATE));
  }

  const enterprises: Enterprise[] = [
    { id: 1001, name: 'Acme Energy', parentId: null },
    { id: 1002, name: 'Acme Energy Services', parentId: null },
    ...SITES.map((s) => ({ id: s.enterprise, name: s.name, parentId: 1001 })),
  ];

  const pump = byNamesPath(store, ['Tampere Plant', 'Line 1', 'Pump 1'])!;
  const pumpAttrs = store.attributes(pump.id);
  const example = {
    assetId: pump.id,
    telemetryAttributeId: pumpAttrs.find((a) => a.name === 'Bearing temperature')!.id,
    commandAttributeId: pumpAttrs.find((a) => a.name === 'Speed setpoint')!.id,
    deviceId: firstPump.id,
    v1DatanodePath: '/temperature',
  };

  return {
    organizations: organizations(), enterprises, users: users(), templates: tpls, assets: store, devices,
    credentials: credentials(), example,
    populate: (model) => populate(model, now),
  };
}

/** Events, commands, analytics items and time signals, applied through the model as the APIs would. */
function populate(model: IotTicketModel, now: number): void {
  const device = (id: string): Device => model.devices.get(id)!;
  const deviceEvent = (deviceId: string, eventId: string, type: EventType, severity: Severity, message: string, at: number, clearedAt?: number): void => {
    const base = { eventId, type, severity, group: type === 'Alarm' ? 'Protection' : 'Condition', message };
    model.deviceEvent(device(deviceId), { ...base, active: true, ts: at });
    if (clearedAt !== undefined) model.deviceEvent(device(deviceId), { ...base, active: false, ts: clearedAt });
  };
  // Closed occurrences (history) first: reports are applied in time order.
  deviceEvent('tre-l1-pump1', 'OVERHEAT', 'Alarm', 'High', 'Bearing temperature 88 °C above limit 85 °C', now - 2 * DAY, now - 2 * DAY + 40 * MINUTE);
  deviceEvent('tre-l1-pump1', 'DRY_RUN', 'Notification', 'Low', 'Dry-run protection active', now - 5 * DAY, now - 5 * DAY + 5 * MINUTE);
  deviceEvent('tre-l2-pump3', 'OVERHEAT', 'Alarm', 'High', 'Bearing temperature 87 °C above limit 85 °C', now - 3 * DAY, now - 3 * DAY + HOUR);
  deviceEvent('vaa-l2-comp1', 'HIGH_TEMP', 'Warning', 'Normal', 'Discharge temperature rising (96 °C)', now - 7 * DAY, now - 7 * DAY + 2 * HOUR);
  deviceEvent('oul-l1-boiler', 'FLAME_FAIL', 'Alarm', 'Critical', 'Flame failure on burner 1', now - 10 * DAY, now - 10 * DAY + 15 * MINUTE);
  deviceEvent('por-util-trafo', 'OVERTEMP', 'Warning', 'Normal', 'Oil temperature above 80 °C', now - 4 * DAY, now - 4 * DAY + 3 * HOUR);
  // Active alarms.
  deviceEvent('tre-l2-pump3', 'OVERHEAT', 'Alarm', 'High', 'Bearing temperature 92 °C above limit 85 °C', now - 3 * HOUR);
  deviceEvent('tre-l1-comp2', 'HIGH_TEMP', 'Warning', 'Normal', 'Discharge temperature rising (98 °C)', now - 5 * HOUR);
  deviceEvent('vaa-l3-boiler', 'LOW_WATER', 'Alarm', 'Critical', 'Drum level below low-low limit', now - 40 * MINUTE);
  deviceEvent('oul-util-chiller', 'TRIP', 'Alarm', 'High', 'Compressor trip: high condenser pressure', now - 2 * HOUR);
  deviceEvent('por-l1-hx', 'LEAK', 'Warning', 'High', 'Pressure drop across plates suggests a leak', now - DAY);
  deviceEvent('vaa-l1-pump1', 'DRY_RUN', 'Notification', 'Low', 'Dry-run protection active', now - 20 * MINUTE);

  const assetEvent = (path: string[], attrName: string, type: EventType, severity: Severity, message: string, at: number): void => {
    const asset = byNamesPath(model.assets, path)!;
    const attr = model.assets.attributes(asset.id).find((a) => a.name === attrName)!;
    model.events.apply({
      eventId: attr.eventId!, source: 'AssetEvent', deviceId: null, assetId: asset.id, attributeId: attr.id,
      type, severity, group: 'Maintenance', message, active: true, ts: at,
    });
  };
  assetEvent(['Tampere Plant', 'Line 1', 'Pump 2'], 'Maintenance due', 'Notification', 'Normal', 'Scheduled maintenance due in 3 days', now - 6 * HOUR);
  assetEvent(['Oulu Plant', 'Line 2', 'Boiler'], 'Inspection due', 'Warning', 'Normal', 'Statutory inspection overdue', now - 2 * DAY);
  for (const e of model.events.active()) if (e.eventId === 'HIGH_TEMP' || e.eventId === 'LEAK') model.events.acknowledge(e.id, now - HOUR);

  // Command history on devices other than the example one (its queue starts empty).
  const command = (deviceId: string, attrName: string, payload: string, outcome: 'SUCCEEDED' | 'FAILED' | 'QUEUED', at: number): void => {
    const attr = model.assets.deviceAttributes(deviceId)[0];
    const cmdAttr = model.assets.attributes(attr.assetId).find((a) => a.name === attrName)!;
    const record = model.commands.create({
      kind: 'command', assetId: attr.assetId, attributeId: cmdAttr.id, attributeName: cmdAttr.name, deviceId,
      commandName: cmdAttr.commandName!, payload, aggregated: false, createdAt: at,
    }, true);
    if (outcome === 'QUEUED') return;
    model.commands.deliver(deviceId, 1, at + 2000);
    model.commands.respond(record, outcome === 'SUCCEEDED' ? 200 : 500, outcome === 'SUCCEEDED' ? '{"ok":true}' : '{"error":"actuator fault"}', at + 3500);
  };
  command('vaa-l2-comp1', 'Pressure setpoint', '{"cmd":"setPressure","bar":7.5}', 'SUCCEEDED', now - DAY);
  command('oul-l1-boiler', 'Load setpoint', '{"cmd":"setLoad","percent":85}', 'FAILED', now - 2 * DAY);
  command('tre-l2-pump1', 'Start/Stop', '{"action":"stop"}', 'QUEUED', now - 30 * MINUTE);

  // Analytics items; some attached to assets so deleting them is refused.
  const exampleAsset = model.example.assetId;
  const waterTreatment = model.assets.deviceAttributes('tre-util-water')[0].assetId;
  const io = (names: string[]): { name: string; dataType: string }[] => names.map((name) => ({ name, dataType: 'double' }));
  model.analytics.seed('MLModel', 'Pump anomaly detector', 'Isolation forest over flow, pressure and vibration', {
    triggerUrl: 'https://adb-1234567890.azuredatabricks.net/api/2.1/jobs/run-now', method: 'POST', jobId: '1123', credentialId: 'CR1',
    inputs: io(['flow', 'pressure', 'vibration']), outputs: io(['anomaly_score']),
  }, [exampleAsset], CREATED + DAY);
  model.analytics.seed('MLModel', 'Boiler efficiency forecast', 'Day-ahead efficiency forecast', {
    triggerUrl: 'https://adb-1234567890.azuredatabricks.net/api/2.1/jobs/run-now', method: 'POST', jobId: '2048', credentialId: 'CR1',
    inputs: io(['steam_flow', 'fuel_flow', 'o2']), outputs: io(['efficiency_forecast']),
  }, [], CREATED + 2 * DAY);
  model.analytics.seed('MLService', 'Compressor energy optimizer', 'Suggests pressure setpoints', {
    triggerUrl: 'https://acme-calc.azurewebsites.net/api/optimize', method: 'POST', credentialId: 'CR2',
    inputSchema: { type: 'object', properties: { power: { type: 'number' }, pressure: { type: 'number' } } },
    outputSchema: { type: 'object', properties: { setpoint: { type: 'number' } } },
    requestContainsTimestamps: true, responseContainsTimestamps: false,
  }, [], CREATED + 3 * DAY);
  model.analytics.seed('MLService', 'Water quality classifier', 'Classifies feed water quality', {
    triggerUrl: 'https://acme-calc.azurewebsites.net/api/water', method: 'POST', credentialId: 'CR2',
    inputSchema: { type: 'object' }, outputSchema: { type: 'object' }, requestContainsTimestamps: false, responseContainsTimestamps: false,
  }, [waterTreatment], CREATED + 4 * DAY);
  const onnx = (name: string, description: string, size: number, attached: string[], at: number): void => {
    const file = fakeOnnx(name, size);
    const item = model.analytics.registerOnnx({ name, description, help_text: `# ${name}\n\n${description}.` }, file, 'admin@acme.example', at);
    item.attachedAssetIds.push(...attached);
  };
  onnx('Vibration classifier', 'Classifies vibration spectra into fault classes', 4096, [exampleAsset], CREATED + 5 * DAY);
  onnx('Chiller COP regressor', 'Predicts chiller COP from temperatures', 2048, [], CREATED + 6 * DAY);

  // Time signals (vibration spectra) on the example pump.
  const spectra = device(model.example.deviceId).timesignals;
  spectra.set('spectrum', [3, 2, 1].map((h, i) => ({
    ts: Math.floor((now - h * HOUR) / 1000) * 1000, id: `spectrum-${String(i + 1).padStart(3, '0')}`,
    value: { frequencyHz: [10, 20, 50, 100, 200], amplitude: [0.4 + i * 0.1, 1.2, 0.8, 0.3 + i * 0.05, 0.1] },
  })));
}
