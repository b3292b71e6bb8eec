/** Checks of request bodies shared by several routes (400 `malformed body`-style errors with a reason). */
import { isObject } from '../body';
import { badRequest, notFound } from '../errors';
import type { SpaceState } from '../store';
import type { ModelRef, VersionRec } from '../types';

export const NAME_PATTERN = /^[a-zA-Z0-9_:-]{1,26}$/;

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`"${field}" must be a string`);
  return v;
}

export function requiredName(body: Record<string, unknown>): string {
  const name = body.name;
  if (typeof name !== 'string') throw badRequest('"name" is required');
  if (!NAME_PATTERN.test(name)) throw badRequest(`"name" must match ${NAME_PATTERN.source}`);
  return name;
}

/** A `{name, version?}` model reference, or null/undefined. */
export function modelRef(value: unknown): ModelRef | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isObject(value) || typeof value.name !== 'string') throw badRequest('"model" must be an object with a "name"');
  if (value.version !== undefined && value.version !== null && !Number.isInteger(value.version)) throw badRequest('"model.version" must be an integer');
  return typeof value.version === 'number' ? { name: value.name, version: value.version } : { name: value.name };
}

/** The model version a reference points at (the newest when no version is given); 404 when unknown. */
export function resolveModel(space: SpaceState, ref: ModelRef): VersionRec | undefined {
  const model = space.models.get(ref.name);
  if (!model) throw notFound(`model ${ref.name} not found`);
  if (ref.version === undefined) return model.versions[model.versions.length - 1];
  const v = model.versions.find((x) => x.version === ref.version);
  if (!v) throw notFound(`version ${ref.version} of model ${ref.name} not found`);
  return v;
}

export function stringArray(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`"${field}" must be an array of strings`);
  return [...new Set(value as string[])];
}
