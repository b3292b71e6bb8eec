/**
 * Messages between the extension host and the Go to… index worker (indexWorker.ts): pages of
 * get_all_assets to parse, and the stored index (indexStore.ts) to read or write. Replies carry the
 * request's id. A stored index is read a chunk per request (`loadNext`): a port drains every message
 * waiting in one task, so chunks pushed all at once would block the extension host for their sum.
 */
import type { PageColumns } from './assetPageColumns';

/** A chunk of a stored index: parents as positions in it (null: a root; a string: a parent id not found when stored). */
export interface StoredChunk {
  readonly ids: string[];
  readonly names: string[];
  readonly parents: (number | string | null)[];
}

/** The last line of a stored index: written after every chunk, so a cut file has none and is refused. */
export interface StoredIndexHeader {
  readonly format: 'iot-explorer-goto-index';
  readonly version: 1;
  /** The asset count the server reported. */
  readonly total: number;
  /** How many assets the chunks hold. */
  readonly size: number;
  /** When the build that was stored completed (ms since the epoch). */
  readonly builtAt: number;
}

export type IndexRequest =
  | { readonly id: number; readonly kind: 'page'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly kind: 'load'; readonly file: string }
  | { readonly id: number; readonly kind: 'loadNext' }
  | { readonly id: number; readonly kind: 'saveStart'; readonly file: string }
  | { readonly id: number; readonly kind: 'saveChunk'; readonly chunk: StoredChunk }
  | { readonly id: number; readonly kind: 'saveEnd'; readonly header: StoredIndexHeader };

export type IndexReply =
  | { readonly id: number; readonly columns: PageColumns }
  /** The next chunk of a load (after `load` or `loadNext`), or its header once every chunk was sent. */
  | { readonly id: number; readonly chunk: StoredChunk; readonly total: number }
  | { readonly id: number; readonly loaded: StoredIndexHeader }
  | { readonly id: number; readonly saved: true }
  | { readonly id: number; readonly error: string };
