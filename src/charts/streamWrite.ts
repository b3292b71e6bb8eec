/** Writing text to a Node Writable while honouring back-pressure, so exports never buffer a whole series. */
import type { Writable } from 'node:stream';

const CLOSED = 'The export file was closed before the export finished.';

/** Writes `text`; when the stream's buffer is full, waits for 'drain' (rejects on 'error' or 'close'). */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (text.length === 0) return;
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

/** Ends the stream and waits until everything reached its destination. */
export async function finish(out: Writable): Promise<void> {
  if (out.writableFinished) return;
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}
