/**
 * Messages between the extension host and the Go to… index worker (indexWorker.ts): pages of
 * get_all_assets to pack for an index build, and the stored index (indexStore.ts) to read or write.
 * Replies carry the request's id. A stored index is read a chunk per request (`loadNext`): a port
 * delivers every message waiting in one task, so chunks pushed all at once would block the host.
 */
import type { AssetItem, PackedChunk, PackedPage } from './packedChunk';

/** The last line of a stored index: written after every chunk, so a cut file has none and is refused. */
export interface StoredIndexHeader {
  readonly format: 'iot-explorer-goto-index';
  readonly version: 2;
  /** The asset count the server reported. */
  readonly total: number;
  /** How many assets the chunks hold. */
  readonly size: number;
  /** When the build that was stored completed (ms since the epoch). */
  readonly builtAt: number;
}

export type IndexRequest =
  /** A page's body as the server sent it, packed for build `build`. */
  | { readonly id: number; readonly kind: 'page'; readonly build: number; readonly bytes: Uint8Array }
  /** A page already decoded (the das bridge), packed for build `build`. */
  | { readonly id: number; readonly kind: 'items'; readonly build: number; readonly items: readonly AssetItem[]; readonly total: number }
  /** The build is over: its positions can go (no reply). */
  | { readonly id: number; readonly kind: 'endBuild'; readonly build: number }
  | { readonly id: number; readonly kind: 'load'; readonly file: string }
  | { readonly id: number; readonly kind: 'loadNext' }
  | { readonly id: number; readonly kind: 'saveStart'; readonly file: string }
  | { readonly id: number; readonly kind: 'saveChunk'; readonly chunk: PackedChunk }
  | { readonly id: number; readonly kind: 'saveEnd'; readonly header: StoredIndexHeader };

export type IndexReply =
  /** A packed page, or the next chunk of a load (`fixups` empty). */
  | ({ readonly id: number } & PackedPage)
  /** The end of a load: every chunk was sent. */
  | { readonly id: number; readonly loaded: StoredIndexHeader }
  | { readonly id: number; readonly saved: true }
  | { readonly id: number; readonly error: string };
