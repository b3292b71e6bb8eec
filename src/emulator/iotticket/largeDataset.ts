/**
 * The large dataset: N assets in a tree laid out breadth-first like a heap — asset i's parent is
 * floor((i - 1) / C) and its children are i·C+1 … i·C+C — so with C = 10,000 the root has a level of 10,000
 * children. Ids, names, parents and the 8 attributes per asset (all seven types) are computed from the
 * index; nothing per asset is stored, so 1,000,000 assets start instantly. 100 devices feed the telemetry.
 */
import type { AssetStore } from './assets';
import { addGeneratedDatanode, CREATED, credentials, generator, makeDevice, organizations, users } from './dataset';
import type { LargeDatasetOptions } from '../module';
import type { DatasetDefinition, Device, IotTicketModel } from './model';
import { hashString, hex32, mix } from './random';
import { stepFor } from './series';
import { HOUR } from './time';
import type { AssetRecord, AttributeRecord, Template, TemplateAttribute } from './types';

const LEVEL_NAMES = ['Plant', 'Area', 'Unit', 'Machine', 'Component', 'Part', 'Element', 'Item'];
const ROOT_NAME = 'Large Plant';
const DEVICE_COUNT = 100;
const GAP_RATE = 0.002;

const TEMPLATE: Template = {
  id: 'T1', name: 'Machine', description: 'Generated machine', attributes: [
    { id: 'TA1', name: 'Temperature', type: 'TelemetryData', dataType: 'double', unit: '°C', telemetryName: 'temperature' },
    { id: 'TA2', name: 'Pressure', type: 'TelemetryData', dataType: 'double', unit: 'bar', telemetryName: 'pressure' },
    { id: 'TA3', name: 'Efficiency', type: 'Calculated', dataType: 'double', unit: '%' },
    { id: 'TA4', name: 'Rated power', type: 'Number', dataType: 'double', unit: 'kW' },
    { id: 'TA5', name: 'Serial number', type: 'String', dataType: 'string' },
    { id: 'TA6', name: 'Fault', type: 'DeviceEvent', eventId: 'FAULT' },
    { id: 'TA7', name: 'Inspection due', type: 'AssetEvent', eventId: 'INSPECTION_DUE' },
    {
      id: 'TA8', name: 'Setpoint', type: 'Command', dataType: 'double', commandName: 'setpoint', payloadType: 'Templated',
      payloadTemplate: '{"cmd":"setpoint","value":{{value}}}', templateVariables: ['value'],
    },
  ],
};
const PER_ASSET = TEMPLATE.attributes.length;

class LargeAssetStore implements AssetStore {
  private readonly calcSteps: number;

  constructor(readonly size: number, private readonly fanout: number, private readonly seed: number, pointsPerSeries: number, private readonly devices: number) {
    this.calcSteps = stepFor(pointsPerSeries);
  }

  private index(id: string): number | undefined {
    if (!/^A\d+$/.test(id)) return undefined;
    const i = Number(id.slice(1)) - 1;
    return i >= 0 && i < this.size ? i : undefined;
  }

  private parent(i: number): number {
    return Math.floor((i - 1) / this.fanout);
  }

  private name(i: number): string {
    if (i === 0) return ROOT_NAME;
    let depth = 0;
    for (let j = i; j > 0; j = this.parent(j)) depth++;
    return `${LEVEL_NAMES[Math.min(depth, LEVEL_NAMES.length - 1)]} ${i}`;
  }

  private record(i: number): AssetRecord {
    return { id: `A${i + 1}`, name: this.name(i), parentId: i === 0 ? null : `A${this.parent(i) + 1}`, templateId: TEMPLATE.id };
  }

  /** [first, last] child indices of i (empty when first > last). */
  private childRange(i: number): [number, number] {
    const first = i * this.fanout + 1;
    return [first, Math.min(first + this.fanout - 1, this.size - 1)];
  }

  get(id: string): AssetRecord | undefined {
    const i = this.index(id);
    return i === undefined ? undefined : this.record(i);
  }

  childCount(parentId: string | null): number {
    if (parentId === null) return this.size > 0 ? 1 : 0;
    const i = this.index(parentId);
    if (i === undefined) return 0;
    const [first, last] = this.childRange(i);
    return Math.max(0, last - first + 1);
  }

  children(parentId: string | null, offset: number, limit: number): AssetRecord[] {
    if (parentId === null) return offset === 0 && this.size > 0 && limit > 0 ? [this.record(0)] : [];
    const i = this.index(parentId);
    if (i === undefined) return [];
    const [first, last] = this.childRange(i);
    const out: AssetRecord[] = [];
    for (let c = first + offset; c <= last && out.length < limit; c++) out.push(this.record(c));
    return out;
  }

  slice(offset: number, limit: number): AssetRecord[] {
    const out: AssetRecord[] = [];
    for (let i = offset; i < this.size && out.length < limit; i++) out.push(this.record(i));
    return out;
  }

  byName(name: string): AssetRecord[] {
    if (name === ROOT_NAME) return this.size > 0 ? [this.record(0)] : [];
    const m = /^[A-Za-z]+ (\d+)$/.exec(name);
    if (!m) return [];
    const i = Number(m[1]);
    return i > 0 && i < this.size && this.name(i) === name ? [this.record(i)] : [];
  }

