/** Checks made before any request, each naming the offending parameter (camelCase, as our callers write it). */
import { ValidationError } from '../http';

// Interfaces (not only records) are accepted: the checks read properties by name.
type Given = object;

function provided(options: Readonly<Record<string, unknown>>, names: readonly string[]): string[] {
  return names.filter((n) => options[n] !== undefined && options[n] !== null);
}

/** Exactly one of `names` must be set; returns the one that is. */
export function requireExactlyOne<K extends string>(options: Given, names: readonly K[]): K {
  const given = provided(options as Readonly<Record<string, unknown>>, names) as K[];
  if (given.length !== 1) {
    const list = names.join(', ');
    throw new ValidationError(
      given.length === 0 ? names.join('|') : given.join('|'),
      given.length === 0 ? `exactly one of ${list} must be given, none was` : `exactly one of ${list} must be given, got ${given.join(' and ')}`,
    );
  }
  return given[0];
}

/** At most one of `names` may be set; returns it, or undefined when none is. */
export function allowAtMostOne<K extends string>(options: Given, names: readonly K[]): K | undefined {
  const given = provided(options as Readonly<Record<string, unknown>>, names) as K[];
  if (given.length > 1) throw new ValidationError(given.join('|'), `at most one of ${names.join(', ')} may be given, got ${given.join(' and ')}`);
  return given[0];
}

/** `value` must be one of `allowed` (case-sensitive, as the das reference says). */
export function requireOneOf<T extends string>(parameter: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    const hint = value === undefined ? '' : suggest(value, allowed);
    throw new ValidationError(parameter, `${value === undefined ? 'is required' : `"${value}" is not allowed`}; use one of ${allowed.join(', ')}${hint}`);
  }
  return value as T;
}

/** Like requireOneOf, for optional values. */
export function optionalOneOf<T extends string>(parameter: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  return value === undefined ? undefined : requireOneOf(parameter, value, allowed);
}

function suggest(value: string, allowed: readonly string[]): string {
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  return match ? ` (values are case-sensitive: did you mean ${match}?)` : '';
}

/** A whole number in [min, max]; undefined gives `fallback`. */
export function checkInteger(parameter: string, value: number | undefined, min: number, max: number, fallback: number): number;
export function checkInteger(parameter: string, value: number | undefined, min: number, max: number, fallback?: undefined): number | undefined;
export function checkInteger(parameter: string, value: number | undefined, min: number, max: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(parameter, `${value} must be a whole number from ${min} to ${max}`);
  return value;
}

/** A required non-empty string no longer than `max` characters. */
export function checkText(parameter: string, value: unknown, max: number, required = true): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new ValidationError(parameter, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw new ValidationError(parameter, 'must be a string');
  if (value.length > max) throw new ValidationError(parameter, `is ${value.length} characters long; the limit is ${max}`);
  return value;
}

/** A names path: a non-empty list of non-empty names. */
export function checkNamesPath(parameter: string, value: readonly string[], minLength = 1): readonly string[] {
  if (!Array.isArray(value) || value.length < minLength) {
    throw new ValidationError(parameter, minLength > 1 ? `must list at least ${minLength} names (the asset path and the attribute name)` : 'must list at least one name');
  }
  value.forEach((n, i) => {
    if (typeof n !== 'string' || n === '') throw new ValidationError(`${parameter}[${i}]`, 'must be a non-empty name');
  });
  return value;
}

/** A non-empty list of non-empty strings. */
export function checkNonEmptyList(parameter: string, value: readonly string[]): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) throw new ValidationError(parameter, 'must be a non-empty list');
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') throw new ValidationError(`${parameter}[${i}]`, 'must be a non-empty string');
  });
  return value;
}
