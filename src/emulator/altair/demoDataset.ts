/**
 * The demo dataset: space `demo` with categories Buildings, HVAC, Meters and Vehicles (plus a few
 * gateways in no category), a model per kind, 300 things with full Thing Descriptions, current values,
 * and 90 days of property history computed on the fly from the seed.
 */
import { HistoryStore, type GeneratedSeries } from './history';
import { hash32, mulberry32 } from './prng';
import { numericAffordance, signal, type NumericSpec } from './signals';
import { DEFAULT_RETENTION_DAYS, pushRing, SpaceState, type Sample } from './store';
import { ThingTable } from './thingTable';
import { DAY_MS, rfc3339 } from './time';
import type { ThingDoc } from './types';
import { seededUlid } from './ulid';

export interface DatasetContext {
  readonly seed: number;
  readonly now: number;
  readonly baseUrl: string;
}

interface Kind {
  readonly key: string;
  readonly count: number;
  readonly category: string | null;
  readonly model: string;
  readonly type: string[];
  readonly description: string;
  /** History interval. */
  readonly stepMs: number;
  readonly numeric: NumericSpec[];
  readonly otherProperties: Record<string, Record<string, unknown>>;
  readonly actions: Record<string, Record<string, unknown>>;
  readonly events: Record<string, Record<string, unknown>>;
  title(n: number, rnd: () => number): string;
  otherStatus(n: number, rnd: () => number): Record<string, unknown>;
  /** Whether the thing links to a building as its parent. */
  readonly hasParent: boolean;
}

const MIN = 60_000;
const CITIES = ['Helsinki', 'Tampere', 'Oulu', 'Turku', 'Espoo', 'Vaasa', 'Stockholm', 'Munich', 'Lyon', 'Madrid'];
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const obj = (properties: Record<string, unknown>, required?: string[]): Record<string, unknown> => ({ type: 'object', properties, ...(required ? { required } : {}) });

