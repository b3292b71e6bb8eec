/** das OnnxClient: ONNX models uploaded as files (multipart), their details and basic-info updates. */
import type { OnnxApi } from './assetApi';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ValidationError } from '../http';
import { AnalyticsKindClient, camelKeys } from './analyticsItems';
import type { AssetApiContext } from './assetApiContext';
import * as shapes from './shapes';
import type { AnalyticsDetails, AnalyticsItem } from './types';
import { checkText } from './validation';
import type { OnnxFile } from './assetApiOptions';
export type { OnnxFile } from './assetApiOptions';

/** update_onnx_model's payload: `name` (required), `description`, `help_text`, nothing else; as our camelCase update. */
export function checkOnnxUpdate(payload: Readonly<Record<string, unknown>>): Record<string, string> {
  const body = camelKeys(payload);
  const name = checkText('payload.name', body.name, 255)!;
  const unknown = Object.keys(body).filter((k) => !['name', 'description', 'helpText'].includes(k));
  if (unknown.length > 0) throw new ValidationError('payload', `may hold only name, description and help_text, not ${unknown.join(', ')}`);
  const update: Record<string, string> = { name };
  if (body.description !== undefined) update.description = String(body.description);
  if (body.helpText !== undefined) update.helpText = String(body.helpText);
  return update;
}

export class OnnxClient extends AnalyticsKindClient implements OnnxApi {
  constructor(core: AssetApiContext) {
    super(core, { label: 'ONNX model', idKey: 'modelId', nameKey: 'modelName', list: core.routes.onnxModels, one: core.routes.onnxModel });
  }

  /** get_onnx_model_list: id, name, level and type of every ONNX model. */
  getOnnxModelList(options: { signal?: AbortSignal } = {}): Promise<AnalyticsItem[]> {
    return this.listAll(options.signal);
  }

  /** get_onnx_model_details: exactly one of modelName or modelId. */
  async getOnnxModelDetails(options: { modelName?: string; modelId?: string; signal?: AbortSignal }): Promise<AnalyticsDetails> {
    return this.details(await this.resolveId(options, options.signal), options.signal);
  }

  /** register_onnx_model: uploads the file with its name, description and markdown help text; returns the id. */
  async registerOnnxModel(name: string, fileLocation: OnnxFile, options: { description?: string; helpText?: string; signal?: AbortSignal } = {}): Promise<string> {
    checkText('name', name, 255);
    const { data, fileName } = await readModelFile(fileLocation);
    const form = new FormData();
    form.append('name', name);
    if (options.description !== undefined) form.append('description', String(options.description));
    if (options.helpText !== undefined) form.append('help_text', String(options.helpText));
    form.append('file', new Blob([data], { type: 'application/octet-stream' }), fileName);
    const res = await this.core.http.request<{ id: string }>({ method: 'POST', path: this.core.routes.onnxModels(), body: form, signal: options.signal, expect: shapes.created });
    return res.data.id;
  }

  /** update_onnx_model: `name` (required), `description`, `help_text`; by `modelId`, else by the payload's name. */
  async updateOnnxModel(payload: Readonly<Record<string, unknown>>, options: { modelId?: string; signal?: AbortSignal } = {}): Promise<boolean> {
    const update = checkOnnxUpdate(payload);
    const id = options.modelId ?? (await this.resolveId({ modelName: update.name }, options.signal));
    return this.update(checkText('modelId', id, 1000)!, update, options.signal);
  }

  /** delete_onnx_model: exactly one of modelName or modelId. */
  async deleteOnnxModel(options: { modelName?: string; modelId?: string; signal?: AbortSignal }): Promise<boolean> {
    return this.remove(await this.resolveId(options, options.signal), options.signal);
  }
}

/** The model's bytes and file name, checked to be an existing `.onnx` file. */
export async function readModelFile(file: OnnxFile): Promise<{ data: Uint8Array; fileName: string }> {
  if (typeof file !== 'string') {
    if (!(file?.data instanceof Uint8Array)) throw new ValidationError('fileLocation', 'must be a path or { data: Uint8Array, fileName }');
    if (extname(file.fileName).toLowerCase() !== '.onnx') throw new ValidationError('fileLocation', `"${file.fileName}" is not an .onnx file`);
    return { data: file.data, fileName: file.fileName };
  }
  if (extname(file).toLowerCase() !== '.onnx') throw new ValidationError('fileLocation', `"${file}" is not an .onnx file`);
  try {
    if (!(await stat(file)).isFile()) throw new ValidationError('fileLocation', `"${file}" is not a file`);
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError('fileLocation', `no file at "${file}"`);
  }
  return { data: new Uint8Array(await readFile(file)), fileName: basename(file) };
}
