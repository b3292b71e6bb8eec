/**
 * Decoding of received MQTT messages. Everything is data from the server: payloads are parsed, never
 * trusted. A property message is `{"<name>": value}` on `…/properties/<name>`, or a map of several
 * values on `…/properties`; actions and events carry their API document.
 */
import { parseTopic, type Interaction } from './topics';

/** One property value as it arrived. */
export interface PropertyUpdate {
  readonly uid: string;
  readonly property: string;
  readonly value: unknown;
  /** When our client received it (MQTT messages carry no time of their own). */
  readonly receivedAt: number;
  readonly topic: string;
}

/** Any message, for monitoring: its topic, the raw text and, when it was JSON, the parsed body. */
export interface LiveMessage {
  readonly topic: string;
  readonly receivedAt: number;
  readonly text: string;
  /** `undefined` when the payload was not JSON. */
  readonly body: unknown;
  readonly uid?: string;
  readonly interaction?: Interaction;
  readonly name?: string;
  /** The property values in it (empty for actions, events and anything else). */
  readonly updates: readonly PropertyUpdate[];
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function decodeMessage(topic: string, payload: Uint8Array, receivedAt: number): LiveMessage {
  const text = decoder.decode(payload);
  const body = parseJson(text);
  const parts = parseTopic(topic);
  const base = { topic, receivedAt, text, body, uid: parts?.uid, interaction: parts?.interaction, name: parts?.name };
  if (!parts || parts.interaction !== 'properties') return { ...base, updates: [] };
  const update = (property: string, value: unknown): PropertyUpdate => ({ uid: parts.uid, property, value, receivedAt, topic });
  if (parts.name !== undefined) {
    // `{"temperature": 21}` on `…/properties/temperature`; a bare value is taken as is.
    const value = isMap(body) && Object.prototype.hasOwnProperty.call(body, parts.name) ? body[parts.name] : body;
    return { ...base, updates: body === undefined && text.length > 0 ? [update(parts.name, text)] : [update(parts.name, value)] };
  }
  return { ...base, updates: isMap(body) ? Object.entries(body).map(([k, v]) => update(k, v)) : [] };
}
