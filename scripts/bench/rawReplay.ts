/**
 * The baseline of the fetch ratios: the exact requests our client made, replayed one after another with
 * plain `fetch` and `await res.arrayBuffer()` — the same page bodies over the same loopback, with no
 * parsing. The requests are captured by wrapping the global `fetch` (which the HTTP core uses) during
 * one recording run; the timed runs go through the untouched `fetch`.
 */

export interface RecordedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Runs `task` and returns every GET it sent, in the order sent. */
export async function recordRequests<T>(task: () => Promise<T>): Promise<{ value: T; requests: RecordedRequest[] }> {
  const original = globalThis.fetch;
  const requests: RecordedRequest[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method.toUpperCase() === 'GET') {
      const url = input instanceof Request ? input.url : String(input);
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((v, k) => {
        if (k === 'authorization' || k === 'accept') headers[k] = v;
      });
      requests.push({ url, headers });
    }
    return original(input, init);
  };
  try {
    return { value: await task(), requests };
  } finally {
    globalThis.fetch = original;
  }
}

/** Downloads the recorded requests sequentially; returns the bytes received (checked to be 200s). */
export async function rawDownload(requests: readonly RecordedRequest[]): Promise<number> {
  let bytes = 0;
  for (const r of requests) {
    const res = await fetch(r.url, { headers: r.headers });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`raw GET ${r.url} answered ${res.status}`);
    bytes += body.byteLength;
  }
  return bytes;
}
