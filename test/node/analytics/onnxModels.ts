/**
 * Small ONNX models written as protobuf with the extension's own schema (src/analytics/onnx.proto through
 * protobufjs), for the ONNX tests (node, extension host and UI). Each builder returns real ONNX bytes
 * that onnxruntime would load.
 */
import { loadOnnxSchema } from '../../../src/lazy/lazyModule';
import type { Model, Tensor, ValueInfo } from '../../../src/analytics/onnxMessages';

const FLOAT = 1;
const INT64 = 7;

type Dim = number | string;

function tensorInfo(name: string, elemType: number, dims: readonly Dim[]): ValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function floats(name: string, dims: number[], values: number[]): Tensor {
  return { name, dims, dataType: FLOAT, floatData: values };
}

function encode(model: Model): Uint8Array {
  return loadOnnxSchema().encodeModel(model);
}

/** y = x·W + b: input `features` float[batch,4], output `prediction` float[batch,1], opset 13. */
export function linearRegressionModel(options: { producerVersion?: string; docString?: string } = {}): Uint8Array {
  return encode({
    irVersion: 8,
    producerName: 'iot-explorer-tests',
    producerVersion: options.producerVersion ?? '1.0.0',
    domain: 'com.example.iot',
    modelVersion: 3,
    docString: options.docString ?? 'Pump efficiency regression',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: [{ key: 'trained_on', value: 'pump-3' }],
    graph: {
      name: 'efficiency',
      node: [
        { opType: 'MatMul', input: ['features', 'W'], output: ['xw'], name: 'matmul' },
        { opType: 'Add', input: ['xw', 'B'], output: ['prediction'], name: 'add' },
      ],
      initializer: [floats('W', [4, 1], [0.5, -0.25, 0.125, 1]), floats('B', [1], [0.1])],
      input: [tensorInfo('features', FLOAT, ['batch', 4])],
      output: [tensorInfo('prediction', FLOAT, ['batch', 1])],
    },
  });
}

/**
 * A scikit-learn style classifier: `label` int64[N] and `probabilities` seq(map(int64, tensor(float))),
 * with the default and the `ai.onnx.ml` opsets.
 */
