/** ML models, ML services and ONNX models (register, details, update, delete) and the analytics totals. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpError } from '../../../src/platforms/http';
import { rejects, rejectsValidation, startFixture, type Fixture } from './fixture';

let f: Fixture;
let dir: string;
before(async () => {
  f = await startFixture();
  dir = await mkdtemp(join(tmpdir(), 'iot-onnx-'));
});
after(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

/** The first bytes of a protobuf ModelProto (field 1 = ir_version) and some padding. */
const onnxBytes = (n = 64): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i === 0 ? 0x08 : i === 1 ? 0x07 : i % 251));

const model = {
  name: 'Drift detector', description: 'Detects sensor drift', help_text: '# Drift', trigger_url: 'https://adb.example/api/2.1/jobs/run-now',
  method: 'POST', client_id: 'cid', scope: 'api://x/.default', job_id: '77', inputs: [{ name: 'flow', dataType: 'double' }], outputs: [{ name: 'drift', dataType: 'double' }],
};

void describe('analytics items', () => {
  void test('getAllAnalyticsItems lists the three kinds; the count matches', async () => {
    const items = await f.client.models.getAllAnalyticsItems();
    assert.deepEqual([...new Set(items.map((i) => i.type))].sort(), ['MLModel', 'MLService', 'OnnxModel']);
    assert.ok(items.every((i) => ['organization', 'subscription', 'platform'].includes(i.level)));
    assert.equal(await f.client.models.analyticsItemsCount(), items.length);
  });
});

void describe('ML models', () => {
  void test('register (das snake_case keys), details by name and id, update, delete', async () => {
    const before = await f.client.models.analyticsItemsCount();
    const id = await f.client.models.registerModel(model);
    assert.equal(await f.client.models.analyticsItemsCount(), before + 1);
    const byName = await f.client.models.getModelDetails({ modelName: 'Drift detector' });
    assert.equal(byName.id, id);
    assert.equal(byName.helpText, '# Drift');
    assert.equal(byName.triggerUrl, model.trigger_url);
    assert.ok((await f.client.models.getModelList()).some((m) => m.id === id));
    assert.equal(await f.client.models.updateModel({ ...model, description: 'Detects drift early', credential_id: 'CR1' }), true);
    assert.equal((await f.client.models.getModelDetails({ modelId: id })).description, 'Detects drift early');
    // Inputs of an ML model cannot change after creation (the server refuses).
    const err = await rejects(f.client.models.updateModel({ ...model, credential_id: 'CR1', inputs: [{ name: 'other', dataType: 'double' }] }), HttpError);
    assert.equal(err.status, 400);
    assert.equal(await f.client.models.deleteModel({ modelName: 'Drift detector' }), true);
    await rejectsValidation(f.client.models.getModelDetails({ modelId: id }), 'modelId', /no ML model with id/);
  });

  void test('validation and server refusals', async () => {
    await rejectsValidation(f.client.models.registerModel({ ...model, help_text: undefined }), 'model', /missing help_text/);
    await rejectsValidation(f.client.models.registerModel({ ...model, method: 'PATCH' }), 'model.method', /POST, GET, PUT/);
    await rejectsValidation(f.client.models.registerModel({ ...model, client_id: undefined }), 'model', /client_id and scope, or headers/);
    await rejectsValidation(f.client.models.updateModel(model), 'model', /missing credential_id/);
    await rejectsValidation(f.client.models.getModelDetails({}), 'modelId|modelName');
    await rejectsValidation(f.client.models.deleteModel({ modelId: 'x', modelName: 'y' }), 'modelId|modelName');
    await rejectsValidation(f.client.models.deleteModel({ modelName: 'Nothing like this' }), 'modelName', /no ML model named/);
    const inUse = await rejects(f.client.models.deleteModel({ modelName: 'Pump anomaly detector' }), HttpError);
    assert.equal(inUse.status, 409);
    assert.match(inUse.platformMessage, /in use/);
    const dup = await rejects(f.client.models.registerModel({ ...model, name: 'Pump anomaly detector' }), HttpError);
    assert.equal(dup.status, 409);
  });
});

