/**
 * Local inspection of an `.onnx` file before it is uploaded: decodes the protobuf (src/analytics/onnx.proto, protobufjs) and
 * reports what a user checks before registering (inputs, outputs, opsets, producer, size, sha256).
 * Protobuf decoding is lenient — random bytes sometimes decode into an "empty" message — so a model
 * must also carry an IR version, a graph with outputs and (from IR 3) an opset import to count as ONNX.
 * vscode-free: the node tests and the register command share it.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadOnnxSchema } from '../lazy/lazyModule';
import { elementTypeName } from './elementTypes';
import type { Int64, Model, OnnxType, TensorShape, ValueInfo } from './onnxMessages';

/** A dimension: a fixed size, a symbolic name (`batch`), or null when unknown. */
export type OnnxDim = number | string | null;

export interface OnnxValueInfo {
  readonly name: string;
  /** The ONNX type string, e.g. `tensor(float)`, `seq(tensor(int64))`, `map(string,tensor(float))`. */
  readonly type: string;
  readonly kind: 'tensor' | 'sparse_tensor' | 'sequence' | 'map' | 'optional' | 'unknown';
  /** Element type of a (sparse) tensor, e.g. `float`. */
  readonly elementType?: string;
  /** Shape of a (sparse) tensor; undefined when the rank is unknown. */
  readonly shape?: readonly OnnxDim[];
  readonly docString?: string;
}

export interface OnnxOpset {
  /** `ai.onnx` for the default domain (stored as an empty string). */
  readonly domain: string;
  readonly version: number;
}

