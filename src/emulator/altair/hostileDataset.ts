/**
 * The `hostile` Altair space: the demo space plus one thing per string of src/emulator/hostileNames.ts
 * (as its title, its description, a property's title and unit, and a string property's value), and a
 * thing whose property names are hostile, so every sink of the extension can be tried against them.
 */
import { HOSTILE_NAMES } from '../hostileNames';
import { buildDemoSpace, type DatasetContext } from './demoDataset';
import type { SpaceState, Sample } from './store';
import { rfc3339 } from './time';
import { seededUlid } from './ulid';

export const HOSTILE_PROPERTIES_TITLE = 'Hostile property names';

export function buildHostileSpace(ctx: DatasetContext): { space: SpaceState; sample: Sample } {
  const built = buildDemoSpace(ctx);
  const names = Object.values(HOSTILE_NAMES);
  const base = Date.UTC(2024, 2, 2, 8);
  const put = (i: number, title: string, properties: Record<string, Record<string, unknown>>, status: Record<string, unknown>): void => {
    const at = rfc3339(base + i * 60_000);
    built.space.things.put({
      uid: seededUlid(ctx.seed ^ 0x4057, base, i),
      categories: [],
      status,
      td: { title, description: names[(i + 3) % names.length], properties, actions: {}, events: {}, links: [] },
      created: at,
      modified: at,
    });
  };
  names.forEach((title, i) => put(i, title, {
    temperature: { title: names[(i + 1) % names.length], type: 'number', unit: names[(i + 2) % names.length], readOnly: true },
    label: { title: 'Label', type: 'string' },
  }, { temperature: -20 + i, label: names[(i + 4) % names.length] }));
  put(names.length, HOSTILE_PROPERTIES_TITLE,
    Object.fromEntries(names.map((n) => [n, { title: n, type: 'number', unit: n }])),
    Object.fromEntries(names.map((n, i) => [n, -i])));
  return built;
}
