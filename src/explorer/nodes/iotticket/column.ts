/**
 * Growing per-position columns of the Go to… index, stored as fixed-size typed chunks. A JS array of a
 * million entries that grows by push copies its whole backing store each time it fills (by 1.5×): 30–130
 * ms per growth past 170,000 entries here when it held strings, blocking the extension host while the
 * index builds (issue 17 §4). Chunks are never copied, and hold no pointers for the collector to follow.
 */
const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** A byte per position, 0 until set, in chunks allocated on first write (a search's memo over a million assets). */
export class ByteColumn {
  private readonly chunks: (Uint8Array | undefined)[] = [];

  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]?.[i & CHUNK_MASK] ?? 0;
  }

  set(i: number, value: number): void {
    const c = i >>> CHUNK_BITS;
    (this.chunks[c] ??= new Uint8Array(CHUNK_MASK + 1))[i & CHUNK_MASK] = value;
  }
}

/** A growing list of 32-bit integers in fixed-size chunks (never copied as it grows; no garbage to collect). */
export class IntColumn {
  private readonly chunks: Int32Array[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    const c = this.count >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(CHUNK_MASK + 1));
    this.chunks[c][this.count & CHUNK_MASK] = value;
    this.count++;
  }

  at(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  set(i: number, value: number): void {
    this.chunks[i >>> CHUNK_BITS][i & CHUNK_MASK] = value;
  }
}
