/**
 * A map from ids to positions split over many small Maps (an index build's, packedChunk.ts). One Map of a
 * million string keys rehashes all of them in one go when it doubles (~300 ms at 524,288 entries on this
 * machine), which would block the thread that packs pages (the extension host's where no worker starts);
 * a shard rehashes 1/SHARDS of that (issue 17 §4).
 */
const SHARDS = 256;

export class IdPositions {
  private readonly shards = Array.from({ length: SHARDS }, () => new Map<string, number>());
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    return this.shardOf(id).get(id);
  }

  /** Adds `id` at `position` unless it is known; false when it was. */
  add(id: string, position: number): boolean {
    const shard = this.shardOf(id);
    if (shard.has(id)) return false;
    shard.set(id, position);
    this.count++;
    return true;
  }

  private shardOf(id: string): Map<string, number> {
    // FNV-1a over the id's code units: cheap, and spreads ids that differ only in their last digits.
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return this.shards[(h >>> 0) % SHARDS];
  }
}
