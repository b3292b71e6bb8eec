/**
 * The ONNX messages (src/analytics/onnx.proto) as the inspection reads them and the tests write them: the
 * fields protobufjs decodes, camelCase. int64 fields arrive as Long objects (protobufjs bundles `long`)
 * and may be given as numbers. Only what IoT Explorer reads or writes is typed here.
 */
export type Int64 = number | { toNumber(): number };

export interface StringStringEntry {
  readonly key?: string | null;
  readonly value?: string | null;
}

export interface TensorShape {
  readonly dim?: readonly { readonly dimValue?: Int64 | null; readonly dimParam?: string | null }[] | null;
}

export interface OnnxType {
  readonly tensorType?: { readonly elemType?: number | null; readonly shape?: TensorShape | null } | null;
  readonly sparseTensorType?: { readonly elemType?: number | null; readonly shape?: TensorShape | null } | null;
  readonly sequenceType?: { readonly elemType?: OnnxType | null } | null;
  readonly mapType?: { readonly keyType?: number | null; readonly valueType?: OnnxType | null } | null;
  readonly optionalType?: { readonly elemType?: OnnxType | null } | null;
}

export interface ValueInfo {
  readonly name?: string | null;
  readonly type?: OnnxType | null;
  readonly docString?: string | null;
}

export interface Tensor {
  readonly name?: string | null;
  readonly dims?: readonly Int64[] | null;
  readonly dataType?: number | null;
  readonly floatData?: readonly number[] | null;
  readonly int32Data?: readonly number[] | null;
  readonly rawData?: Uint8Array | null;
  readonly externalData?: readonly StringStringEntry[] | null;
  readonly dataLocation?: number | null;
}

export interface Node {
  readonly opType?: string | null;
  readonly domain?: string | null;
  readonly name?: string | null;
  readonly input?: readonly string[] | null;
  readonly output?: readonly string[] | null;
  readonly attribute?: readonly { readonly name?: string | null; readonly type?: number | null; readonly i?: Int64 | null }[] | null;
  readonly metadataProps?: readonly StringStringEntry[] | null;
}

export interface Graph {
  readonly name?: string | null;
  readonly node?: readonly Node[] | null;
  readonly initializer?: readonly Tensor[] | null;
  readonly input?: readonly ValueInfo[] | null;
  readonly output?: readonly ValueInfo[] | null;
}

export interface Model {
  readonly irVersion?: Int64 | null;
  readonly opsetImport?: readonly { readonly domain?: string | null; readonly version?: Int64 | null }[] | null;
  readonly producerName?: string | null;
  readonly producerVersion?: string | null;
  readonly domain?: string | null;
  readonly modelVersion?: Int64 | null;
  readonly docString?: string | null;
  readonly graph?: Graph | null;
  readonly metadataProps?: readonly StringStringEntry[] | null;
}

/** What src/analytics/onnxSchema.ts exports (dist/onnx-schema.js): ModelProto's decoder and encoder, the element type enum. */
export interface OnnxSchema {
  decodeModel(bytes: Uint8Array): Model;
  encodeModel(model: Model): Uint8Array;
  /** TensorProto.DataType: name → number, as the schema has it. */
  readonly dataTypes: Readonly<Record<string, number>>;
}
