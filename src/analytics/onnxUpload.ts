/**
 * The ONNX upload (`POST onnx-models`, multipart `file`, `name`, `description`, `help_text` as das'
 * register_onnx_model sends them) on the shared HttpClient of the asset API, with upload progress and
 * cancellation, which the IoT-TICKET client's own register method does not offer. vscode-free.
 */
import type { HttpClient } from '../platforms/http';
import { assetApiRoutes } from '../platforms/iotticket/routes';
import { multipartBody, type ProgressListener } from './multipartUpload';

export interface OnnxUploadInput {
  readonly bytes: Uint8Array;
  /** Sent as the file part's file name; the platform accepts `.onnx` files only. */
  readonly fileName: string;
  readonly name: string;
  readonly description?: string;
  /** Markdown. */
  readonly helpText?: string;
}

/** What the platform answers (201) for a registered ONNX model. */
export interface OnnxModelRecord {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly helpText?: string;
  readonly sizeBytes?: number;
  readonly sha256?: string;
  readonly createdAt?: string;
  readonly [key: string]: unknown;
}

export interface UploadOptions {
  readonly onProgress?: ProgressListener;
  /** The connection's ONNX route (`client.routes.onnxModels()`, which honours route overrides); default the inferred one. */
  readonly path?: string;
  readonly signal?: AbortSignal;
}

export async function uploadOnnxModel(http: HttpClient, input: OnnxUploadInput, options: UploadOptions = {}): Promise<OnnxModelRecord> {
  const body = multipartBody(
    { name: input.name, description: input.description ?? '', help_text: input.helpText ?? '' },
    [{ field: 'file', fileName: input.fileName, bytes: input.bytes, contentType: 'application/octet-stream' }],
    options.onProgress,
  );
  const response = await http.request<OnnxModelRecord>({
    method: 'POST',
    path: options.path ?? assetApiRoutes.onnxModels(),
    body: body.blob,
    contentType: body.contentType,
    signal: options.signal,
    // A write: never repeated by the retry policy (a second upload would meet "name already exists").
    idempotent: false,
    // Large models on slow links take longer than a JSON call.
    timeoutMs: 10 * 60_000,
  });
  return response.data;
}