const KINDS: readonly Kind[] = [
  {
    key: 'building', count: 20, category: 'Buildings', model: 'BuildingModel', type: ['Building'], hasParent: false,
    description: 'Office building with indoor-climate and occupancy sensors', stepMs: 60 * MIN,
    numeric: [
      { name: 'temperature', title: 'Average temperature', unit: 'celsius', minimum: 15, maximum: 30, base: 21.5, amp: 1.5, noise: 0.3 },
      { name: 'co2', title: 'CO2 level', unit: 'ppm', minimum: 380, maximum: 2000, base: 700, amp: 250, noise: 40, integer: true },
      { name: 'occupancy', title: 'Occupancy', unit: 'people', minimum: 0, maximum: 500, base: 130, amp: 120, noise: 10, integer: true },
      { name: 'power', title: 'Power demand', unit: 'kW', minimum: 0, maximum: 500, base: 150, amp: 80, noise: 10 },
    ],
    otherProperties: {
      address: { title: 'Address', type: 'string', readOnly: true },
      floors: { title: 'Floors', type: 'integer', unit: 'floors', minimum: 1, maximum: 60, readOnly: true },
      tags: { title: 'Tags', type: 'array', items: { type: 'string' }, readOnly: false },
      occupancyMode: { title: 'Occupancy mode', type: 'string', enum: ['normal', 'eco', 'closed'], readOnly: false },
    },
    actions: {
      setOccupancyMode: { title: 'Set occupancy mode', description: 'Switch ventilation and lighting schedules', input: obj({ mode: { type: 'string', enum: ['normal', 'eco', 'closed'] } }, ['mode']) },
    },
    events: {
      fireAlarm: { title: 'Fire alarm', description: 'A fire alarm zone was triggered', data: obj({ zone: { type: 'string' }, severity: { type: 'integer', minimum: 1, maximum: 5 } }) },
    },
    title: (n, rnd) => `Building ${pad(n + 1)} (${pick(CITIES, rnd)})`,
    otherStatus: (n, rnd) => ({
      address: `${pick(['Main', 'Harbour', 'Station', 'Market', 'Park'], rnd)} Street ${1 + Math.floor(rnd() * 90)}`,
      floors: 2 + Math.floor(rnd() * 20),
      tags: n % 3 === 0 ? ['office', 'retail'] : ['office'],
      occupancyMode: 'normal',
    }),
  },
  {
    key: 'hvac', count: 115, category: 'HVAC', model: 'HvacUnitModel', type: ['HVAC', 'Thermostat'], hasParent: true,
    description: 'Air handling unit with a thermostat', stepMs: 5 * MIN,
    numeric: [
      { name: 'temperature', title: 'Supply air temperature', unit: 'celsius', minimum: -20, maximum: 50, base: 20, amp: 2.5, noise: 0.2 },
      { name: 'humidity', title: 'Relative humidity', unit: 'percent', minimum: 0, maximum: 100, base: 45, amp: 10, noise: 2 },
      { name: 'power', title: 'Electric power', unit: 'kW', minimum: 0, maximum: 50, base: 8, amp: 5, noise: 0.5 },
    ],
    otherProperties: {
      setpoint: { title: 'Setpoint', type: 'number', unit: 'celsius', minimum: 16, maximum: 28, readOnly: false },
      mode: { title: 'Mode', type: 'string', enum: ['off', 'heat', 'cool', 'auto'], readOnly: false },
      running: { title: 'Running', type: 'boolean', readOnly: true },
    },
    actions: {
      setSetpoint: { title: 'Set setpoint', description: 'Change the target temperature', input: obj({ setpoint: { type: 'number', unit: 'celsius', minimum: 16, maximum: 28 } }, ['setpoint']) },
      setMode: { title: 'Set mode', input: obj({ mode: { type: 'string', enum: ['off', 'heat', 'cool', 'auto'] } }, ['mode']) },
      reboot: { title: 'Reboot', description: 'Restart the controller' },
    },
    events: {
      overheat: { title: 'Overheat', description: 'Supply air above the safe limit', data: { type: 'number', unit: 'celsius' } },
      filterAlarm: { title: 'Filter alarm', data: { type: 'string' } },
    },
    title: (n) => `AHU-${pad(n + 1, 3)}`,
    otherStatus: (n, rnd) => ({ setpoint: 19 + Math.round(rnd() * 8) / 2, mode: pick(['heat', 'cool', 'auto'], rnd), running: n % 9 !== 0 }),
  },
  {
    key: 'meter', count: 100, category: 'Meters', model: 'EnergyMeterModel', type: ['EnergyMeter'], hasParent: true,
    description: 'Three-phase electricity meter', stepMs: 15 * MIN,
    numeric: [
      { name: 'energy', title: 'Energy', unit: 'kWh', minimum: 0, maximum: 1e9, base: 20, amp: 0, noise: 0, kind: 'counter' },
      { name: 'power', title: 'Active power', unit: 'kW', minimum: 0, maximum: 100, base: 20, amp: 12, noise: 2 },
      { name: 'voltage', title: 'Voltage', unit: 'V', minimum: 207, maximum: 253, base: 230, amp: 3, noise: 1 },
      { name: 'current', title: 'Current', unit: 'A', minimum: 0, maximum: 150, base: 30, amp: 15, noise: 2 },
    ],
    otherProperties: {
      tariff: { title: 'Tariff', type: 'string', enum: ['day', 'night', 'flat'], readOnly: false },
      serial: { title: 'Serial number', type: 'string', readOnly: true },
    },
    actions: {
      resetCounter: { title: 'Reset counter', description: 'Zero the resettable energy counter' },
      setTariff: { title: 'Set tariff', input: obj({ tariff: { type: 'string', enum: ['day', 'night', 'flat'] } }, ['tariff']) },
    },
    events: {
      outage: { title: 'Power outage', data: obj({ durationSec: { type: 'number', unit: 's', minimum: 0 } }) },
    },
    title: (n) => `Meter M-${pad(n + 1, 4)}`,
    otherStatus: (_n, rnd) => ({ tariff: pick(['day', 'night', 'flat'], rnd), serial: `EM${pad(Math.floor(rnd() * 1e6), 6)}` }),
  },
  {
    key: 'vehicle', count: 55, category: 'Vehicles', model: 'VehicleModel', type: ['Vehicle'], hasParent: false,
    description: 'Service van with a telematics unit', stepMs: 10 * MIN,
    numeric: [
      { name: 'speed', title: 'Speed', unit: 'km/h', minimum: 0, maximum: 130, base: 40, amp: 40, noise: 12 },
      { name: 'fuel', title: 'Fuel level', unit: 'percent', minimum: 0, maximum: 100, base: 60, amp: 25, noise: 1 },
      { name: 'batteryVoltage', title: 'Battery voltage', unit: 'V', minimum: 11, maximum: 15, base: 12.7, amp: 0.4, noise: 0.1 },
      { name: 'odometer', title: 'Odometer', unit: 'km', minimum: 0, maximum: 1e7, base: 15, amp: 0, noise: 0, kind: 'counter' },
    ],
    otherProperties: {
      engineOn: { title: 'Engine on', type: 'boolean', readOnly: true },
      plate: { title: 'Licence plate', type: 'string', readOnly: true },
      location: { title: 'Location', type: 'object', properties: { lat: { type: 'number', unit: 'deg' }, lon: { type: 'number', unit: 'deg' } }, readOnly: true },
    },
    actions: {
      lock: { title: 'Lock doors' },
      unlock: { title: 'Unlock doors' },
      honk: { title: 'Honk', input: obj({ durationSec: { type: 'integer', minimum: 1, maximum: 10, unit: 's' } }) },
    },
    events: {
      harshBraking: { title: 'Harsh braking', data: { type: 'number', unit: 'm/s2' } },
      lowFuel: { title: 'Low fuel', data: { type: 'number', unit: 'percent' } },
    },
    title: (n, rnd) => `Van ${pad(n + 1)} (${String.fromCharCode(65 + Math.floor(rnd() * 26), 65 + Math.floor(rnd() * 26), 65 + Math.floor(rnd() * 26))}-${100 + n})`,
    otherStatus: (n, rnd) => ({
      engineOn: n % 4 !== 0,
      plate: `VAN-${100 + n}`,
      location: { lat: Number((60 + rnd() * 5).toFixed(5)), lon: Number((22 + rnd() * 6).toFixed(5)) },
    }),
  },
  {
    key: 'gateway', count: 10, category: null, model: 'GatewayModel', type: ['Gateway'], hasParent: false,
    description: 'Edge gateway (Raspberry Pi)', stepMs: 5 * MIN,
    numeric: [
      { name: 'cpu', title: 'CPU %', unit: 'percent', minimum: 0, maximum: 100, base: 30, amp: 20, noise: 5 },
      { name: 'memory', title: 'Memory %', unit: 'percent', minimum: 0, maximum: 100, base: 55, amp: 10, noise: 3 },
      { name: 'disk', title: 'Disk %', unit: 'percent', minimum: 0, maximum: 100, base: 40, amp: 1, noise: 0.2 },
    ],
    otherProperties: { firmware: { title: 'Firmware', type: 'string', readOnly: true } },
    actions: {
      reboot: { title: 'Reboot', description: 'Reboot device' },
      delay: { title: 'Delay', description: 'Change sending frequency', input: obj({ delay: { type: 'number', unit: 's', minimum: 3, maximum: 100 } }) },
    },
    events: { highCPU: { title: 'High CPU', description: 'The CPU usage is over 50%', data: { type: 'number', unit: 'percent' } } },
    title: (n) => `Gateway GW-${pad(n + 1)}`,
    otherStatus: (n) => ({ firmware: `1.${n % 4}.${n}` }),
  },
];

