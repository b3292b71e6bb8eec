/**
 * Asset API analytics (spec §5.10): `/ml-models`, `/ml-services`, `/onnx-models` (GET list with optional
 * `?name=`, POST, GET/PATCH/PUT/DELETE by id) and `/analytics-items` (all three kinds: id, name, level, type).
 * Duplicate names → 409, ML model inputs/outputs changed → 400, delete while attached to an asset → 409,
 * more than the organization's analytics limit → 429 (8002).
 * ONNX upload: multipart/form-data with `file` (the .onnx bytes), `name`, `description`, `help_text` → 201 with
 * sizeBytes and sha256; empty or non-ONNX file → 400 (a protobuf ModelProto starts with tag 0x08, ir_version);
 * file above `onnxMaxBytes` → 413.
 */
import { BodyTooLargeError } from '../router';
import { sendEmpty, sendJson } from '../respond';
import { analyticsJson, type AnalyticsItem, type AnalyticsType } from './analytics';
import { type AssetApiRouter, ASSET_API_PAGE, objectBody } from './assetApiHttp';
import { badInput, assetApiPage, notFound, pageOf, parsePaging } from './envelope';
import { v1Error } from './envelope';
import type { IotTicketModel } from './model';
import { parseMultipart } from './multipart';

/** Room for the multipart framing and text fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

const KINDS: readonly (readonly [string, AnalyticsType])[] = [['/ml-models', 'MLModel'], ['/ml-services', 'MLService'], ['/onnx-models', 'OnnxModel']];

export function registerAnalyticsRoutes(api: AssetApiRouter): void {
  for (const [path, type] of KINDS) {
    api.route('get', path, (ctx, model) => {
      const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
      const name = ctx.query.get('name');
      const all = model.analytics.list(type).filter((i) => name === null || i.name.toLowerCase() === name.toLowerCase());
      sendJson(ctx.res, 200, assetApiPage(pageOf(all, paging).map(analyticsJson), all.length, paging));
    });
    api.route('get', `${path}/:id`, (ctx, model) => sendJson(ctx.res, 200, analyticsJson(item(model, type, ctx.params.id))));
    for (const method of ['patch', 'put'] as const) {
      api.route(method, `${path}/:id`, async (ctx, model, user) => {
        const updated = model.analytics.update(item(model, type, ctx.params.id), await objectBody(ctx), user.username, model.now());
        sendJson(ctx.res, 200, analyticsJson(updated));
      });
    }
    api.route('delete', `${path}/:id`, (ctx, model) => {
      model.analytics.delete(item(model, type, ctx.params.id));
      sendEmpty(ctx.res, 204);
    });
    if (type !== 'OnnxModel') {
      api.route('post', path, async (ctx, model, user) => {
        sendJson(ctx.res, 201, analyticsJson(model.analytics.register(type, await objectBody(ctx), user.username, model.now())));
      });
    }
  }

  api.route('post', '/onnx-models', async (ctx, model, user) => {
    const contentType = ctx.req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) throw badInput('Upload the model as multipart/form-data with a "file" part');
    const max = model.limits.onnxMaxBytes;
    const body = await ctx.body().catch((err: unknown) => {
      throw err instanceof BodyTooLargeError ? tooLarge(max) : err;
    });
    const parts = parseMultipart(body, contentType);
    if (!parts) throw badInput('Malformed multipart body');
    const field = (name: string): string | undefined => parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
    const file = parts.find((p) => p.name === 'file');
    if (!file) throw badInput('The "file" part (the .onnx model) is required');
    if (file.data.length > max) throw tooLarge(max);
    if (file.data.length === 0) throw badInput('The ONNX file is empty');
    if (file.filename !== undefined && !/\.onnx$/i.test(file.filename)) throw badInput(`"${file.filename}" is not an .onnx file`);
    if (file.data[0] !== 0x08) throw badInput('The file is not an ONNX model (a protobuf ModelProto starts with ir_version, byte 0x08)');
    const meta = { name: field('name'), description: field('description'), help_text: field('help_text') ?? field('helpText') };
    if (!meta.name) throw badInput('The "name" field is required');
    sendJson(ctx.res, 201, analyticsJson(model.analytics.registerOnnx(meta, file.data, user.username, model.now())));
  }, { maxBody: () => api.state().limits.onnxMaxBytes + MULTIPART_OVERHEAD });

  // get_all_analytics_items; its fullSize is analytics_items_count.
  api.route('get', '/analytics-items', (ctx, model) => {
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const all = model.analytics.list().map((i) => ({ id: i.id, name: i.name, level: i.level, type: i.type }));
    sendJson(ctx.res, 200, assetApiPage(pageOf(all, paging), all.length, paging));
  });
}

function item(model: IotTicketModel, type: AnalyticsType, id: string): AnalyticsItem {
  const found = model.analytics.get(type, id);
  if (!found) throw notFound(`No ${type} "${id}"`);
  return found;
}

function tooLarge(max: number): Error {
  return v1Error(413, 8003, `The ONNX file is larger than the limit of ${max} bytes`);
}
