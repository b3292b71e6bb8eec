/**
 * Values on the bridge protocol, the TypeScript side of python/dasbridge/wire.py (its docstring has the whole
 * table). Decoding turns the tags back into data: `$dt` → ISO-8601 UTC string, `$frame` → a `WireFrame` of
 * typed columns (numbers as Float64Array straight from the attachment), `$array` → Float64Array, `$bytes` →
 * Uint8Array, `$int` → decimal string (beyond 2**53), `$repr` → its text. Objects keep their Python class
 * name aside (`pythonClassOf`) for log messages, out of the data itself.
 */

export type ColumnKind = 'f64' | 'i64' | 'time' | 'bool' | 'json';

export interface WireColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Numbers (epoch ms for `time`, 1/0 for `bool`, NaN for gaps), or decoded values for `json`. */
  readonly values: Float64Array | BigInt64Array | readonly unknown[];
}

/** A pandas DataFrame (or Series) as columns. */
export class WireFrame {
  constructor(
    readonly length: number,
    readonly columns: readonly WireColumn[],
    /** `df.attrs` (the das results put their `sources` there). */
    readonly attrs: Readonly<Record<string, unknown>>,
  ) {}

  column(name: string): WireColumn | undefined {
    return this.columns.find((c) => c.name === name);
  }

  /** Plain rows, for Open JSON and small frames (numbers stay numbers; NaN → null). */
  toRows(): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < this.length; i++) {
      const row: Record<string, unknown> = {};
      for (const c of this.columns) {
        const v = c.values[i];
        row[c.name] = typeof v === 'number' ? (Number.isNaN(v) ? null : c.kind === 'time' ? new Date(v).toISOString() : c.kind === 'bool' ? v === 1 : v) : typeof v === 'bigint' ? v.toString() : v;
      }
      rows.push(row);
    }
    return rows;
  }

  toJSON(): unknown {
    return { columns: this.columns.map((c) => c.name), rows: this.toRows(), attrs: this.attrs };
  }
}

const classes = new WeakMap<object, string>();

/** The Python class an object came from (`Asset`, `AssetAttribute` …), when the bridge named one. */
export function pythonClassOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? classes.get(value) : undefined;
}

function numbers(kind: ColumnKind, data: Buffer): Float64Array | BigInt64Array {
  // Typed arrays need 8-byte alignment; a misaligned attachment is copied once.
  const aligned = data.byteOffset % 8 === 0 ? data : Buffer.from(data);
  const n = aligned.length / 8;
  return kind === 'i64' ? new BigInt64Array(aligned.buffer, aligned.byteOffset, n) : new Float64Array(aligned.buffer, aligned.byteOffset, n);
}

function attachment(ref: unknown, attachments: readonly Buffer[]): Buffer {
  const index = (ref as { $bin?: unknown } | null)?.$bin;
  if (typeof index !== 'number' || !attachments[index]) throw new Error(`bad attachment reference ${JSON.stringify(ref)}`);
  return attachments[index];
}

function decodeColumn(raw: Record<string, unknown>, attachments: readonly Buffer[]): WireColumn {
  const kind = raw.kind as ColumnKind;
  const name = String(raw.name);
  if (kind === 'json') return { name, kind, values: (raw.data as unknown[]).map((v) => decodeValue(v, attachments)) };
  return { name, kind, values: numbers(kind, attachment(raw.data, attachments)) };
}

/** One value from the wire, attachments resolved. */
export function decodeValue(value: unknown, attachments: readonly Buffer[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, attachments));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if ('$dt' in o) return typeof o.$dt === 'number' && Number.isFinite(o.$dt) ? new Date(o.$dt).toISOString() : null;
  if ('$int' in o) return String(o.$int);
  if ('$bytes' in o) return new Uint8Array(Buffer.from(String(o.$bytes), 'base64'));
  if ('$repr' in o) return String(o.$repr);
  if ('$array' in o) {
    const a = o.$array as Record<string, unknown>;
    return numbers(a.kind as ColumnKind, attachment(a.data, attachments));
  }
  if ('$frame' in o) {
    const f = o.$frame as Record<string, unknown>;
    const columns = (f.columns as Record<string, unknown>[]).map((c) => decodeColumn(c, attachments));
    return new WireFrame(Number(f.length), columns, (decodeValue(f.attrs ?? {}, attachments) ?? {}) as Record<string, unknown>);
  }
  const { $class: cls, $dict: escaped, ...rest } = o;
  const source = escaped !== undefined ? (escaped as Record<string, unknown>) : rest;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) out[k] = decodeValue(v, attachments);
  if (typeof cls === 'string') classes.set(out, cls);
  return out;
}

/** A Python type for `astype` and the like. */
export function pythonType(name: 'float' | 'int' | 'str' | 'bool'): unknown {
  return { $pytype: name };
}

/** Rows as a pandas DataFrame argument, columns in first-seen order (`timestamp` first when present). */
export function frameArgument(rows: readonly Readonly<Record<string, unknown>>[]): unknown {
  const order: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!order.includes(k)) order.push(k);
  if (order.includes('timestamp')) {
    order.splice(order.indexOf('timestamp'), 1);
    order.unshift('timestamp');
  }
  const columns: Record<string, unknown[]> = {};
  for (const name of order) columns[name] = rows.map((r) => encodeArgument(r[name] ?? null));
  return { $frame: { columns, order } };
}

/** An argument for the bridge: Dates as `$dt`, bytes as `$bytes`, objects with "$" keys escaped. */
export function encodeArgument(value: unknown): unknown {
  if (value instanceof Date) return { $dt: value.getTime() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (Array.isArray(value)) return value.map(encodeArgument);
  if (typeof value !== 'object' || value === null) return value;
  if ('$frame' in value || '$pytype' in value) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeArgument(v);
  return Object.keys(out).some((k) => k.startsWith('$')) ? { $dict: out } : out;
}
