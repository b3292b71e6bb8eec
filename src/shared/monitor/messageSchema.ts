/** The runtime schema of every message the Monitor Thing webview may send, field by field. */
import * as v from 'valibot';
import { logSchema, parseWith, replyErrorSchema, replySchema, textSchema, type Assert, type Parsed, type Same } from '../webview/validate';
import type { ViewToHost } from './protocol';

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** Copying the whole list of a busy Thing is large, but bounded. */
const MAX_COPY = 5_000_000;

const shownSchema = v.object({
  status: textSchema(),
  paused: v.boolean(),
  rows: count,
  received: count,
  counts: v.pipe(v.array(v.object({ topic: textSchema(), count })), v.maxLength(10_000), v.readonly()),
  newest: v.optional(v.object({ topic: textSchema(), text: textSchema(100_000) })),
});

const messageSchema = v.variant('type', [
  v.object({ type: v.literal('ready') }),
  v.object({ type: v.literal('retry') }),
  v.object({ type: v.literal('copy'), text: textSchema(MAX_COPY) }),
  v.variant('what', [replySchema('shown', shownSchema)]),
  replyErrorSchema,
  logSchema,
]);

/** Checks one message from the Monitor Thing webview. */
export function parseViewToHost(message: unknown): Parsed<ViewToHost> {
  return parseWith(messageSchema, message);
}

export type SchemasMatchProtocol = [Assert<Same<v.InferOutput<typeof messageSchema>, ViewToHost>>];
