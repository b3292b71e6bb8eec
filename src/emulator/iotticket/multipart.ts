/** A minimal multipart/form-data reader (RFC 7578) for the ONNX upload. */

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

/** The parts of a multipart body, or undefined when the content type has no boundary or the body is malformed. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType) || !m) return undefined;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const next = body.indexOf(delimiter, pos);
    if (next < 0) return undefined;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0 || headerEnd > next) return undefined;
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    // The part's data ends with the CRLF that precedes the next delimiter.
    const data = body.subarray(headerEnd + 4, next - 2);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      parts.push({
        name,
        filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
        contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim(),
        data,
      });
    }
    pos = next;
  }
}

/**
 * Reads a request body keeping at most `max` bytes: resolves undefined when the body is larger. The rest is
 * still read and dropped, so the client can finish sending and then read the error answer.
 */