  attributes(assetId: string): AttributeRecord[] {
    const i = this.index(assetId);
    if (i === undefined) return [];
    return TEMPLATE.attributes.map((_, j) => this.attributeAt(i, j));
  }

  attribute(attributeId: string): AttributeRecord | undefined {
    if (!/^AT\d+$/.test(attributeId)) return undefined;
    const n = Number(attributeId.slice(2)) - 1;
    const i = Math.floor(n / PER_ASSET);
    return n >= 0 && i < this.size ? this.attributeAt(i, n % PER_ASSET) : undefined;
  }

  private attributeAt(i: number, j: number): AttributeRecord {
    const { id: templateAttributeId, ...ta }: TemplateAttribute = TEMPLATE.attributes[j];
    const id = `AT${i * PER_ASSET + j + 1}`;
    const bound = ta.type === 'TelemetryData' || ta.type === 'DeviceEvent' || ta.type === 'Command';
    const h = mix(this.seed, i);
    return {
      ...ta, id, assetId: `A${i + 1}`, templateAttributeId,
      deviceId: bound ? deviceId(i % this.devices) : undefined,
      initialValue: ta.type === 'Number' ? 5 + (h % 2000) / 10 : ta.type === 'String' ? `SN-${hex32(`large/${i}`).slice(0, 10).toUpperCase()}` : undefined,
      generator: ta.type === 'Calculated'
        ? generator({ kind: 'double', base: 80, amplitude: 5, noise: 1 }, this.seed, id, this.calcSteps, GAP_RATE)
        : undefined,
    };
  }

  deviceAttributes(id: string): AttributeRecord[] {
    // A device's events land on its primary asset (the first asset bound to it: index = device number).
    const m = /^dev-(\d+)$/.exec(id);
    if (!m || Number(m[1]) >= Math.min(this.size, this.devices)) return [];
    return [this.attributeAt(Number(m[1]), 5)];
  }

  visitSubtree(id: string, visit: (asset: AssetRecord) => boolean): void {
    const i = this.index(id);
    if (i === undefined) return;
    // Descendants of i form one contiguous index range per level.
    for (let lo = i, hi = i; lo < this.size; lo = lo * this.fanout + 1, hi = Math.min(hi * this.fanout + this.fanout, this.size - 1)) {
      for (let j = lo; j <= hi; j++) if (!visit(this.record(j))) return;
      if (hi >= this.size - 1) return;
    }
  }
}

function deviceId(k: number): string {
  return `dev-${String(k).padStart(3, '0')}`;
}

export function buildLargeDataset(seed: number, now: number, options: LargeDatasetOptions): DatasetDefinition {
  const size = Math.max(1, Math.min(1_000_000, Math.floor(options.assets)));
  const fanout = Math.max(2, Math.floor(options.childrenPerLevel));
  const step = stepFor(options.pointsPerSeries);
  const deviceCount = Math.min(DEVICE_COUNT, size);
  const store = new LargeAssetStore(size, fanout, seed, options.pointsPerSeries, deviceCount);
  const devices: Device[] = [];
  for (let k = 0; k < deviceCount; k++) {
    const device = makeDevice({
      id: deviceId(k), v1: true, name: `Large gateway ${k}`, manufacturer: 'Acme', type: 'Edge gateway', enterpriseId: 1001,
      createdAt: CREATED + k * HOUR,
    });
    addGeneratedDatanode(device, '', 'temperature', '°C', generator({ kind: 'double', base: 60, amplitude: 8, noise: 1 }, seed, `${device.id}/temperature`, step, GAP_RATE));
    addGeneratedDatanode(device, '', 'pressure', 'bar', generator({ kind: 'double', base: 6, amplitude: 0.8, noise: 0.1, decimals: 3 }, seed, `${device.id}/pressure`, step, GAP_RATE));
    devices.push(device);
  }
  const deepest = size - 1;
  const deepAttrs = store.attributes(`A${deepest + 1}`);
  return {
    organizations: organizations(),
    enterprises: [{ id: 1001, name: 'Acme Energy', parentId: null }],
    users: users(), templates: [TEMPLATE], assets: store, devices, credentials: credentials(),
    example: {
      assetId: `A${deepest + 1}`,
      telemetryAttributeId: deepAttrs[0].id,
      commandAttributeId: deepAttrs[7].id,
      deviceId: deviceId(deepest % deviceCount),
      v1DatanodePath: '/temperature',
    },
    populate: (model) => populate(model, now, deviceCount, seed),
  };
}

/** A few active faults on devices' primary assets. */
function populate(model: IotTicketModel, now: number, deviceCount: number, seed: number): void {
  for (let k = 0; k < Math.min(5, deviceCount); k++) {
    const device = model.devices.get(deviceId((mix(seed, k) + k) % deviceCount));
    if (!device) continue;
    model.deviceEvent(device, {
      eventId: 'FAULT', type: k % 2 === 0 ? 'Alarm' : 'Warning', severity: k % 2 === 0 ? 'High' : 'Normal', group: 'Generated',
      message: `Generated fault ${hashString(device.id) % 1000}`, active: true, ts: now - (k + 1) * HOUR,
    });
  }
}
