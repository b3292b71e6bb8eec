/** Every ModelsClient, ServicesClient and OnnxClient method of the das reference through the Python backend. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PythonCallError } from '../../../../src/platforms/iotticket/python';
import { rejects, rejectsValidation } from '../fixture';
import { startPyFixture, type PyFixture } from './pyFixture';

let f: PyFixture;
let dir: string;
before(async () => {
  f = await startPyFixture();
  dir = await mkdtemp(join(tmpdir(), 'iot-py-onnx-'));
});
after(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

const onnxBytes = (n = 64): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i === 0 ? 0x08 : i === 1 ? 0x07 : i % 251));

const model = {
  name: 'Py drift detector', description: 'Detects sensor drift', helpText: '# Drift', triggerUrl: 'https://adb.example/api/2.1/jobs/run-now',
  method: 'POST', clientId: 'cid', scope: 'api://x/.default', jobId: '77', inputs: [{ name: 'flow', dataType: 'double' }], outputs: [{ name: 'drift', dataType: 'double' }],
};

void test('analytics_items_count and get_all_analytics_items', async () => {
  const items = await f.api.models.getAllAnalyticsItems();
  assert.deepEqual(items.map((i) => [i.id, i.type, i.level]), (await f.http.models.getAllAnalyticsItems()).map((i) => [i.id, i.type, i.level]));
  assert.equal(await f.api.models.analyticsItemsCount(), items.length);
});

void describe('ML models and services', () => {
  void test('register (camelCase in, das snake_case out), list, details by name and id, update, delete', async () => {
    const id = await f.api.models.registerModel(model);
    assert.ok((await f.api.models.getModelList()).some((m) => m.id === id));
    const details = await f.api.models.getModelDetails({ modelName: model.name });
    assert.equal(details.id, id);
    assert.equal(details.helpText, '# Drift');
    assert.deepEqual(details, await f.http.models.getModelDetails({ modelId: id }));
    assert.equal(await f.api.models.updateModel({ ...model, id, description: 'Earlier', credential_id: 'CR1' }), true);
    assert.equal((await f.api.models.getModelDetails({ modelId: id })).description, 'Earlier');
    const inUse = await rejects(f.api.models.deleteModel({ modelName: 'Pump anomaly detector' }), PythonCallError);
    assert.match(inUse.pythonMessage, /in use in an asset/);
    assert.equal(await f.api.models.deleteModel({ modelId: id }), true);
    await rejectsValidation(f.api.models.registerModel({ ...model, helpText: undefined }), 'model', /missing help_text/);
    await rejectsValidation(f.api.models.updateModel(model), 'model', /missing credential_id/);
    await rejectsValidation(f.api.models.getModelDetails({}), 'modelId|modelName');
  });

  void test('register_service, update_service by name, get_service_details, delete_service', async () => {
    const service = {
      name: 'Py flow forecaster', description: 'Forecasts flow', help_text: 'help', trigger_url: 'https://fn.example/api/flow', method: 'POST',
      headers: { 'x-functions-key': 'k' }, input_schema: { type: 'object' }, output_schema: { type: 'object' }, request_contains_timestamps: true, response_contains_timestamps: false,
    };
    const id = await f.api.services.registerService(service);
    assert.ok((await f.api.services.getServiceList()).some((s) => s.id === id));
    assert.equal(await f.api.services.updateService({ ...service, description: 'v2', credential_id: 'CR2' }, { serviceName: service.name }), true);
    assert.equal((await f.api.services.getServiceDetails({ serviceId: id })).description, 'v2');
    assert.equal(await f.api.services.deleteService({ serviceName: service.name }), true);
    await rejectsValidation(f.api.services.registerService({ ...service, request_contains_timestamps: 'yes' }), 'service.requestContainsTimestamps');
  });
});

void describe('ONNX models', () => {
  void test('register from a path and from bytes (a private temporary file), details, update, delete; the reference\'s errors', async () => {
    const path = join(dir, 'py-model.onnx');
    await writeFile(path, onnxBytes());
    const id = await f.api.onnx.registerOnnxModel('Py ONNX', path, { description: 'd', helpText: 'h' });
    const details = await f.api.onnx.getOnnxModelDetails({ modelId: id });
    assert.equal(details.name, 'Py ONNX');
    assert.equal(details.helpText, 'h');
    assert.ok((await f.api.onnx.getOnnxModelList()).some((m) => m.id === id));
    assert.equal(await f.api.onnx.updateOnnxModel({ name: 'Py ONNX', description: 'd2' }), true, 'found by its unique name');
    assert.equal((await f.api.onnx.getOnnxModelDetails({ modelName: 'Py ONNX' })).description, 'd2');
    const fromBytes = await f.api.onnx.registerOnnxModel('Py ONNX bytes', { data: onnxBytes(80), fileName: 'b.onnx' });
    assert.equal((await f.http.onnx.getOnnxModelDetails({ modelId: fromBytes })).sizeBytes, 80);
    assert.equal(await f.api.onnx.deleteOnnxModel({ modelId: fromBytes }), true);
    assert.equal(await f.api.onnx.deleteOnnxModel({ modelName: 'Py ONNX' }), true);
    await rejectsValidation(f.api.onnx.registerOnnxModel('x', join(dir, 'missing.onnx')), 'fileLocation', /no file/);
    await rejectsValidation(f.api.onnx.registerOnnxModel('x', join(dir, 'model.txt')), 'fileLocation', /not an \.onnx file/);
    await rejectsValidation(f.api.onnx.updateOnnxModel({ name: 'x', inputs: [] }), 'payload', /only name, description and help_text/);
  });
});