void describe('ML services', () => {
  const service = {
    name: 'Flow forecaster', description: 'Forecasts flow', helpText: 'help', triggerUrl: 'https://fn.example/api/flow', method: 'POST',
    headers: { 'x-functions-key': 'k' }, inputSchema: { type: 'object' }, outputSchema: { type: 'object' },
    requestContainsTimestamps: true, responseContainsTimestamps: false,
  };

  void test('register, list, details, update by name, delete', async () => {
    const id = await f.client.services.registerService(service);
    assert.ok((await f.client.services.getServiceList()).some((s) => s.id === id));
    const details = await f.client.services.getServiceDetails({ serviceId: id });
    assert.equal(details.requestContainsTimestamps, true);
    assert.equal(await f.client.services.updateService({ ...service, credentialId: 'CR2', responseContainsTimestamps: true }, { serviceName: 'Flow forecaster' }), true);
    assert.equal((await f.client.services.getServiceDetails({ serviceName: 'Flow forecaster' })).responseContainsTimestamps, true);
    assert.equal(await f.client.services.deleteService({ serviceId: id }), true);
    assert.ok(!(await f.client.services.getServiceList()).some((s) => s.id === id));
  });

  void test('validation', async () => {
    await rejectsValidation(f.client.services.registerService({ ...service, inputSchema: undefined }), 'service', /input_schema/);
    await rejectsValidation(f.client.services.registerService({ ...service, requestContainsTimestamps: 'yes' }), 'service.requestContainsTimestamps');
    await rejectsValidation(f.client.services.updateService({ ...service, credentialId: 'CR2' }, {}), 'serviceName|serviceId');
    await rejectsValidation(f.client.services.updateService(service, { serviceId: 'MS0001' }), 'service', /credential_id/);
    const inUse = await rejects(f.client.services.deleteService({ serviceName: 'Water quality classifier' }), HttpError);
    assert.equal(inUse.status, 409);
  });
});

void describe('ONNX models', () => {
  void test('register from a file path and from bytes, update, delete', async () => {
    const file = join(dir, 'anomaly.onnx');
    await writeFile(file, onnxBytes(300));
    const id = await f.client.onnx.registerOnnxModel('Anomaly ONNX', file, { description: 'desc', helpText: '# help' });
    const details = await f.client.onnx.getOnnxModelDetails({ modelId: id });
    assert.equal(details.sizeBytes, 300);
    assert.match(String(details.sha256), /^[0-9a-f]{64}$/);
    assert.equal(details.helpText, '# help');
    const fromBytes = await f.client.onnx.registerOnnxModel('Bytes ONNX', { data: onnxBytes(10), fileName: 'b.onnx' });
    const list = await f.client.onnx.getOnnxModelList();
    assert.ok(list.some((m) => m.id === id) && list.some((m) => m.id === fromBytes));
    assert.ok(list.every((m) => m.type === 'OnnxModel'));
    assert.equal(await f.client.onnx.updateOnnxModel({ name: 'Anomaly ONNX', description: 'better', help_text: 'new help' }), true);
    const updated = await f.client.onnx.getOnnxModelDetails({ modelName: 'Anomaly ONNX' });
    assert.deepEqual([updated.description, updated.helpText], ['better', 'new help']);
    assert.equal(await f.client.onnx.updateOnnxModel({ name: 'Renamed ONNX' }, { modelId: fromBytes }), true);
    assert.equal((await f.client.onnx.getOnnxModelDetails({ modelId: fromBytes })).name, 'Renamed ONNX');
    assert.equal(await f.client.onnx.deleteOnnxModel({ modelId: id }), true);
    assert.equal(await f.client.onnx.deleteOnnxModel({ modelName: 'Renamed ONNX' }), true);
    await rejectsValidation(f.client.onnx.getOnnxModelDetails({ modelName: 'Anomaly ONNX' }), 'modelName', /no ONNX model named/);
  });

  void test('file checks before upload, and the server refusals', async () => {
    await rejectsValidation(f.client.onnx.registerOnnxModel('x', join(dir, 'missing.onnx')), 'fileLocation', /no file at/);
    await rejectsValidation(f.client.onnx.registerOnnxModel('x', join(dir, 'model.pt')), 'fileLocation', /not an \.onnx file/);
    await rejectsValidation(f.client.onnx.registerOnnxModel('x', { data: onnxBytes(), fileName: 'x.bin' }), 'fileLocation');
    await rejectsValidation(f.client.onnx.updateOnnxModel({ description: 'no name' }), 'payload.name');
    await rejectsValidation(f.client.onnx.updateOnnxModel({ name: 'x', inputs: [] }), 'payload', /only name, description and help_text/);
    const notOnnx = await rejects(f.client.onnx.registerOnnxModel('Not ONNX', { data: new TextEncoder().encode('hello'), fileName: 'fake.onnx' }), HttpError);
    assert.equal(notOnnx.status, 400);
    const empty = await rejects(f.client.onnx.registerOnnxModel('Empty', { data: new Uint8Array(), fileName: 'e.onnx' }), HttpError);
    assert.equal(empty.status, 400);
    const dup = await rejects(f.client.onnx.registerOnnxModel('Vibration classifier', { data: onnxBytes(), fileName: 'v.onnx' }), HttpError);
    assert.equal(dup.status, 409);
    await f.control('/_emulator/iotticket/limits', { method: 'PUT', body: { onnxMaxBytes: 100 } });
    try {
      const big = await rejects(f.client.onnx.registerOnnxModel('Too big', { data: onnxBytes(101), fileName: 'big.onnx' }), HttpError);
      assert.equal(big.status, 413);
    } finally {
      await f.control('/_emulator/iotticket/limits', { method: 'PUT', body: { onnxMaxBytes: 50 * 1024 * 1024 } });
    }
    const inUse = await rejects(f.client.onnx.deleteOnnxModel({ modelName: 'Vibration classifier' }), HttpError);
    assert.equal(inUse.status, 409);
  });
});

