/**
 * A growing list stored as fixed-size chunks. A JS array of a million entries that grows by push copies
 * its whole backing store each time it fills (by 1.5×), and copying pointers to young strings goes
 * through the write barrier: 30–130 ms per growth past 170,000 entries here, blocking the extension host
 * while the Go to… index builds (issue 17 §4). Chunks are never copied.
 */
const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

export class Column<T> {
  private readonly chunks: T[][] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: T): void {
    const c = this.count >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push([]);
    this.chunks[c].push(value);
    this.count++;
  }

  at(i: number): T {
    return this.chunks[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  /** Positions [start, end) as a new array (end clamped to the length). */
  slice(start: number, end: number): T[] {
    const out: T[] = [];
    for (let i = start; i < Math.min(end, this.count); i++) out.push(this.at(i));
    return out;
  }

  set(i: number, value: T): void {
    this.chunks[i >>> CHUNK_BITS][i & CHUNK_MASK] = value;
  }
}

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
