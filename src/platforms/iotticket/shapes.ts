/**
 * The minimum shape of each IoT-TICKET answer the clients read (v1, device adapter, asset API): checked by
 * the HTTP core on every 2xx, so a body of another shape is a ParseError (an unknown outcome for writes)
 * naming what is wrong, never a TypeError in the code that reads it. Fields beyond these pass as they are.
 */
import { array, looseObject, nullish, number, optional, string, undefined_, union, type GenericSchema } from 'valibot';
import { anyObject } from '../http';

export { anyObject };

const text = string();
const maybeText = nullish(string());
const time = union([string(), number()]);

/** Anything with a string id: assets, attributes, templates, devices, organizations, credentials, analytics items. */
export const entity = looseObject({ id: text });

/** `{fullSize, limit, offset, items}`; `items` is left out when empty. */
export function paged(item: GenericSchema = entity): GenericSchema {
  return looseObject({ fullSize: number(), limit: optional(number()), offset: optional(number()), items: nullish(array(item)) });
}

export const assetLevel = looseObject({ asset: nullish(entity), children: array(entity), fullSize: number() });

export const count = looseObject({ count: number() });

export const events = looseObject({ items: nullish(array(looseObject({ eventId: optional(text), message: optional(maybeText) }))) });

export const template = looseObject({ id: text, attributes: nullish(array(entity)) });

export const created = looseObject({ id: text });

export const statistics = array(looseObject({ stattime: time }));

export const timesignal = looseObject({ values: nullish(array(looseObject({ ts: time, id: optional(text) }))) });

/** The part of a series page read besides its points (the points are scanned or checked on their own). */
export const seriesPage = looseObject({
  name: maybeText, unit: maybeText, dataType: maybeText, assetId: maybeText, attributeId: maybeText,
  values: nullish(array(looseObject({ ts: time }))),
});

export const commandAttributes = looseObject({
  items: nullish(array(looseObject({ id: text, latest: nullish(looseObject({ id: optional(text), createdAt: optional(time) })) }))),
});

/** A command receipt: any object (its ids are optional; the outcome says what it got). */
export const receipt = looseObject({ commandId: optional(text), commandIds: optional(array(text)) });

export const commandLog = looseObject({ history: nullish(array(looseObject({ id: text, status: text }))), latest: nullish(looseObject({})) });

export const polledCommands = union([array(anyObject), looseObject({ commands: nullish(array(anyObject)) }), undefined_()]);

/** v1 reads: `{href, datanodeReads: [{name, dataType, values: [{ts, v}]}]}`. */
export const v1Read = looseObject({
  datanodeReads: nullish(array(looseObject({ name: text, dataType: text, values: nullish(array(looseObject({ ts: time }))) }))),
});

export const v1Statistics = looseObject({ datanodeReads: nullish(array(looseObject({ name: text, values: nullish(array(anyObject)) }))) });

export const v1Device = looseObject({ deviceId: text });
