/**
 * Index entries packed for the Go to… index (issue 17 §4): a run of assets whose ids and names are each
 * one string with end offsets, and whose parents are positions in the index. A million assets are then a
 * few thousand strings and typed arrays instead of millions of strings, which the extension host would
 * otherwise copy, collect and (in JSON.parse) internalize. Packing happens in the index worker
 * (indexWorker.ts), or here on the host when no worker starts.
 */

import { IdPositions } from './idPositions';

export interface PackedChunk {
  readonly ids: string;
  /** End offset in `ids` of each entry's id (entry i spans [idEnds[i - 1] ?? 0, idEnds[i])). */
  readonly idEnds: Uint32Array;
  readonly names: string;
  readonly nameEnds: Uint32Array;
  /** Each entry's parent: its position in the index, ROOT, or UNRESOLVED (not indexed yet: a fixup follows). */
  readonly parents: Int32Array;
}

/** A packed page and the parents it resolved for entries packed earlier: pairs (child position, parent position). */
export interface PackedPage {
  readonly chunk: PackedChunk;
  readonly fixups: Int32Array;
  /** The asset count the server reported. */
  readonly total: number;
  /** How many assets the page listed (before duplicates were dropped): where the next page starts. */
  readonly listed: number;
  /** The position of the chunk's first entry (pages are added in this order, whatever order they arrive in). */
  readonly first: number;
}

export const ROOT = -1;
export const UNRESOLVED = -2;

export interface AssetItem {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

/** The items of a decoded get_all_assets page; throws naming what is missing (the server's page is data, not trusted). */
function itemsOf(page: unknown): { total: number; items: AssetItem[] } {
  const env = page as { fullSize?: unknown; items?: unknown } | null;
  if (!env || typeof env.fullSize !== 'number' || !Array.isArray(env.items)) throw new Error('the asset list is not a {fullSize, items} page');
  const items = (env.items as unknown[]).map((item) => {
    const a = item as { id?: unknown; name?: unknown; parentId?: unknown } | null;
    if (!a || typeof a.id !== 'string' || typeof a.name !== 'string') throw new Error('an asset of the list has no id or name');
    return { id: a.id, name: a.name, parentId: typeof a.parentId === 'string' ? a.parentId : null };
  });
  return { total: env.fullSize, items };
}

/** The items of a get_all_assets page's JSON body, as the server sent it. */
export function pageItems(bytes: Uint8Array): { total: number; items: AssetItem[] } {
  return itemsOf(JSON.parse(new TextDecoder().decode(bytes)));
}

/** Strings as one text and the end offset of each. */
export function packStrings(list: readonly string[]): { text: string; ends: Uint32Array } {
  const ends = new Uint32Array(list.length);
  let end = 0;
  for (let i = 0; i < list.length; i++) ends[i] = end += list[i].length;
  return { text: list.join(''), ends };
}

/**
 * One index build's positions: each new id gets the next position (an id seen before is dropped), each
 * parent its position, or UNRESOLVED until the parent's page comes, which then carries the fixup.
 */
export class BuildState {
  private readonly positions = new IdPositions();
  /** Parent id → positions of the children that came before it. */
  private readonly orphans = new Map<string, number[]>();
  private count = 0;

  pack(items: readonly AssetItem[], total: number): PackedPage {
    const ids: string[] = [];
    const names: string[] = [];
    const parents: number[] = [];
    const fixups: number[] = [];
    const first = this.count;
    for (const a of items) {
      const at = this.count;
      if (!this.positions.add(a.id, at)) continue;
      this.count++;
      for (const child of this.orphans.get(a.id) ?? []) fixups.push(child, at);
      this.orphans.delete(a.id);
      ids.push(a.id);
      names.push(a.name);
      const parent = a.parentId === null ? ROOT : this.positions.get(a.parentId);
      if (parent === undefined) {
        const waiting = this.orphans.get(a.parentId!);
        if (waiting) waiting.push(at);
        else this.orphans.set(a.parentId!, [at]);
      }
      parents.push(parent ?? UNRESOLVED);
    }
    const i = packStrings(ids);
    const n = packStrings(names);
    return { chunk: { ids: i.text, idEnds: i.ends, names: n.text, nameEnds: n.ends, parents: Int32Array.from(parents) }, fixups: Int32Array.from(fixups), total, listed: items.length, first };
  }
}

/** Build `build`'s state in `builds` (the worker's, or the host's without a worker), started by its first page. */
export function buildIn(builds: Map<number, BuildState>, build: number): BuildState {
  let state = builds.get(build);
  if (!state) builds.set(build, (state = new BuildState()));
  return state;
}

/** A chunk of a stored index as read: checked, with its arrays typed (`size`: the index's size, which parents must be within). */
export function checkStoredChunk(value: unknown, size: number): PackedChunk {
  const c = value as { ids?: unknown; idEnds?: unknown; names?: unknown; nameEnds?: unknown; parents?: unknown } | null;
  const ends = (text: unknown, list: unknown): list is number[] =>
    typeof text === 'string' &&
    Array.isArray(list) &&
    list.every((e, i) => Number.isInteger(e) && e >= (i === 0 ? 0 : (list[i - 1] as number)) && e <= text.length) &&
    (list.length === 0 ? text.length === 0 : list[list.length - 1] === text.length);
  const n = Array.isArray(c?.idEnds) ? c.idEnds.length : -1;
  const parentOk = (p: unknown): boolean => Number.isInteger(p) && (p as number) >= UNRESOLVED && (p as number) < size;
  if (!c || !ends(c.ids, c.idEnds) || !ends(c.names, c.nameEnds) || (c.nameEnds as unknown[]).length !== n || !Array.isArray(c.parents) || c.parents.length !== n || !c.parents.every(parentOk)) {
    throw new Error('the stored index has a damaged chunk');
  }
  return { ids: c.ids as string, idEnds: Uint32Array.from(c.idEnds as number[]), names: c.names as string, nameEnds: Uint32Array.from(c.nameEnds as number[]), parents: Int32Array.from(c.parents as number[]) };
}

/** A chunk as a line of the stored index (typed arrays as JSON arrays). */
export function storedLine(c: PackedChunk): string {
  return JSON.stringify({ ids: c.ids, idEnds: Array.from(c.idEnds), names: c.names, nameEnds: Array.from(c.nameEnds), parents: Array.from(c.parents) });
}
