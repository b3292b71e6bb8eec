/**
 * The ONNX upload and the analytics operations the commands run, against the emulator over loopback:
 * register (with progress), duplicate names, size limit, cancellation, update, delete (and the refusal
 * while in use), ML models and services from definitions, and the count against the organization limit.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { CancelledError, HttpError, ValidationError } from '../../../src/platforms/http';
import { IotTicketClient } from '../../../src/platforms/iotticket/client';
import {
  analyticsUsage,
  definitionFromDetails,
  deleteItem,
  describeUsage,
  itemDetails,
  listItems,
  registerDefinition,
  updateBasicInfo,
  updateFromDefinition,
} from '../../../src/analytics/analyticsOps';
import { DefinitionValidator } from '../../../src/analytics/analyticsSchemas';
import { inspectOnnx, OnnxFileError } from '../../../src/analytics/inspectOnnx';
import { uploadOnnxModel } from '../../../src/analytics/onnxUpload';
import { classifierModel, linearRegressionModel, paddedModel, pseudoRandomBytes } from './onnxModels';
import { join } from 'node:path';

interface IotInfo {
  user: string;
  password: string;
  coreBaseUrl: string;
}

void describe('ONNX models and analytics items against the emulator', () => {
  let emulator: Emulator;
  let client: IotTicketClient;

  async function setLimits(limits: Record<string, number>): Promise<void> {
    const res = await fetch(`${emulator.url}/_emulator/iotticket/limits`, { method: 'PUT', body: JSON.stringify(limits), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200);
  }

  async function onnxByName(name: string): Promise<{ id: string; name: string } | undefined> {
    return (await client.onnx.getOnnxModelList()).find((m) => m.name === name);
  }

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    const info = emulator.info().iotticket as IotInfo;
    client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password, retry: { retries: 0 } });
  });

  after(async () => {
    await emulator.close();
  });

  void it('registers an ONNX model with progress; the platform stores the bytes the inspection hashed', async () => {
    const bytes = linearRegressionModel();
    const local = await inspectOnnx(bytes, { fileName: 'efficiency.onnx' });
    const progress: [number, number][] = [];
    const record = await uploadOnnxModel(
      client.http,
      { bytes, fileName: 'efficiency.onnx', name: 'Pump efficiency', description: 'Regression', helpText: '# Pump efficiency\n\nInputs: 4 features.' },
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    assert.match(record.id, /\S/);
    assert.equal(record.sizeBytes, bytes.length);
    assert.equal(record.sha256, local.sha256);
    // Progress runs up to the whole multipart body, never backwards.
    assert.ok(progress.length > 0);
    const [lastSent, total] = progress[progress.length - 1];
    assert.equal(lastSent, total);
    assert.ok(total > bytes.length);
    assert.ok(progress.every(([s], i) => i === 0 || s >= progress[i - 1][0]));
    const details = await client.onnx.getOnnxModelDetails({ modelId: record.id });
    assert.equal(details.name, 'Pump efficiency');
    assert.equal(details.description, 'Regression');
    assert.equal(details.helpText, '# Pump efficiency\n\nInputs: 4 features.');
  });

  void it('refuses a second model with the same name (409), and keeps the first', async () => {
    await assert.rejects(
      uploadOnnxModel(client.http, { bytes: classifierModel(), fileName: 'other.onnx', name: 'pump EFFICIENCY' }),
      (err: unknown) => err instanceof HttpError && err.status === 409 && /already exists/.test(err.platformMessage ?? ''),
    );
    const same = (await client.onnx.getOnnxModelList()).filter((m) => m.name.toLowerCase() === 'pump efficiency');
    assert.equal(same.length, 1);
  });

  void it('refuses an oversize file locally before upload, and the platform answers 413 to one sent anyway', async () => {
    await setLimits({ onnxMaxBytes: 4096 });
    try {
      const big = paddedModel(8192);
      await assert.rejects(inspectOnnx(big, { fileName: 'big.onnx', maxBytes: 4096 }), (err: unknown) => err instanceof OnnxFileError && err.reason === 'too-large');
      await assert.rejects(
        uploadOnnxModel(client.http, { bytes: big, fileName: 'big.onnx', name: 'Too big' }),
        (err: unknown) => err instanceof HttpError && err.status === 413 && /larger than the limit of 4096 bytes/.test(err.platformMessage ?? ''),
      );
      assert.equal(await onnxByName('Too big'), undefined);
    } finally {
      await setLimits({ onnxMaxBytes: 50 * 1024 * 1024 });
    }
  });

  void it('the platform refuses bytes that are not ONNX (400) — and the local check catches what its light check lets through', async () => {
    const garbage = pseudoRandomBytes(512, 3);
    garbage[0] = 0x42;
    await assert.rejects(
      uploadOnnxModel(client.http, { bytes: garbage, fileName: 'garbage.onnx', name: 'Garbage' }),
      (err: unknown) => err instanceof HttpError && err.status === 400,
    );
    // A truncated model still starts with the ir_version tag the platform looks at; only the local inspection refuses it.
    const truncated = linearRegressionModel().subarray(0, 40);
    await assert.rejects(inspectOnnx(truncated), (err: unknown) => err instanceof OnnxFileError && (err.reason === 'corrupt' || err.reason === 'not-onnx'));
    assert.equal(await onnxByName('Garbage'), undefined);
  });

  void it('cancels an upload in flight; nothing is registered', async () => {
    const controller = new AbortController();
    const bytes = paddedModel(3 * 1024 * 1024);
    await assert.rejects(
      uploadOnnxModel(client.http, { bytes, fileName: 'large.onnx', name: 'Cancelled upload' }, { signal: controller.signal, onProgress: () => controller.abort() }),
      (err: unknown) => err instanceof CancelledError,
    );
    assert.equal(await onnxByName('Cancelled upload'), undefined);
  });

  void it('updates name, description and help text; a rename onto another model’s name is refused', async () => {
    const id = (await onnxByName('Pump efficiency'))!.id;
    await updateBasicInfo(client, 'OnnxModel', id, { name: 'Pump efficiency v2', description: 'Retrained', helpText: 'See **wiki**' });
    const details = await itemDetails(client, 'OnnxModel', id);
    assert.deepEqual([details.name, details.description, details.helpText], ['Pump efficiency v2', 'Retrained', 'See **wiki**']);
    await assert.rejects(
      updateBasicInfo(client, 'OnnxModel', id, { name: 'Vibration classifier', description: '', helpText: '' }),
      (err: unknown) => err instanceof HttpError && err.status === 409,
    );
    assert.equal((await itemDetails(client, 'OnnxModel', id)).name, 'Pump efficiency v2');
  });

  void it('deletes a model that is not in use, and refuses (with the platform’s message) one that is', async () => {
    const id = (await onnxByName('Pump efficiency v2'))!.id;
    assert.equal(await deleteItem(client, 'OnnxModel', id), true);
    await assert.rejects(itemDetails(client, 'OnnxModel', id), (err: unknown) => err instanceof ValidationError);
    const inUse = (await onnxByName('Vibration classifier'))!;
    await assert.rejects(deleteItem(client, 'OnnxModel', inUse.id), (err: unknown) => err instanceof HttpError && err.status === 409 && /in use/.test(err.platformMessage ?? ''));
    assert.ok(await onnxByName('Vibration classifier'));
  });

  void it('registers an ML model from a validated definition (client id and scope from its credential) and updates it; inputs stay fixed', async () => {
    const definition = {
      $schema: './ml-model.schema.json',
      name: 'Bearing wear',
      description: 'Nightly wear estimate',
      helpText: '',
      triggerUrl: 'https://adb-1.azuredatabricks.net/api/2.1/jobs/run-now',
      method: 'POST',
      jobId: 'placeholder',
      credentialId: 'CR1',
      inputs: [{ name: 'vibration', dataType: 'double' }],
      outputs: [{ name: 'wear', dataType: 'double' }],
    };
    const validator = new DefinitionValidator(join(__dirname, '..', '..', '..', '..', 'schemas'));
    assert.equal((await validator.validate('ml-model', definition)).ok, true);
    const id = await registerDefinition(client, 'ml-model', definition);
    const details = await itemDetails(client, 'MLModel', id);
    assert.equal(details.name, 'Bearing wear');
    assert.equal(details.credentialId, 'CR1');
    const credential = (await client.credentials.getCredentials()).find((c) => c.id === 'CR1')!;
    assert.equal(details.clientId, credential.clientId);
    assert.deepEqual(details.inputs, definition.inputs);

    const changed = { ...definition, description: 'Hourly wear estimate', jobId: '4242', inputs: [{ name: 'temperature', dataType: 'double' }] };
    const result = await updateFromDefinition(client, 'ml-model', id, changed);
    assert.deepEqual(result.keptFixedFields, ['inputs']);
    const after = await itemDetails(client, 'MLModel', id);
    assert.equal(after.description, 'Hourly wear estimate');
    assert.equal(after.jobId, '4242');
    assert.deepEqual(after.inputs, definition.inputs);

    // A registered model saved as a definition is valid against the same schema (round trip).
    const saved = definitionFromDetails('ml-model', after);
    assert.deepEqual(await validator.validate('ml-model', saved), { ok: true, definition: saved });
    await assert.rejects(registerDefinition(client, 'ml-model', definition), (err: unknown) => err instanceof HttpError && err.status === 409);
  });

  void it('registers, renames and deletes an ML service', async () => {
    const id = await registerDefinition(client, 'ml-service', {
      name: 'Setpoint advisor',
      description: '',
      helpText: '',
      triggerUrl: 'https://acme-calc.azurewebsites.net/api/advise',
      method: 'POST',
      credentialId: 'CR2',
      inputSchema: { type: 'object' },
      outputSchema: { type: 'object' },
      requestContainsTimestamps: false,
      responseContainsTimestamps: true,
    });
    await updateBasicInfo(client, 'MLService', id, { name: 'Setpoint advisor 2', description: 'Advises', helpText: '# Help' });
    const details = await itemDetails(client, 'MLService', id);
    assert.deepEqual([details.name, details.description, details.helpText, details.responseContainsTimestamps], ['Setpoint advisor 2', 'Advises', '# Help', true]);
    assert.ok((await listItems(client, 'MLService')).some((s) => s.id === id));
    await deleteItem(client, 'MLService', id);
    assert.ok(!(await listItems(client, 'MLService')).some((s) => s.id === id));
  });

  void it('an ML service whose details lack method and credentialId (as the seed documents them): the update asks for them, or refuses naming them', async () => {
    const info = emulator.info().iotticket as IotInfo;
    // Registered without method and credential, so its details come back as the seed's get_service_details shows them.
    const res = await fetch(`${info.coreBaseUrl}/ml-services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${info.user}:${info.password}`).toString('base64')}` },
      body: JSON.stringify({ name: 'Seed-shaped service', description: '', helpText: '', triggerUrl: 'https://calc.example/run', requestContainsTimestamps: false, responseContainsTimestamps: false, inputSchema: {}, outputSchema: {} }),
    });
    assert.ok(res.ok, `registered: ${res.status}`);
    const id = (await listItems(client, 'MLService')).find((s) => s.name === 'Seed-shaped service')!.id;
    const details = await itemDetails(client, 'MLService', id);
    assert.equal(details.method, undefined);
    const rename = { name: 'Seed-shaped service 2', description: 'd', helpText: 'h' };
    const refused = await updateBasicInfo(client, 'MLService', id, rename).then(() => undefined, (err: unknown) => err);
    assert.ok(refused instanceof ValidationError, String(refused));
    assert.equal(refused.parameter, 'method');
    assert.match(refused.message, /method, credentialId/);
    let asked: readonly string[] = [];
    assert.equal(await updateBasicInfo(client, 'MLService', id, rename, { fill: async () => undefined }), false, 'cancelled: nothing sent');
    assert.equal((await itemDetails(client, 'MLService', id)).name, 'Seed-shaped service');
    assert.equal(await updateBasicInfo(client, 'MLService', id, rename, { fill: async (missing) => ((asked = missing), { method: 'PUT', credentialId: 'CR2' }) }), true);
    assert.deepEqual(asked, ['method', 'credentialId']);
    const after = await itemDetails(client, 'MLService', id);
    assert.deepEqual([after.name, after.method, after.credentialId], ['Seed-shaped service 2', 'PUT', 'CR2']);
    await deleteItem(client, 'MLService', id);
  });

  void it('counts analytics items against the organization limit, and the platform refuses one above it', async () => {
    const usage = await analyticsUsage(client);
    const lists = await Promise.all((['MLModel', 'MLService', 'OnnxModel'] as const).map((k) => listItems(client, k)));
    assert.deepEqual([usage.byKind.MLModel, usage.byKind.MLService, usage.byKind.OnnxModel], lists.map((l) => l.length));
    assert.equal(usage.count, lists[0].length + lists[1].length + lists[2].length);
    assert.equal(usage.count, await client.models.analyticsItemsCount());
    assert.equal(usage.limit, 50);
    assert.match(describeUsage(usage), new RegExp(`^${usage.count} of 50 analytics items used .*; ${50 - usage.count} left$`));

    await setLimits({ analyticsItems: usage.count });
    try {
      await assert.rejects(
        uploadOnnxModel(client.http, { bytes: classifierModel(), fileName: 'c.onnx', name: 'One too many' }),
        (err: unknown) => err instanceof HttpError && err.status === 429 && /limit of \d+ items/.test(err.platformMessage ?? ''),
      );
      const full = await analyticsUsage(client);
      assert.equal(full.count, full.limit);
      assert.match(describeUsage(full), /; 0 left$/);
    } finally {
      await setLimits({ analyticsItems: 50 });
    }
  });
});