export function classifierModel(): Uint8Array {
  return encode({
    irVersion: 7,
    producerName: 'skl2onnx',
    producerVersion: '1.16.0',
    opsetImport: [
      { domain: '', version: 15 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    graph: {
      name: 'anomaly',
      node: [
        { opType: 'ArgMax', input: ['scores'], output: ['label'], name: 'argmax' },
        { opType: 'ZipMap', domain: 'ai.onnx.ml', input: ['scores'], output: ['probabilities'], name: 'zipmap' },
      ],
      input: [tensorInfo('scores', FLOAT, [1, 3])],
      output: [
        tensorInfo('label', INT64, ['N']),
        {
          name: 'probabilities',
          type: { sequenceType: { elemType: { mapType: { keyType: INT64, valueType: { tensorType: { elemType: FLOAT } } } } } },
        },
      ],
    },
  });
}

/** An IR 3 model that, as exporters did then, lists its weight `W` among the graph inputs too; its `x` has an unknown dimension. */
export function legacyModel(): Uint8Array {
  return encode({
    irVersion: 3,
    producerName: 'legacy-exporter',
    opsetImport: [{ domain: '', version: 7 }],
    graph: {
      name: 'legacy',
      node: [{ opType: 'Mul', input: ['x', 'W'], output: ['y'] }],
      initializer: [floats('W', [2], [2, 3])],
      input: [
        { name: 'x', type: { tensorType: { elemType: FLOAT, shape: { dim: [{}, { dimValue: 2 }] } } } },
        tensorInfo('W', FLOAT, [2]),
      ],
      output: [{ name: 'y', type: { tensorType: { elemType: FLOAT } } }],
    },
  });
}

/** The element types ONNX added after 1.10, by their TensorProto.DataType numbers. */
export const NEWER_ELEMENT_TYPES = {
  float8e4m3fn: 17, float8e4m3fnuz: 18, float8e5m2: 19, float8e5m2fnuz: 20, uint4: 21, int4: 22, float4e2m1: 23, float8e8m0: 24,
} as const;

/**
 * A model of the current IR version (11, opset 23) in the style of a quantized export: one input per newer
 * element type, each dequantized to float and summed, with an INT4 weight packed two to a byte in raw_data,
 * a FLOAT8E4M3FN scale, and node metadata (a field newer than ONNX 1.10, which older readers skip).
 */
export function currentIrModel(): Uint8Array {
  const names = Object.keys(NEWER_ELEMENT_TYPES) as (keyof typeof NEWER_ELEMENT_TYPES)[];
  return encode({
    irVersion: 11,
    producerName: 'iot-explorer-tests',
    producerVersion: '2.0.0',
    opsetImport: [{ domain: '', version: 23 }],
    graph: {
      name: 'quantized',
      node: [
        ...names.map((n) => ({ opType: 'Cast', input: [n], output: [`${n}_f`], name: `cast_${n}`, attribute: [{ name: 'to', type: 2, i: FLOAT }] })),
        { opType: 'DequantizeLinear', input: ['W4', 'scale'], output: ['w'], name: 'dequantize', metadataProps: [{ key: 'origin', value: 'int4 weights' }] },
        { opType: 'Sum', input: [...names.map((n) => `${n}_f`), 'w'], output: ['total'], name: 'sum' },
      ],
      initializer: [
        { name: 'W4', dims: [4], dataType: NEWER_ELEMENT_TYPES.int4, rawData: new Uint8Array([0x21, 0xf3]) },
        { name: 'scale', dims: [], dataType: NEWER_ELEMENT_TYPES.float8e4m3fn, rawData: new Uint8Array([0x38]) },
      ],
      input: names.map((n) => tensorInfo(n, NEWER_ELEMENT_TYPES[n], ['batch', 4])),
      output: [tensorInfo('total', FLOAT, ['batch', 4])],
    },
  });
}

/** A valid protobuf ModelProto that is not a model: producer set, no IR version and no graph. */
export function graphlessModel(): Uint8Array {
  return encode({ producerName: 'not-a-model', opsetImport: [{ domain: '', version: 13 }] });
}

/** A valid ModelProto with a graph but IR version 0. */
export function irZeroModel(): Uint8Array {
  return encode({ ...loadOnnxSchema().decodeModel(linearRegressionModel()), irVersion: 0 });
}

/** The regression model padded (in its doc string) to at least `bytes` bytes. */
export function paddedModel(bytes: number): Uint8Array {
  const base = linearRegressionModel().length;
  // The default doc string and the longer length prefix are covered by the extra 64 characters.
  return linearRegressionModel({ docString: 'x'.repeat(Math.max(0, bytes - base + 64)) });
}

/** Deterministic pseudo-random bytes (mulberry32), for "random bytes are refused" tests. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

/**
 * Well-formed protobuf of pseudo-random fields ModelProto does not define (numbers 30–61, varints and short
 * byte strings): it decodes as a ModelProto, so only the inspection's own checks can refuse it.
 */
export function pseudoRandomProtobuf(fields: number, seed: number): Uint8Array {
  const r = pseudoRandomBytes(fields * 8, seed);
  const out: number[] = [];
  // A tag above 127 takes two varint bytes (the field numbers here stay below 2048).
  const tag = (field: number, wireType: number): number[] => [((field << 3) & 0x7f) | 0x80 | wireType, field >> 4];
  for (let k = 0, f = 0; f < fields; f++) {
    const field = 30 + (r[k++] % 32);
    if (r[k++] % 2) {
      const n = r[k++] % 5;
      out.push(...tag(field, 2), n, ...r.subarray(k, k + n));
      k += n;
    } else {
      out.push(...tag(field, 0), r[k++] & 0x7f);
    }
  }
  return new Uint8Array(out);
}
