import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { call, start, type Harness, type Page } from './helpers';

let h: Harness;
let core: string;

before(async () => {
  h = await start();
  core = h.info.coreBaseUrl;
});
after(() => h.emu.close());

interface Item { id: string; name: string; type: string; level: string; attachedAssetIds: string[]; inputs?: unknown; helpText?: string; description?: string; sizeBytes?: number; sha256?: string }

/** A multipart/form-data body built by hand (as a Python requests client would send it). */
function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }): { body: Buffer; type: string } {
  const boundary = '----iotexplorer' + 'x'.repeat(8);
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Bytes that start like a protobuf ModelProto (field 1, ir_version). */
function onnxBytes(size: number): Buffer {
  const b = Buffer.alloc(size, 7);
  b[0] = 0x08;
  b[1] = 0x08;
  return b;
}

async function upload(fields: Record<string, string>, file?: { name: string; data: Buffer }): Promise<{ status: number; body: Item & { code?: number; description?: string } }> {
  const { body, type } = multipart(fields, file);
  return call(`${core}/onnx-models`, { method: 'POST', auth: h.user, body, headers: { 'content-type': type } });
}

void test('ML models: register (201), duplicate name 409, inputs/outputs immutable 400, delete in use 409, delete 204', async () => {
  const body = {
    name: 'Test model', description: 'd', help_text: '# help', trigger_url: 'https://example.test/run', method: 'POST', job_id: '42',
    inputs: [{ name: 'x', dataType: 'double' }], outputs: [{ name: 'y', dataType: 'double' }],
  };
  const created = await call<Item & { jobId: string; triggerUrl: string }>(`${core}/ml-models`, { method: 'POST', auth: h.user, json: body });
  assert.equal(created.status, 201);
  assert.equal(created.body.jobId, '42');
  assert.equal(created.body.helpText, '# help');
  assert.equal(created.body.triggerUrl, 'https://example.test/run');
  const dup = await call(`${core}/ml-models`, { method: 'POST', auth: h.user, json: { ...body, name: 'TEST MODEL' } });
  assert.equal(dup.status, 409);

  const id = created.body.id;
  const changeInputs = await call(`${core}/ml-models/${id}`, { method: 'PATCH', auth: h.user, json: { inputs: [{ name: 'z', dataType: 'double' }] } });
  assert.equal(changeInputs.status, 400);
  assert.equal(changeInputs.body.code, 8003);
  const rename = await call<Item>(`${core}/ml-models/${id}`, { method: 'PATCH', auth: h.user, json: { name: 'Renamed model', description: 'new', inputs: body.inputs } });
  assert.equal(rename.status, 200);
  assert.equal((await call<Item>(`${core}/ml-models/${id}`, { auth: h.user })).body.name, 'Renamed model');
  assert.equal((await call<Page<Item>>(`${core}/ml-models?name=renamed%20model`, { auth: h.user })).body.items![0].id, id);

  const list = await call<Page<Item>>(`${core}/ml-models`, { auth: h.user });
  const inUse = list.body.items!.find((m) => m.attachedAssetIds.length > 0)!;
  const refused = await call(`${core}/ml-models/${inUse.id}`, { method: 'DELETE', auth: h.user });
  assert.equal(refused.status, 409);
  assert.match(String(refused.body.description), /in use/);
  assert.equal((await call(`${core}/ml-models/${id}`, { method: 'DELETE', auth: h.user })).status, 204);
  assert.equal((await call(`${core}/ml-models/${id}`, { auth: h.user })).status, 404);
});

void test('ML services: register, update schemas, duplicate 409', async () => {
  const svc = { name: 'Test service', trigger_url: 'https://example.test/fn', method: 'POST', input_schema: { type: 'object' }, output_schema: { type: 'object' }, request_contains_timestamps: true, response_contains_timestamps: false };
  const created = await call<Item & { inputSchema: unknown; requestContainsTimestamps: boolean }>(`${core}/ml-services`, { method: 'POST', auth: h.user, json: svc });
  assert.equal(created.status, 201);
  assert.equal(created.body.requestContainsTimestamps, true);
  assert.equal((await call(`${core}/ml-services`, { method: 'POST', auth: h.user, json: svc })).status, 409);
  const updated = await call<Item & { inputSchema: unknown }>(`${core}/ml-services/${created.body.id}`, { method: 'PUT', auth: h.user, json: { inputSchema: { type: 'array' } } });
  assert.deepEqual(updated.body.inputSchema, { type: 'array' });
});

void test('ONNX upload: 201 with size and sha256; 400 for empty, non-ONNX and missing name; 409 duplicate', async () => {
  const data = onnxBytes(3000);
  const ok = await upload({ name: 'Uploaded model', description: 'A test', help_text: '# Help' }, { name: 'model.onnx', data });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.sizeBytes, 3000);
  assert.equal(ok.body.sha256, createHash('sha256').update(data).digest('hex'));
  assert.equal(ok.body.helpText, '# Help');
  assert.equal(ok.body.type, 'OnnxModel');
  const listed = await call<Page<Item>>(`${core}/onnx-models`, { auth: h.user });
  assert.ok(listed.body.items!.some((m) => m.id === ok.body.id));

  const empty = await upload({ name: 'Empty' }, { name: 'empty.onnx', data: Buffer.alloc(0) });
  assert.equal(empty.status, 400);
  assert.match(String(empty.body.description), /empty/);
  const notOnnx = await upload({ name: 'Text' }, { name: 'model.onnx', data: Buffer.from('hello world') });
  assert.equal(notOnnx.status, 400);
  const wrongExt = await upload({ name: 'Pickle' }, { name: 'model.pkl', data });
  assert.equal(wrongExt.status, 400);
  const noName = await upload({}, { name: 'model.onnx', data });
  assert.equal(noName.status, 400);
  const noFile = await upload({ name: 'No file' });
  assert.equal(noFile.status, 400);
  const dup = await upload({ name: 'Uploaded model' }, { name: 'model.onnx', data });
  assert.equal(dup.status, 409);
  const json = await call(`${core}/onnx-models`, { method: 'POST', auth: h.user, json: { name: 'x' } });
  assert.equal(json.status, 400);
});

