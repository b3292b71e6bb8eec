import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkUploadSize, formatShape, inspectOnnx, inspectOnnxFile, OnnxFileError } from '../../../src/analytics/inspectOnnx';
import { elementTypeName } from '../../../src/analytics/elementTypes';
import { loadOnnxSchema } from '../../../src/lazy/lazyModule';
import {
  classifierModel,
  currentIrModel,
  graphlessModel,
  irZeroModel,
  legacyModel,
  linearRegressionModel,
  NEWER_ELEMENT_TYPES,
  paddedModel,
  pseudoRandomBytes,
  pseudoRandomProtobuf,
} from './onnxModels';

function refusedFor(reason: OnnxFileError['reason'], pattern?: RegExp): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof OnnxFileError, `expected OnnxFileError, got ${String(err)}`);
    assert.equal(err.reason, reason, err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  };
}

void describe('inspectOnnx: what a valid model reports', () => {
  void it('reads inputs, outputs, element types, shapes, opsets, producer, size and sha256', async () => {
    const bytes = linearRegressionModel();
    const report = await inspectOnnx(bytes, { fileName: 'efficiency.onnx' });
    assert.equal(report.fileName, 'efficiency.onnx');
    assert.equal(report.sizeBytes, bytes.length);
    assert.equal(report.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(report.irVersion, 8);
    assert.equal(report.producerName, 'iot-explorer-tests');
    assert.equal(report.producerVersion, '1.0.0');
    assert.equal(report.domain, 'com.example.iot');
    assert.equal(report.modelVersion, 3);
    assert.equal(report.graphName, 'efficiency');
    assert.deepEqual(report.opsets, [{ domain: 'ai.onnx', version: 13 }]);
    // Initializers W and B are weights, not inputs.
    assert.deepEqual(report.inputs, [{ name: 'features', kind: 'tensor', type: 'tensor(float)', elementType: 'float', shape: ['batch', 4] }]);
    assert.deepEqual(report.outputs, [{ name: 'prediction', kind: 'tensor', type: 'tensor(float)', elementType: 'float', shape: ['batch', 1] }]);
    assert.equal(report.nodeCount, 2);
    assert.equal(report.initializerCount, 2);
    assert.deepEqual(report.metadata, { trained_on: 'pump-3' });
    assert.deepEqual(report.externalDataFiles, []);
  });

  void it('describes sequence and map outputs and several opset domains', async () => {
    const report = await inspectOnnx(classifierModel());
    assert.deepEqual(report.opsets, [
      { domain: 'ai.onnx', version: 15 },
      { domain: 'ai.onnx.ml', version: 3 },
    ]);
    assert.deepEqual(report.outputs.map((o) => [o.name, o.kind, o.type]), [
      ['label', 'tensor', 'tensor(int64)'],
      ['probabilities', 'sequence', 'seq(map(int64,tensor(float)))'],
    ]);
    assert.deepEqual(report.outputs[0].shape, ['N']);
    assert.equal(report.outputs[1].shape, undefined);
  });

  void it('drops initializers listed as inputs (IR 3) and keeps unknown dimensions and ranks unknown', async () => {
    const report = await inspectOnnx(legacyModel());
    assert.equal(report.irVersion, 3);
    assert.deepEqual(report.inputs.map((i) => i.name), ['x']);
    assert.deepEqual(report.inputs[0].shape, [null, 2]);
    assert.equal(formatShape(report.inputs[0].shape), '[?, 2]');
    assert.equal(report.outputs[0].shape, undefined);
    assert.equal(formatShape(report.outputs[0].shape), '(unknown rank)');
  });

  void it('names element types from the TensorProto.DataType numbers, newer ones included', () => {
    assert.deepEqual([1, 7, 9, 10, 11, 16, 19, 22].map(elementTypeName), ['float', 'int64', 'bool', 'float16', 'double', 'bfloat16', 'float8e5m2', 'int4']);
    assert.equal(elementTypeName(99), 'type#99');
  });

  void it('reads a model of the current IR version (11) whose inputs use every newer element type', async () => {
    const report = await inspectOnnx(currentIrModel());
    assert.equal(report.irVersion, 11);
    assert.deepEqual(report.opsets, [{ domain: 'ai.onnx', version: 23 }]);
    assert.deepEqual(
      report.inputs.map((i) => i.type),
      ['tensor(float8e4m3fn)', 'tensor(float8e4m3fnuz)', 'tensor(float8e5m2)', 'tensor(float8e5m2fnuz)', 'tensor(uint4)', 'tensor(int4)', 'tensor(float4e2m1)', 'tensor(float8e8m0)'],
    );
    assert.deepEqual(report.inputs.map((i) => i.elementType), Object.keys(NEWER_ELEMENT_TYPES));
    assert.deepEqual(report.inputs[0].shape, ['batch', 4]);
    assert.equal(report.initializerCount, 2);
    assert.equal(report.nodeCount, 10);
  });

  void it('names every element type of the schema (TensorProto.DataType of src/analytics/onnx.proto) as ONNX spells it', () => {
    const types = Object.entries(loadOnnxSchema().dataTypes);
    assert.ok(types.length >= 25, `the schema lists ${types.length} element types`);
    for (const [name, n] of types) assert.equal(elementTypeName(n), n === 0 ? 'undefined' : name.toLowerCase(), `DataType ${name} = ${n}`);
  });
});

void describe('inspectOnnx: what is refused', () => {
  void it('refuses an empty file', async () => {
    await assert.rejects(inspectOnnx(new Uint8Array(), { fileName: 'empty.onnx' }), refusedFor('empty', /empty\.onnx is empty/));
  });

  void it('refuses a truncated (corrupt) model with a clear message', async () => {
    const bytes = linearRegressionModel();
    await assert.rejects(inspectOnnx(bytes.subarray(0, Math.floor(bytes.length / 2)), { fileName: 'cut.onnx' }), refusedFor('corrupt', /cut\.onnx is not a valid ONNX model.*truncated or corrupt/));
  });

  void it('refuses a text file renamed to .onnx', async () => {
    const json = new TextEncoder().encode('{"name": "not a model", "layers": [1, 2, 3]}\n');
    await assert.rejects(inspectOnnx(json, { fileName: 'model.onnx' }), (err: unknown) => err instanceof OnnxFileError && (err.reason === 'corrupt' || err.reason === 'not-onnx'));
  });

  void it('refuses protobuf that decodes but has no graph, or IR version 0', async () => {
    await assert.rejects(inspectOnnx(graphlessModel()), refusedFor('not-onnx', /no IR version|no graph/));
    await assert.rejects(inspectOnnx(irZeroModel()), refusedFor('not-onnx', /no IR version/));
  });

  void it('refuses every one of 500 pseudo-random byte strings and 500 random protobuf messages that decode', async () => {
    const reasons = new Map<string, number>();
    for (let seed = 1; seed <= 1000; seed++) {
      const bytes = seed <= 500 ? pseudoRandomBytes(16 + (seed % 200), seed) : pseudoRandomProtobuf(1 + (seed % 40), seed);
      try {
        await inspectOnnx(bytes);
        assert.fail(`random bytes (seed ${seed}) were accepted as ONNX`);
      } catch (err) {
        assert.ok(err instanceof OnnxFileError, String(err));
        reasons.set(err.reason, (reasons.get(err.reason) ?? 0) + 1);
      }
    }
    // The checks after decoding are what refuse the well-formed messages.
    assert.ok((reasons.get('not-onnx') ?? 0) >= 500, JSON.stringify([...reasons]));
  });

  void it('refuses above the size limit before parsing, in memory and on disk', async () => {
    const big = paddedModel(4096);
    assert.ok(big.length >= 4096);
    // The padded model is valid: only the limit refuses it.
    assert.equal((await inspectOnnx(big)).sizeBytes, big.length);
    await assert.rejects(inspectOnnx(big, { fileName: 'big.onnx', maxBytes: 4000 }), refusedFor('too-large', /big\.onnx is 4\.\d KB, above the platform's limit of 3\.9 KB/));
    // Exactly at the limit is allowed.
    assert.equal((await inspectOnnx(big, { maxBytes: big.length })).sizeBytes, big.length);
    assert.throws(() => checkUploadSize(11 * 1024 * 1024, 10 * 1024 * 1024, 'm.onnx'), refusedFor('too-large', /11\.0 MB.*10\.0 MB/));
  });
});

void describe('inspectOnnxFile', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onnx-inspect-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void it('reads a model from disk and names it after the file', async () => {
    const file = join(dir, 'pump efficiency.onnx');
    await writeFile(file, linearRegressionModel());
    const report = await inspectOnnxFile(file);
    assert.equal(report.fileName, 'pump efficiency.onnx');
    assert.deepEqual(report.inputs.map((i) => i.name), ['features']);
  });

  void it('the UI workspace fixture is the regression model these builders write', async () => {
    const fixture = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace', 'models', 'pump-efficiency.onnx');
    assert.deepEqual(new Uint8Array(await readFile(fixture)), new Uint8Array(linearRegressionModel()));
    assert.deepEqual((await inspectOnnxFile(fixture)).outputs.map((o) => o.name), ['prediction']);
  });

  void it('refuses a file that is not .onnx, and an oversize file from its size on disk', async () => {
    const txt = join(dir, 'model.txt');
    await writeFile(txt, linearRegressionModel());
    await assert.rejects(inspectOnnxFile(txt), refusedFor('wrong-extension', /model\.txt is not an \.onnx file/));
    const big = join(dir, 'big.onnx');
    // Garbage: if the size check did not come first, this would be refused as corrupt instead.
    await writeFile(big, pseudoRandomBytes(5000, 7));
    await assert.rejects(inspectOnnxFile(big, { maxBytes: 4096 }), refusedFor('too-large'));
  });
});
