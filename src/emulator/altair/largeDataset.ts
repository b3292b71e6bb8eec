/**
 * The large dataset: space `large` with `assets` sensor things (100,000 by default, up to a million)
 * computed from their index, and thing 0 whose `temperature` history holds `pointsPerSeries` points
 * (the paging benchmark reads it 1000 at a time). Nothing per thing is stored until it changes.
 */
import type { DatasetContext } from './demoDataset';
import { HistoryStore, type GeneratedSeries } from './history';
import { numericAffordance, signal, type NumericSpec } from './signals';
import { DEFAULT_RETENTION_DAYS, SpaceState, type Sample } from './store';
import { ThingTable, type ThingGenerator } from './thingTable';
import { DAY_MS, HOUR_MS, rfc3339 } from './time';
import type { ThingDoc } from './types';
import { seededIndex, seededUlid } from './ulid';

export interface LargeContext extends DatasetContext {
  readonly assets: number;
  readonly pointsPerSeries: number;
}

const BASE = Date.UTC(2023, 5, 1);
const ZONES = 10;
/** The long series spans 60 days, well inside the 90-day retention. */
const LONG_SPAN_MS = 60 * DAY_MS;

const NUMERIC: readonly NumericSpec[] = [
  { name: 'temperature', title: 'Temperature', unit: 'celsius', minimum: -40, maximum: 85, base: 20, amp: 4, noise: 0.5 },
  { name: 'humidity', title: 'Relative humidity', unit: 'percent', minimum: 0, maximum: 100, base: 50, amp: 12, noise: 2 },
  { name: 'battery', title: 'Battery', unit: 'percent', minimum: 0, maximum: 100, base: 70, amp: 5, noise: 0.5 },
];
const PROPERTIES = {
  ...Object.fromEntries(NUMERIC.map((s) => [s.name, numericAffordance(s)])),
  interval: { title: 'Reporting interval', type: 'integer', unit: 's', minimum: 10, maximum: 86400, readOnly: false },
};
const ACTIONS = {
  setInterval: { title: 'Set reporting interval', input: { type: 'object', properties: { interval: { type: 'integer', unit: 's', minimum: 10, maximum: 86400 } }, required: ['interval'] } },
};
const EVENTS = { lowBattery: { title: 'Low battery', data: { type: 'number', unit: 'percent' } } };

export function zoneOf(index: number): string | undefined {
  const z = index % (ZONES + 1);
  return z < ZONES ? `Zone${String(z + 1).padStart(2, '0')}` : undefined;
}

export function buildLargeSpace(ctx: LargeContext): { space: SpaceState; sample: Sample } {
  const { seed, now, assets, pointsPerSeries } = ctx;
  const anchor = Math.floor(now / HOUR_MS) * HOUR_MS;
  const hourly = Math.floor((DEFAULT_RETENTION_DAYS * DAY_MS) / HOUR_MS);
  const longStep = Math.max(1, Math.floor(LONG_SPAN_MS / Math.max(1, pointsPerSeries)));
  const longEnd = Math.floor(now / 1000) * 1000;

  const seriesOf = (index: number): Record<string, GeneratedSeries> => {
    const out: Record<string, GeneratedSeries> = {};
    for (const spec of NUMERIC) {
      const valueAt = signal(spec, seed, index);
      out[spec.name] = index === 0 && spec.name === 'temperature'
        ? { start: longEnd - (pointsPerSeries - 1) * longStep, step: longStep, count: pointsPerSeries, valueAt }
        : { start: anchor - (hourly - 1) * HOUR_MS, step: HOUR_MS, count: hourly, valueAt };
    }
    return out;
  };

  const gen: ThingGenerator = {
    count: assets,
    uidAt: (i) => seededUlid(seed, BASE, i),
    indexOf: (uid) => seededIndex(uid, seed, BASE, assets),
    build(i): ThingDoc {
      const status: Record<string, unknown> = {};
      const series = seriesOf(i);
      for (const spec of NUMERIC) {
        const s = series[spec.name];
        status[spec.name] = s.valueAt(s.start + (s.count - 1) * s.step);
      }
      status.interval = 3600;
      const zone = zoneOf(i);
      const at = rfc3339(BASE + i);
      return {
        uid: gen.uidAt(i),
        categories: zone ? [zone] : [],
        status,
        td: {
          title: `Sensor ${String(i + 1).padStart(7, '0')}`,
          description: 'Battery-powered climate sensor',
          '@type': 'Sensor',
          model: { name: 'SensorModel', version: 1 },
          properties: PROPERTIES,
          actions: ACTIONS,
          events: EVENTS,
        },
        created: at,
        modified: at,
      };
    },
  };

  const history = new HistoryStore((uid) => {
    const i = gen.indexOf(uid);
    return i === undefined ? undefined : seriesOf(i);
  });
  const created = rfc3339(BASE - DAY_MS);
  const space = new SpaceState('large', `Large space: ${assets} sensors`, created, new ThingTable(gen), history);
  space.models.set('SensorModel', {
    id: seededUlid(seed ^ 0x1a76e, BASE - DAY_MS, 0), name: 'SensorModel', description: 'Climate sensor', created, modified: created,
    versions: [{ version: 1, title: 'Version 1', template: { title: 'Climate sensor', properties: PROPERTIES, actions: ACTIONS, events: EVENTS }, created }],
  });
  for (let z = 0; z < ZONES; z++) {
    const name = `Zone${String(z + 1).padStart(2, '0')}`;
    space.categories.set(name, { name, description: `Sensors of zone ${z + 1}`, model: { name: 'SensorModel', version: 1 }, created, modified: created });
  }
  const first = assets > 0 ? gen.build(0) : undefined;
  const sample: Sample = {
    space: 'large',
    category: 'Zone01',
    thing: { id: first?.uid ?? '', title: String(first?.td.title ?? ''), numericProperty: 'temperature', actionName: 'setInterval', eventName: 'lowBattery' },
  };
  return { space, sample };
}
