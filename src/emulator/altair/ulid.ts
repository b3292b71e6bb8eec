/**
 * ULIDs: seeded for the datasets (the same seed gives the same ids) and monotonic for the resources
 * created at run time (unique even when the emulator's clock is frozen).
 */
import { decodeTime, isValid, monotonicFactory, ulid } from 'ulid';
import { hash32, mulberry32 } from './prng';

/** The ULID of item `index` of a generated set: time `baseMs + index` keeps them sorted by index. */
export function seededUlid(seed: number, baseMs: number, index: number): string {
  return ulid(baseMs + index, mulberry32(hash32(seed, index)));
}

/** The index of a `seededUlid`, or undefined when the id is not one of the `count` generated ones. */
export function seededIndex(id: string, seed: number, baseMs: number, count: number): number | undefined {
  if (!isValid(id)) return undefined;
  let index: number;
  try {
    index = decodeTime(id) - baseMs;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
  return seededUlid(seed, baseMs, index) === id ? index : undefined;
}

export type IdFactory = () => string;

/** Fresh ULIDs stamped with the emulator clock. */
export function idFactory(now: () => number): IdFactory {
  const next = monotonicFactory();
  return () => next(now());
}
