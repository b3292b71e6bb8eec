/** The runtime schema of every message the event-history webview may send, field by field. */
import * as v from 'valibot';
import { logSchema, parseWith, replyErrorSchema, replySchema, textSchema, timeSchema, type Assert, type Parsed, type Same } from '../webview/validate';
import { ACK_FILTERS, EVENT_TYPE_FILTERS, queryProblem, type HistoryQuery, type ViewToHost } from './protocol';

export const historyQuerySchema = v.pipe(
  v.object({ type: v.optional(v.picklist(EVENT_TYPE_FILTERS)), start: timeSchema, end: timeSchema, ack: v.picklist(ACK_FILTERS) }),
  v.check((q) => queryProblem(q) === undefined, 'start before end'),
);

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const messageSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('query'), query: historyQuerySchema }),
  v.object({ type: v.literal('retry') }),
  v.object({ type: v.literal('showLog'), entry: v.pipe(count, v.minValue(1)) }),
  v.variant('what', [
    replySchema('shown', v.object({ status: textSchema(), error: v.boolean(), rows: count, firstRow: v.pipe(v.array(textSchema(100_000)), v.maxLength(20), v.readonly()) })),
  ]),
  replyErrorSchema,
  logSchema,
]);

/** Checks one message from the event-history webview. */
export function parseViewToHost(message: unknown): Parsed<ViewToHost> {
  return parseWith(messageSchema, message);
}

export type SchemasMatchProtocol = [
  Assert<Same<v.InferOutput<typeof messageSchema>, ViewToHost>>,
  Assert<Same<v.InferOutput<typeof historyQuerySchema>, HistoryQuery>>,
];
