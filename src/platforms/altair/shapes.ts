/**
 * The minimum shape of Altair answers the client reads: every JSON body is an object unless a resource
 * says otherwise, Things carry a uid, action and event answers are keyed by their name. The HTTP core
 * checks them on every 2xx (ParseError for reads, an unknown outcome for writes).
 */
import { array, looseObject, optional, string, type GenericSchema } from 'valibot';

export const thing = looseObject({ uid: string() });

/** `{"<name>": {…}}`, the answer of action and event requests. */
export function keyedBy(name: string): GenericSchema {
  return looseObject({ [name]: looseObject({}) });
}

export const historyValues = array(looseObject({ at: optional(string()) }));