void test('ONNX upload above the configured size limit → 413; at the limit → 201', async () => {
  await call(`${h.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { onnxMaxBytes: 4096 } });
  try {
    const atLimit = await upload({ name: 'At limit' }, { name: 'a.onnx', data: onnxBytes(4096) });
    assert.equal(atLimit.status, 201);
    const over = await upload({ name: 'Over limit' }, { name: 'b.onnx', data: onnxBytes(4097) });
    assert.equal(over.status, 413);
    const wayOver = await upload({ name: 'Way over' }, { name: 'c.onnx', data: onnxBytes(200_000) });
    assert.equal(wayOver.status, 413);
    assert.ok(!(await call<Page<Item>>(`${core}/onnx-models`, { auth: h.user })).body.items!.some((m) => m.name === 'Over limit' || m.name === 'Way over'));
  } finally {
    await call(`${h.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { onnxMaxBytes: 50 * 1024 * 1024 } });
  }
});

void test('ONNX delete refused while attached, allowed otherwise; PATCH updates basic info', async () => {
  const list = (await call<Page<Item>>(`${core}/onnx-models`, { auth: h.user })).body.items!;
  const attached = list.find((m) => m.attachedAssetIds.length > 0)!;
  const refused = await call(`${core}/onnx-models/${attached.id}`, { method: 'DELETE', auth: h.user });
  assert.equal(refused.status, 409);
  assert.match(String(refused.body.description), /in use/);
  const free = list.find((m) => m.attachedAssetIds.length === 0)!;
  const patched = await call<Item>(`${core}/onnx-models/${free.id}`, { method: 'PATCH', auth: h.user, json: { description: 'patched', help_text: 'new help' } });
  assert.equal(patched.body.description, 'patched');
  assert.equal(patched.body.helpText, 'new help');
  assert.equal((await call(`${core}/onnx-models/${free.id}`, { method: 'DELETE', auth: h.user })).status, 204);
  assert.equal((await call(`${core}/onnx-models/${free.id}`, { auth: h.user })).status, 404);
});

void test('analytics items: all three kinds; the organization limit is enforced (429 / 8002)', async () => {
  const items = await call<Page<{ type: string; level: string }>>(`${core}/analytics-items`, { auth: h.user });
  assert.deepEqual([...new Set(items.body.items!.map((i) => i.type))].sort(), ['MLModel', 'MLService', 'OnnxModel']);
  assert.ok(items.body.items!.every((i) => ['organization', 'subscription', 'platform'].includes(i.level)));
  await call(`${h.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { analyticsItems: items.body.fullSize } });
  try {
    const org = await call<{ limits: { analyticsItems: number }; usedLimits: { analyticsItems: number } }>(`${core}/organizations/${h.info.organizationId}`, { auth: h.user });
    assert.equal(org.body.limits.analyticsItems, org.body.usedLimits.analyticsItems);
    const refused = await call(`${core}/ml-services`, { method: 'POST', auth: h.user, json: { name: 'One too many' } });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, 8002);
  } finally {
    await call(`${h.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { analyticsItems: 50 } });
  }
  const unknown = await call(`${h.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { nonsense: 1 } });
  assert.equal(unknown.status, 400);
});
