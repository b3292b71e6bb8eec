/**
 * Small ONNX models written as protobuf with onnx-proto's `ModelProto.encode`, for the ONNX tests
 * (node, extension host and UI). Each builder returns real ONNX bytes that onnxruntime would load.
 */
import { onnx } from 'onnx-proto';

const FLOAT = 1;
const INT64 = 7;

type Dim = number | string;

function tensorInfo(name: string, elemType: number, dims: readonly Dim[]): onnx.IValueInfoProto {
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

function floats(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return { name, dims, dataType: FLOAT, floatData: values };
}

function encode(model: onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
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

/** A valid protobuf ModelProto that is not a model: producer set, no IR version and no graph. */
export function graphlessModel(): Uint8Array {
  return encode({ producerName: 'not-a-model', opsetImport: [{ domain: '', version: 13 }] });
}

/** A valid ModelProto with a graph but IR version 0. */
export function irZeroModel(): Uint8Array {
  const bytes = onnx.ModelProto.decode(linearRegressionModel());
  bytes.irVersion = 0;
  return onnx.ModelProto.encode(bytes).finish();
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
