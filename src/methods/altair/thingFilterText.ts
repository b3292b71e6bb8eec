/**
 * The filter a user types for the bulk Thing commands, e.g. `category:Pumps type:Sensor temperature=gt:20`:
 * space-separated terms, `category:`, `type:` and `uid:` (repeatable) and property conditions
 * (`name=op:value`, ops eq, neq, gt, gte, lt, lte, contains). Parsed to the platform's delete filter, with
 * an error naming the term while it is typed. Pure.
 */
import { parsePropertyFilter, type PropertyCondition, type ThingDeleteFilter } from '../../platforms/altair/thingFilters';
import { ValidationError } from '../../platforms/http';

export function parseThingFilterText(text: string, inCategory: boolean): ThingDeleteFilter {
  const categories: string[] = [];
  const thingIds: string[] = [];
  const properties: Record<string, PropertyCondition[]> = {};
  let type: string | undefined;
  for (const term of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(category|type|uid):(.+)$/i.exec(term);
    if (m) {
      const key = m[1]!.toLowerCase();
      if (key === 'category') {
        if (inCategory) throw new ValidationError('category', 'these are the Things of one category already: leave category: out');
        categories.push(m[2]!);
      } else if (key === 'uid') thingIds.push(m[2]!);
      else if (type !== undefined) throw new ValidationError('type', 'give one type: at most');
      else type = m[2]!;
      continue;
    }
    if (!term.includes('=')) throw new ValidationError('filter', `"${term}" is not a term: use category:, type:, uid: or name=op:value`);
    const { name, condition } = parsePropertyFilter(term);
    (properties[name] ??= []).push(condition);
  }
  const filter: ThingDeleteFilter = {
    ...(type !== undefined ? { type } : {}),
    ...(thingIds.length ? { thingIds } : {}),
    ...(categories.length ? { categories } : {}),
    ...(Object.keys(properties).length ? { properties } : {}),
  };
  if (Object.keys(filter).length === 0) throw new ValidationError('filter', 'give at least one term: a bulk command never applies to every Thing by default');
  return filter;
}
