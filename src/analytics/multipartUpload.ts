/**
 * A multipart/form-data body that reports how much of it has been sent: a Blob whose stream is read
 * chunk by chunk, and fetch pulls the next chunk only when the socket has taken the previous one, so the
 * count follows the upload rather than the file read. Works with the shared HttpClient unchanged (its
 * `body` accepts a Blob); cancellation is the request's AbortSignal. vscode-free.
 */
import { randomBytes } from 'node:crypto';

/** What a Blob is made of (the DOM's BlobPart; this project compiles without the DOM library). */
type BlobPart = NonNullable<ConstructorParameters<typeof Blob>[0]>[number];

/** Chunk size of the progress stream: small enough for a smooth bar, large enough to stay cheap. */
const CHUNK_BYTES = 64 * 1024;

export interface MultipartFile {
  readonly field: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly contentType?: string;
}

export interface MultipartBody {
  /** The body to send; `size` is its exact length. */
  readonly blob: Blob;
  /** `multipart/form-data; boundary=…` */
  readonly contentType: string;
}

/** Called with the bytes sent so far and the total, after each chunk fetch has taken. */
export type ProgressListener = (sentBytes: number, totalBytes: number) => void;

class ProgressBlob extends Blob {
  constructor(
    parts: BlobPart[],
    type: string,
    private readonly onProgress: ProgressListener | undefined,
  ) {
    super(parts, { type });
  }

  override stream(): ReadableStream<Uint8Array> {
    const size = this.size;
    let offset = 0;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const blob = this;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset > 0) blob.onProgress?.(offset, size);
        if (offset >= size) {
          controller.close();
          return;
        }
        const end = Math.min(offset + CHUNK_BYTES, size);
        const chunk = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
        offset = end;
        controller.enqueue(chunk);
      },
    });
  }
}

/** Quotes a name for a Content-Disposition parameter as the WHATWG multipart encoder does. */
function quote(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/**
 * Encodes text fields and files as multipart/form-data (RFC 7578), with progress reporting when sent.
 * Hand-written rather than FormData: FormData turns every "\n" in a text field into "\r\n", which
 * would change a Markdown help text on its way to the platform (das sends the text unchanged).
 */
export function multipartBody(
  fields: Readonly<Record<string, string | undefined>>,
  files: readonly MultipartFile[],
  onProgress?: ProgressListener,
): MultipartBody {
  const boundary = `----iot-explorer-${randomBytes(12).toString('hex')}`;
  const parts: BlobPart[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n`, value, '\r\n');
  }
  for (const f of files) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.field)}"; filename="${quote(f.fileName)}"\r\n` +
        `Content-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      // A copy backed by a plain ArrayBuffer (Blob parts must not view a SharedArrayBuffer).
      new Uint8Array(f.bytes),
      '\r\n',
    );
  }
  parts.push(`--${boundary}--\r\n`);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { blob: new ProgressBlob(parts, contentType, onProgress), contentType };
}
