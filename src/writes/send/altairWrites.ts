/**
 * Altair IoT Studio writes: invoke a Thing's action, create an event, update properties, send e-mail.
 * The Thing Description is read first so input, event data and property values are checked against
 * their schemas (and names against the affordances) before anything is written.
 */
import { actionIdOf, type ActionResponse, type EventResponse, type Thing } from '../../platforms/altair';
import { ValidationError } from '../../platforms/http';
import { CHECKS, MEANINGS, failed, type WriteOutcome } from '../model/outcome';
import { checkAgainstSchema } from '../model/schemaForm';
import { describeSpec, type AltairActionSpec, type AltairEmailSpec, type AltairEventSpec, type AltairPropertiesSpec } from '../model/writeSpec';
import type { AltairEndpoints, PreparedWrite, WriteContext } from './context';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

async function thingOf(endpoints: AltairEndpoints, thingId: string, signal?: AbortSignal): Promise<Thing> {
  if (!thingId) throw new ValidationError('thingId', 'is required');
  return (await endpoints.api.spaces(endpoints.space).things(thingId).get({ signal })) as Thing;
}

function names(map: Record<string, unknown> | undefined): string {
  const list = Object.keys(map ?? {});
  return list.length ? list.join(', ') : 'none';
}

export async function prepareAltairAction(spec: AltairActionSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const endpoints = await ctx.altair(spec.connection);
  const thing = await thingOf(endpoints, spec.thingId, signal);
  const affordance = thing.actions?.[spec.action];
  if (!affordance) throw new ValidationError('action', `thing ${thing.title ?? spec.thingId} has no action "${spec.action}" (actions: ${names(thing.actions)})`);
  if (affordance.input) checkAgainstSchema(affordance.input, spec.input, 'input');
  else if (spec.input !== undefined) throw new ValidationError('input', `action "${spec.action}" takes no input`);
  return {
    spec,
    description: describeSpec(spec),
    targets: 1,
    notes: spec.input === undefined ? [] : [`input: ${JSON.stringify(spec.input)}`],
    async run(runSignal) {
      let response: ActionResponse;
      try {
        response = await endpoints.api.spaces(endpoints.space).things(spec.thingId).actions(spec.action).create(spec.input === undefined ? {} : { input: spec.input }, { signal: runSignal });
      } catch (err) {
        return failed(err, `Action ${spec.action}`, CHECKS.altairAction);
      }
      const value = response[spec.action] ?? Object.values(response)[0];
      const id = actionIdOf(response)?.id;
      return {
        result: 'accepted',
        summary: `Action ${spec.action} requested on ${thing.title ?? spec.thingId}: status "${value?.status ?? 'unknown'}"${id ? ` (id ${id})` : ''}`,
        meaning: MEANINGS.altairAction,
        details: [value?.href ? `Resource: ${value.href}` : '', value?.timeRequested ? `Requested: ${value.timeRequested}` : ''].filter(Boolean),
        response,
      };
    },
  };
}

export async function prepareAltairEvent(spec: AltairEventSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const endpoints = await ctx.altair(spec.connection);
  const thing = await thingOf(endpoints, spec.thingId, signal);
  const affordance = thing.events?.[spec.event];
  if (!affordance) throw new ValidationError('event', `thing ${thing.title ?? spec.thingId} has no event "${spec.event}" (events: ${names(thing.events)})`);
  if (affordance.data) checkAgainstSchema(affordance.data, spec.data, 'data');
  return {
    spec,
    description: describeSpec(spec),
    targets: 1,
    notes: spec.data === undefined ? [] : [`data: ${JSON.stringify(spec.data)}`],
    async run(runSignal) {
      let response: EventResponse;
      try {
        response = await endpoints.api.spaces(endpoints.space).things(spec.thingId).events(spec.event).create(spec.data === undefined ? {} : { data: spec.data }, { signal: runSignal });
      } catch (err) {
        return failed(err, `Event ${spec.event}`, CHECKS.altairEvent);
      }
      const value = response[spec.event] ?? Object.values(response)[0];
      return {
        result: 'ok',
        summary: `Event ${spec.event} created on ${thing.title ?? spec.thingId}${value?.timestamp ? ` at ${value.timestamp}` : ''}`,
        meaning: MEANINGS.altairEvent,
        details: value?.href ? [`Resource: ${value.href}`] : [],
        response,
      };
    },
  };
}

