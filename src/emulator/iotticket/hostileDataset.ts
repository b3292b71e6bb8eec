/**
 * The `hostile` dataset: the demo dataset plus a root asset "Hostile names" whose child assets,
 * attributes (telemetry with hostile units, String values, an asset event with a hostile message) and
 * device are named with src/emulator/hostileNames.ts, so every sink of the extension can be tried
 * against what a platform may really send.
 */
import { HOSTILE_NAMES } from '../hostileNames';
import type { ExplicitAssetStore } from './assets';
import { addGeneratedDatanode, CREATED, generator, makeDevice } from './dataset';
import { buildDemoDataset } from './demoDataset';
import type { DatasetDefinition, IotTicketModel } from './model';
import { MINUTE } from './time';
import type { AttributeRecord, Template, TemplateAttribute } from './types';

export const HOSTILE_ROOT = 'Hostile names';
export const HOSTILE_DEVICE = 'hostile-device';

export function buildHostileDataset(seed: number, now: number): DatasetDefinition {
  const demo = buildDemoDataset(seed, now);
  const store = demo.assets as ExplicitAssetStore;
  const names = Object.values(HOSTILE_NAMES);
  const device = makeDevice({ id: HOSTILE_DEVICE, v1: true, name: HOSTILE_NAMES['break-lf'], manufacturer: HOSTILE_NAMES.html, type: HOSTILE_NAMES['md-link'], enterpriseId: 1011, createdAt: CREATED });
  addGeneratedDatanode(device, '', 'temperature', HOSTILE_NAMES['formula-eq'], generator({ kind: 'double', base: -20, amplitude: 5, noise: 1 }, seed, 'hostile/temperature', MINUTE, 0));
  const attributes: TemplateAttribute[] = [
    ...names.map((name, i): TemplateAttribute => ({ id: `TH${i}`, name, type: 'TelemetryData', dataType: 'double', unit: names[(i + 1) % names.length], telemetryName: 'temperature' })),
    { id: 'THS', name: 'Hostile value', type: 'String', dataType: 'string' },
    { id: 'THE', name: 'Hostile event', type: 'AssetEvent', eventId: 'HOSTILE' },
  ];
  const template: Template = { id: 'T90', name: HOSTILE_NAMES.quotes, description: HOSTILE_NAMES['md-emphasis'], attributes };
  let seq = 0;
  const add = (id: string, name: string, parentId: string | null, tpl: Template, deviceId?: string): void => {
    const records: AttributeRecord[] = tpl.attributes.map(({ id: templateAttributeId, ...rest }) => ({
      ...rest, id: `${id}-AT${++seq}`, assetId: id, templateAttributeId,
      deviceId: rest.type === 'TelemetryData' ? deviceId : undefined,
      initialValue: rest.type === 'String' ? HOSTILE_NAMES['md-link'] : undefined,
    }));
    store.add({ id, name, parentId, templateId: tpl.id, description: HOSTILE_NAMES.html }, records);
  };
  const simple: Template = { id: 'T91', name: 'Hostile child', description: '', attributes: [{ id: 'THV', name: 'Hostile value', type: 'String', dataType: 'string' }] };
  add('AH0', HOSTILE_ROOT, null, template, device.id);
  names.forEach((name, i) => add(`AH${i + 1}`, name, 'AH0', simple));
  return {
    ...demo,
    templates: [...demo.templates, template, simple],
    devices: [...demo.devices, device],
    populate(model: IotTicketModel) {
      demo.populate(model);
      const attr = model.assets.attributes('AH0').find((a) => a.eventId === 'HOSTILE')!;
      for (const [i, message] of names.entries()) {
        model.events.apply({
          eventId: 'HOSTILE', source: 'AssetEvent', deviceId: null, assetId: 'AH0', attributeId: attr.id,
          type: 'Alarm', severity: 'High', group: HOSTILE_NAMES.html, message, active: i === names.length - 1, ts: now - (names.length - i) * MINUTE,
        });
      }
    },
  };
}