/** When the demo things were "created" (their ULIDs carry it). */
const DEMO_BASE = Date.UTC(2024, 2, 1, 8);

function properties(kind: Kind): Record<string, unknown> {
  return { ...Object.fromEntries(kind.numeric.map((s) => [s.name, numericAffordance(s)])), ...kind.otherProperties };
}

export function buildDemoSpace(ctx: DatasetContext): { space: SpaceState; sample: Sample } {
  const { seed, now, baseUrl } = ctx;
  const created = rfc3339(DEMO_BASE - 30 * DAY_MS);
  const seriesByUid = new Map<string, Record<string, GeneratedSeries>>();
  const history = new HistoryStore((uid) => seriesByUid.get(uid));
  const space = new SpaceState('demo', 'Demo space of the IoT Explorer emulator', created, new ThingTable(), history);

  for (const [k, kind] of KINDS.entries()) {
    const modelCreated = rfc3339(DEMO_BASE - (20 - k) * DAY_MS);
    const template = { title: kind.description, properties: properties(kind), actions: kind.actions, events: kind.events };
    space.models.set(kind.model, {
      id: seededUlid(seed ^ 0x5eed, DEMO_BASE - 20 * DAY_MS, k),
      name: kind.model, description: `${kind.description} model`, created: modelCreated, modified: modelCreated,
      versions: [
        { version: 1, title: 'Version 1', description: 'Initial version', template, created: modelCreated },
        // A second, newer version shows version lists; the things use version 1.
        ...(kind.key === 'hvac'
          ? [{ version: 2, title: 'Version 2', description: 'Adds filter hours', template: { ...template, properties: { ...template.properties, filterHours: { title: 'Filter hours', type: 'integer', unit: 'h', minimum: 0, readOnly: true } } }, created: rfc3339(DEMO_BASE - DAY_MS) }]
          : []),
      ],
    });
    if (kind.category) {
      space.categories.set(kind.category, { name: kind.category, description: `${kind.category}: ${kind.description.toLowerCase()}`, model: { name: kind.model, version: 1 }, created: modelCreated, modified: modelCreated });
    }
  }

  const rnd = mulberry32(hash32(seed, 0xde30));
  const buildings: string[] = [];
  let index = 0;
  let sample: Sample | undefined;
  for (const kind of KINDS) {
    for (let n = 0; n < kind.count; n++, index++) {
      const uid = seededUlid(seed, DEMO_BASE, index * MIN);
      const anchor = Math.floor(now / kind.stepMs) * kind.stepMs;
      const count = Math.floor((DEFAULT_RETENTION_DAYS * DAY_MS) / kind.stepMs);
      const series: Record<string, GeneratedSeries> = {};
      const status: Record<string, unknown> = {};
      for (const spec of kind.numeric) {
        const valueAt = signal(spec, seed, index);
        series[spec.name] = { start: anchor - (count - 1) * kind.stepMs, step: kind.stepMs, count, valueAt };
        status[spec.name] = valueAt(anchor);
      }
      seriesByUid.set(uid, series);
      Object.assign(status, kind.otherStatus(n, rnd));
      const links: Array<Record<string, string>> = [{ href: 'https://help.altair.com/altair-iot-studio/index.htm', rel: 'documentation' }];
      if (kind.hasParent && buildings.length > 0) links.push({ href: `${baseUrl}/spaces/demo/things/${buildings[n % buildings.length]}`, rel: 'parent' });
      if (kind.key === 'building') buildings.push(uid);
      const title = kind.title(n, rnd);
      const doc: ThingDoc = {
        uid,
        categories: kind.category ? [kind.category] : [],
        status,
        td: {
          title,
          description: kind.description,
          '@type': kind.type,
          model: { name: kind.model, version: 1 },
          properties: properties(kind),
          actions: kind.actions,
          events: kind.events,
          links,
        },
        created: rfc3339(DEMO_BASE + index * MIN),
        modified: rfc3339(DEMO_BASE + index * MIN),
      };
      space.things.put(doc);
      if (kind.key === 'hvac' && n === 0) {
        sample = { space: 'demo', category: 'HVAC', thing: { id: uid, title, numericProperty: 'temperature', actionName: 'setSetpoint', eventName: 'overheat' } };
      }
      if (kind.key === 'hvac' && n < 5) seedInteractions(space, uid, seed, index, now);
    }
  }
  return { space, sample: sample! };
}

/** A few past actions and events on the first HVAC units, so their lists are not empty. */
function seedInteractions(space: SpaceState, uid: string, seed: number, index: number, now: number): void {
  for (let k = 3; k >= 1; k--) {
    const requested = Math.floor(now / 1000) * 1000 - k * 6 * 3_600_000;
    const setpoint = 19 + k;
    pushRing(space.actions, uid, 'setSetpoint', {
      id: seededUlid(hash32(seed, index, 0xac), requested, k), name: 'setSetpoint', input: { setpoint },
      status: 'completed', output: { setpoint }, requested: requested + k, completed: requested + k + 2000,
    });
  }
  for (let k = 2; k >= 1; k--) {
    const at = Math.floor(now / 1000) * 1000 - k * 9 * 3_600_000;
    pushRing(space.events, uid, 'overheat', { id: seededUlid(hash32(seed, index, 0xe7), at, k), name: 'overheat', data: 31 + k, at: at + k });
  }
}
