/** Writing text to a Node Writable while honouring back-pressure, so exports never buffer a whole series. */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const CLOSED = 'The export file was closed before the export finished.';

/** Writes `text` (or bytes); when the stream's buffer is full, waits for 'drain' (rejects on 'error' or 'close'). */
export async function writeText(out: Writable, text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  if (out.errored) throw out.errored;
  if (out.destroyed || out.writableEnded) throw new Error(CLOSED);
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error(CLOSED));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Ends the stream and waits until everything reached its destination; rejects with the stream's error. */
export async function finish(out: Writable): Promise<void> {
  if (out.errored) throw out.errored;
  if (out.writableFinished) return;
  out.end();
  await finished(out, { readable: false });
}