void describe('lookups by name match exactly (16.8)', () => {
  // The emulator's `?name=` filter ignores case, as a lenient server may: the client must not.
  void test('a name differing only in case neither deletes, updates nor reads an item', async () => {
    const modelId = await f.client.models.registerModel({ ...model, name: 'CaseModel' });
    await rejectsValidation(f.client.models.deleteModel({ modelName: 'CASEMODEL' }), 'modelName', /no ML model named "CASEMODEL".*did you mean "CaseModel"/);
    await rejectsValidation(f.client.models.updateModel({ ...model, name: 'casemodel', credential_id: 'CR1' }), 'modelName', /no ML model named/);
    await rejectsValidation(f.client.models.getModelDetails({ modelName: 'casemodel' }), 'modelName');
    assert.equal((await f.client.models.getModelDetails({ modelId })).name, 'CaseModel');
    assert.equal(await f.client.models.deleteModel({ modelName: 'CaseModel' }), true);

    const serviceId = await f.client.services.registerService({
      name: 'CaseService', description: 'd', helpText: 'h', triggerUrl: 'https://fn.example/api/c', method: 'POST',
      headers: { k: 'v' }, inputSchema: { type: 'object' }, outputSchema: { type: 'object' }, requestContainsTimestamps: false, responseContainsTimestamps: false,
    });
    await rejectsValidation(f.client.services.deleteService({ serviceName: 'caseservice' }), 'serviceName', /no ML service named "caseservice"/);
    assert.ok((await f.client.services.getServiceList()).some((s) => s.id === serviceId));
    assert.equal(await f.client.services.deleteService({ serviceName: 'CaseService' }), true);

    const onnxId = await f.client.onnx.registerOnnxModel('CaseOnnx', { data: onnxBytes(), fileName: 'c.onnx' });
    await rejectsValidation(f.client.onnx.deleteOnnxModel({ modelName: 'CASEONNX' }), 'modelName', /no ONNX model named "CASEONNX"/);
    await rejectsValidation(f.client.onnx.updateOnnxModel({ name: 'caseonnx', description: 'x' }), 'modelName');
    assert.ok((await f.client.onnx.getOnnxModelList()).some((m) => m.id === onnxId));
    assert.equal(await f.client.onnx.deleteOnnxModel({ modelName: 'CaseOnnx' }), true);
  });
});