export async function prepareAltairProperties(spec: AltairPropertiesSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const entries = Object.entries(spec.properties ?? {});
  if (entries.length === 0) throw new ValidationError('properties', 'give at least one property and its new value');
  const endpoints = await ctx.altair(spec.connection);
  const thing = await thingOf(endpoints, spec.thingId, signal);
  const declared = thing.properties ?? {};
  const warnings: string[] = [];
  for (const [name, value] of entries) {
    const schema = declared[name];
    // An undeclared name is most likely a typo: Altair would store it as a new property without complaint.
    if (!schema) throw new ValidationError(`properties.${name}`, `thing ${thing.title ?? spec.thingId} declares no property "${name}" (properties: ${names(declared)})`);
    const { readOnly, ...valueSchema } = schema;
    checkAgainstSchema(valueSchema, value, `properties.${name}`);
    // Read-only properties are the device's to report; writing one stands in for the device, which is allowed but asked.
    if (readOnly) warnings.push(`${name} is read-only in the Thing Description (the device reports it); writing it stands in for the device.`);
  }
  return {
    spec,
    description: describeSpec(spec),
    targets: 1,
    notes: entries.map(([k, v]) => `${k} = ${JSON.stringify(v)}${k in (thing.status ?? {}) ? ` (now ${JSON.stringify(thing.status?.[k])})` : ''}`),
    warnings,
    async run(runSignal) {
      let response: Record<string, unknown>;
      try {
        const things = endpoints.api.spaces(endpoints.space).things(spec.thingId);
        const options = { updateHistory: spec.updateHistory, signal: runSignal };
        // One property goes to its own resource; several go in one request, so they change together.
        response = entries.length === 1 ? await things.properties(entries[0][0]).update(entries[0][1], options) : await things.properties().update(spec.properties, options);
      } catch (err) {
        return failed(err, `Updating ${entries.map(([k]) => k).join(', ')}`, CHECKS.altairProperties);
      }
      return {
        result: 'ok',
        summary: `Updated ${entries.map(([k]) => k).join(', ')} of ${thing.title ?? spec.thingId}`,
        meaning: `${MEANINGS.altairProperties}${spec.updateHistory === false ? ' The properties history was not appended (update_history=false).' : ' The values were appended to the properties history too.'}`,
        details: Object.entries(response ?? {}).map(([k, v]) => `${k} = ${JSON.stringify(v)}`),
        response,
      };
    },
  };
}

function checkAddresses(field: string, list: readonly string[] | undefined, required: boolean): void {
  if (list === undefined) {
    if (required) throw new ValidationError(field, 'needs at least one recipient');
    return;
  }
  if (!Array.isArray(list) || (required && list.length === 0)) throw new ValidationError(field, 'needs at least one recipient');
  list.forEach((address, i) => {
    if (typeof address !== 'string' || !EMAIL.test(address.trim())) throw new ValidationError(`${field}[${i}]`, `"${String(address)}" is not an e-mail address`);
  });
}

export async function prepareAltairEmail(spec: AltairEmailSpec, ctx: WriteContext): Promise<PreparedWrite> {
  checkAddresses('to', spec.to, true);
  checkAddresses('cc', spec.cc, false);
  checkAddresses('bcc', spec.bcc, false);
  if (!spec.subject && !spec.text && !spec.html) throw new ValidationError('subject', 'give a subject or a body (text or html)');
  const endpoints = await ctx.altair(spec.connection);
  return {
    spec,
    description: describeSpec(spec),
    targets: spec.to.length + (spec.cc?.length ?? 0) + (spec.bcc?.length ?? 0),
    notes: spec.subject ? [`subject: ${spec.subject}`] : [],
    async run(runSignal): Promise<WriteOutcome> {
      try {
        await endpoints.api
          .spaces(endpoints.space)
          .communications()
          .email()
          .send(
            {
              to: [...spec.to],
              ...(spec.cc ? { cc: [...spec.cc] } : {}),
              ...(spec.bcc ? { bcc: [...spec.bcc] } : {}),
              ...(spec.subject !== undefined ? { subject: spec.subject } : {}),
              body: { html: spec.html ?? null, text: spec.text ?? null },
            },
            { signal: runSignal },
          );
      } catch (err) {
        return failed(err, 'E-mail', CHECKS.altairEmail);
      }
      return { result: 'accepted', summary: `E-mail accepted for ${spec.to.join(', ')}`, meaning: MEANINGS.altairEmail, details: [] };
    },
  };
}
