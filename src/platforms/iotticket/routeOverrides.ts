/**
 * Route overrides for the direct-HTTP asset API: a user who knows the real paths replaces any inferred
 * template of `CORE_ROUTE_TEMPLATES` by its name, without a release. Checked before any request: unknown
 * names are refused with the list of valid ones, and a template must keep exactly the placeholders of the
 * one it replaces (so that every call still has what it needs and sends nothing it should not).
 */
import { ValidationError } from '../http';
import { buildAssetApiRoutes, CORE_ROUTE_TEMPLATES, placeholders, type AssetApiRouteName, type AssetApiRoutes, type AssetApiRouteTemplates } from './routes';

export type RouteOverrides = Readonly<Record<string, string>>;

const NAMES = Object.keys(CORE_ROUTE_TEMPLATES) as AssetApiRouteName[];

function isRouteName(name: string): name is AssetApiRouteName {
  return Object.prototype.hasOwnProperty.call(CORE_ROUTE_TEMPLATES, name);
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Every problem of `overrides`, one message per route (empty when they are all valid). */
export function routeOverrideProblems(overrides: RouteOverrides): string[] {
  const problems: string[] = [];
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) return ['must be an object of route names and path templates'];
  for (const [name, template] of Object.entries(overrides)) {
    if (!isRouteName(name)) {
      problems.push(`"${name}" is not a route name; valid names: ${NAMES.join(', ')}`);
      continue;
    }
    const original = CORE_ROUTE_TEMPLATES[name];
    if (typeof template !== 'string' || template.trim() === '') {
      problems.push(`${name}: must be a non-empty path template like "${original}"`);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:|^\/|[?#\s]/i.test(template)) {
      problems.push(`${name}: "${template}" must be a path relative to the asset API base URL, without a leading "/", a scheme, a query or spaces`);
      continue;
    }
    if (template.split('/').some((s) => s === '..' || s === '.')) {
      problems.push(`${name}: "${template}" must not contain "." or ".." segments`);
      continue;
    }
    const unmatched = template.replace(/\{[A-Za-z]+\}/g, '');
    if (/[{}]/.test(unmatched)) {
      problems.push(`${name}: "${template}" has an unbalanced "{" or "}"`);
      continue;
    }
    const want = placeholders(original);
    const got = placeholders(template);
    if (!sameSet(want, got) || new Set(got).size !== got.length) {
      const list = (p: readonly string[]): string => (p.length ? p.map((x) => `{${x}}`).join(', ') : 'no placeholders');
      problems.push(`${name}: "${template}" must use exactly the placeholders of "${original}" (${list(want)}), not ${list(got)}`);
    }
  }
  return problems;
}

/** The route table with `overrides` applied; a ValidationError naming every problem when any is invalid. */
export function overrideAssetApiRouteTemplates(overrides: RouteOverrides | undefined): AssetApiRouteTemplates {
  if (overrides === undefined) return CORE_ROUTE_TEMPLATES;
  const problems = routeOverrideProblems(overrides);
  if (problems.length > 0) throw new ValidationError('routeOverrides', problems.join('; '));
  return { ...CORE_ROUTE_TEMPLATES, ...overrides } as AssetApiRouteTemplates;
}

/** The asset-API paths with `overrides` applied (see overrideAssetApiRouteTemplates). */
export function overrideAssetApiRoutes(overrides: RouteOverrides | undefined): AssetApiRoutes {
  return buildAssetApiRoutes(overrideAssetApiRouteTemplates(overrides));
}
