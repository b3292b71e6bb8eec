/**
 * The framing of the bridge protocol (python/dasbridge/framing.py is the other side): a 4-byte big-endian
 * header length, a UTF-8 JSON header, then binary attachments whose byte lengths the header lists in `b`.
 */

export interface Frame {
  readonly header: Record<string, unknown>;
  /** Size of the JSON header. */
  readonly headerBytes: number;
  readonly attachments: readonly Buffer[];
}

/** One frame for the bridge (we send JSON only; attachments flow from Python to us). */
export function encodeFrame(header: Readonly<Record<string, unknown>>): Buffer {
  const body = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

/**
 * Collects stream chunks and cuts them into frames. Chunks are kept as they come and joined only when a
 * whole part is there, so a 16 MB attachment arriving in 64 KB chunks is copied once, not once per chunk.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private header: Record<string, unknown> | undefined;
  private headerBytes = 0;
  private sizes: number[] = [];

  /** Every frame completed by `chunk`. Throws on a malformed header (the stream is then unusable). */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (!this.header) {
        if (this.buffered < 4) break;
        const length = this.peek(4).readUInt32BE(0);
        if (this.buffered < 4 + length) break;
        this.take(4);
        const header = JSON.parse(this.take(length).toString('utf8')) as Record<string, unknown>;
        const sizes = header.b;
        if (sizes !== undefined && (!Array.isArray(sizes) || !sizes.every((n) => Number.isInteger(n) && n >= 0))) throw new Error('frame header "b" must list byte lengths');
        this.header = header;
        this.headerBytes = length;
        this.sizes = (sizes as number[] | undefined) ?? [];
      }
      const total = this.sizes.reduce((a, b) => a + b, 0);
      if (this.buffered < total) break;
      const block = this.take(total);
      const attachments: Buffer[] = [];
      let at = 0;
      for (const n of this.sizes) {
        attachments.push(block.subarray(at, at + n));
        at += n;
      }
      frames.push({ header: this.header, headerBytes: this.headerBytes, attachments });
      this.header = undefined;
      this.sizes = [];
    }
    return frames;
  }

  /** Bytes received but not yet part of a frame. */
  get pending(): number {
    return this.buffered;
  }

  private join(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private peek(n: number): Buffer {
    return this.join(n).subarray(0, n);
  }

  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.join(n);
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}
