/**
 * Worker thread that decodes get_all_assets pages for the Go to… index (assetPageParser.ts starts it).
 * Parsing here keeps V8's string-table growth from a million short ids off the extension host's thread;
 * the columns come back by structured clone, whose strings are not internalized.
 */
import { parentPort } from 'node:worker_threads';
import { columnsOf, type PageReply, type PageRequest } from './assetPageColumns';

const decoder = new TextDecoder();
parentPort?.on('message', ({ id, bytes }: PageRequest) => {
  let reply: PageReply;
  try {
    reply = { id, columns: columnsOf(JSON.parse(decoder.decode(bytes))) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
