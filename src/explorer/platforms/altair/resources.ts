/** What the Altair tree read of the entities features act on (the `resource()` of its nodes). Types only. */
import type { PropertyAffordance, Thing, ThingCategory } from '../../../platforms/altair';

/** A thing as listed: in full, or as a category lists it. */
export type AnyThing = Thing | ThingCategory;

export interface AltairResources {
  'altair-thing': { readonly thing: AnyThing };
  'altair-property': { readonly thing: AnyThing; readonly schema?: PropertyAffordance; readonly value: unknown };
  'altair-action': { readonly thing: AnyThing };
  'altair-event': { readonly thing: AnyThing };
}