export interface OnnxInspection {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly graphName: string;
  readonly opsets: readonly OnnxOpset[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly nodeCount: number;
  readonly initializerCount: number;
  readonly metadata: Readonly<Record<string, string>>;
  /** Files that initializers keep their weights in; they are not part of the uploaded file. */
  readonly externalDataFiles: readonly string[];
}

export type OnnxRefusal = 'empty' | 'corrupt' | 'not-onnx' | 'too-large' | 'wrong-extension';

/** Why a file cannot be registered, with a message meant for the user. */
export class OnnxFileError extends Error {
  constructor(
    readonly reason: OnnxRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'OnnxFileError';
  }
}

export interface InspectOptions {
  /** Name shown in messages and the report; default `model.onnx`. */
  readonly fileName?: string;
  /** The platform's upload limit; larger files are refused before anything is parsed. */
  readonly maxBytes?: number;
}

/** IR versions above this are not a real model (the current IR version is in the low tens). */
const MAX_PLAUSIBLE_IR_VERSION = 1000;

/** protobufjs gives int64 fields as Long objects when the `long` package is present, as numbers otherwise. */
function toNumber(v: Int64 | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/** Formats a byte count for messages (`1.5 MB`). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n;
  let unit = 'B';
  for (const u of units) {
    if (v < 1024) break;
    v /= 1024;
    unit = u;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${unit}`;
}

/** Refuses a file above the platform's upload limit (before it is read or sent). */
export function checkUploadSize(sizeBytes: number, maxBytes: number | undefined, fileName: string): void {
  if (maxBytes !== undefined && sizeBytes > maxBytes) {
    throw new OnnxFileError(
      'too-large',
      `${fileName} is ${formatBytes(sizeBytes)}, above the platform's limit of ${formatBytes(maxBytes)} for ONNX models; it was not uploaded.`,
    );
  }
}

/** Inspects the bytes of an ONNX model; throws OnnxFileError for anything that is not one. */
export async function inspectOnnx(bytes: Uint8Array, options: InspectOptions = {}): Promise<OnnxInspection> {
  const fileName = options.fileName ?? 'model.onnx';
  checkUploadSize(bytes.length, options.maxBytes, fileName);
  if (bytes.length === 0) throw new OnnxFileError('empty', `${fileName} is empty (0 bytes), not an ONNX model.`);
  // Loaded on first use so activation does not pay for protobufjs and the ONNX schema.
  const schema = loadOnnxSchema();
  let model: Model;
  try {
    model = schema.decodeModel(bytes);
  } catch (err) {
    throw new OnnxFileError(
      'corrupt',
      `${fileName} is not a valid ONNX model: its protobuf content could not be decoded (${(err as Error).message}). The file may be truncated or corrupt.`,
    );
  }
  const notOnnx = (why: string): OnnxFileError => new OnnxFileError('not-onnx', `${fileName} is not an ONNX model: ${why}.`);
  const irVersion = toNumber(model.irVersion);
  if (irVersion <= 0 || irVersion > MAX_PLAUSIBLE_IR_VERSION) throw notOnnx(irVersion <= 0 ? 'it has no IR version' : `its IR version ${irVersion} is not plausible`);
  const graph = model.graph;
  if (!graph) throw notOnnx('it has no graph');
  const outputs = (graph.output ?? []).map(valueInfo);
  if (outputs.length === 0 || outputs.some((o) => !o.name)) throw notOnnx('its graph has no named outputs');
  const opsets = (model.opsetImport ?? []).map((o) => ({ domain: o.domain || 'ai.onnx', version: toNumber(o.version) }));
  if (irVersion >= 3 && opsets.length === 0) throw notOnnx('it imports no operator set');
  if (opsets.some((o) => o.version <= 0)) throw notOnnx('it imports an operator set without a version');

  // Before IR 4, weights were also listed as graph inputs; they are not inputs a caller feeds.
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (graph.input ?? []).filter((i) => !initializerNames.has(i.name ?? '')).map(valueInfo);
  const externalDataFiles = new Set<string>();
  for (const t of graph.initializer ?? []) {
    for (const entry of t.externalData ?? []) if (entry.key === 'location' && entry.value) externalDataFiles.add(entry.value);
  }
  return {
    fileName,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    irVersion,
    producerName: model.producerName ?? '',
    producerVersion: model.producerVersion ?? '',
    domain: model.domain ?? '',
    modelVersion: toNumber(model.modelVersion),
    docString: model.docString ?? '',
    graphName: graph.name ?? '',
    opsets,
    inputs,
    outputs,
    nodeCount: graph.node?.length ?? 0,
    initializerCount: graph.initializer?.length ?? 0,
    metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
    externalDataFiles: [...externalDataFiles],
  };
}

/** Inspects a file on disk: the size limit is checked from `stat` before the file is read. */
export async function inspectOnnxFile(path: string, options: Omit<InspectOptions, 'fileName'> = {}): Promise<OnnxInspection> {
  const fileName = basename(path);
  if (!/\.onnx$/i.test(fileName)) throw new OnnxFileError('wrong-extension', `${fileName} is not an .onnx file; IoT-TICKET registers ONNX models from .onnx files only.`);
  checkUploadSize((await stat(path)).size, options.maxBytes, fileName);
  return inspectOnnx(await readFile(path), { ...options, fileName });
}

function valueInfo(v: ValueInfo): OnnxValueInfo {
  const t = describeType(v.type ?? undefined);
  return { name: v.name ?? '', ...t, ...(v.docString ? { docString: v.docString } : {}) };
}

function shapeOf(shape: TensorShape | null | undefined): OnnxDim[] | undefined {
  if (!shape) return undefined;
  return (shape.dim ?? []).map((d) => {
    if (d.dimParam) return d.dimParam;
    if (d.dimValue !== null && d.dimValue !== undefined) return toNumber(d.dimValue);
    return null;
  });
}

function describeType(t: OnnxType | undefined): Omit<OnnxValueInfo, 'name' | 'docString'> {
  if (t?.tensorType) {
    const elementType = elementTypeName(t.tensorType.elemType);
    return { kind: 'tensor', type: `tensor(${elementType})`, elementType, shape: shapeOf(t.tensorType.shape) };
  }
  if (t?.sparseTensorType) {
    const elementType = elementTypeName(t.sparseTensorType.elemType);
    return { kind: 'sparse_tensor', type: `sparse_tensor(${elementType})`, elementType, shape: shapeOf(t.sparseTensorType.shape) };
  }
  if (t?.sequenceType) return { kind: 'sequence', type: `seq(${describeType(t.sequenceType.elemType ?? undefined).type})` };
  if (t?.mapType) {
    return { kind: 'map', type: `map(${elementTypeName(t.mapType.keyType)},${describeType(t.mapType.valueType ?? undefined).type})` };
  }
  if (t?.optionalType) return { kind: 'optional', type: `optional(${describeType(t.optionalType.elemType ?? undefined).type})` };
  return { kind: 'unknown', type: 'unknown' };
}

/** A shape as users read it: `[batch, 3, 224, 224]`, `?` for unknown dimensions, `(unknown rank)` without shape. */
export function formatShape(shape: readonly OnnxDim[] | undefined): string {
  if (!shape) return '(unknown rank)';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}
