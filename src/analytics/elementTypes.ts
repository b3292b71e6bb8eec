/**
 * ONNX `TensorProto.DataType` numbers and their names as ONNX spells them in type strings
 * (`tensor(float)`, `tensor(float8e4m3fn)`): every type of src/analytics/onnx.proto (IR version 11), which a
 * node test checks against the schema's enum. Kept apart from the decoder so reports need not load it.
 */
const NAMES: Readonly<Record<number, string>> = {
  0: 'undefined',
  1: 'float',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'double',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
  24: 'float8e8m0',
};

/** The ONNX name of an element type number; unknown numbers read `type#N` rather than failing. */
export function elementTypeName(dataType: number | null | undefined): string {
  if (dataType === null || dataType === undefined) return NAMES[0];
  return NAMES[dataType] ?? `type#${dataType}`;
}
