/**
 * Deterministic sensor-like signals: a daily cycle plus noise (or a steadily growing counter), as a
 * pure function of the timestamp, so history can be computed point by point instead of stored.
 */
import { hash32, hashString, unit } from './prng';
import { DAY_MS, HOUR_MS } from './time';

export interface NumericSpec {
  readonly name: string;
  readonly title: string;
  readonly unit: string;
  readonly minimum: number;
  readonly maximum: number;
  /** Typical level and half-height of the daily cycle. */
  readonly base: number;
  readonly amp: number;
  readonly noise: number;
  readonly integer?: boolean;
  readonly readOnly?: boolean;
  /** `counter` grows by about `base` per hour (energy, odometer). */
  readonly kind?: 'cycle' | 'counter';
}

const COUNTER_EPOCH = Date.UTC(2024, 0, 1);

/** The value function of one property of one thing. */
export function signal(spec: NumericSpec, seed: number, thingKey: number): (at: number) => number {
  const p = hashString(spec.name);
  const phase = unit(hash32(seed, thingKey, p, 1)) * 2 * Math.PI;
  const offset = (unit(hash32(seed, thingKey, p, 2)) - 0.5) * spec.amp * 0.6;
  const scale = spec.integer ? 1 : 100;
  const round = (v: number): number => Math.round(v * scale) / scale;
  if (spec.kind === 'counter') {
    const rate = spec.base * (0.6 + 0.8 * unit(hash32(seed, thingKey, p, 3)));
    const start = spec.minimum + unit(hash32(seed, thingKey, p, 4)) * spec.base * 1000;
    // rate·(1 + 0.5·sin) stays positive, so the counter never goes down.
    const swing = (rate * 0.5 * 24) / (2 * Math.PI);
    return (at) => {
      const hours = (at - COUNTER_EPOCH) / HOUR_MS;
      return round(start + rate * hours - swing * Math.cos((2 * Math.PI * hours) / 24 + phase) + swing);
    };
  }
  return (at) => {
    const day = (((at % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
    const noise = (unit(hash32(seed, thingKey, p, at)) * 2 - 1) * spec.noise;
    const v = spec.base + offset + spec.amp * Math.sin(2 * Math.PI * day + phase) + noise;
    return round(Math.min(spec.maximum, Math.max(spec.minimum, v)));
  };
}

/** The property affordance of a numeric spec (typed, with unit and limits). */
export function numericAffordance(spec: NumericSpec): Record<string, unknown> {
  return {
    title: spec.title,
    type: spec.integer ? 'integer' : 'number',
    unit: spec.unit,
    ...(spec.kind === 'counter' ? { minimum: spec.minimum } : { minimum: spec.minimum, maximum: spec.maximum }),
    readOnly: spec.readOnly ?? true,
    observable: true,
  };
}
