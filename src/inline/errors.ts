/**
 * Error checks by name rather than class: the platform clients may come from another copy of the
 * modules than this feature (the extension bundle versus the test build), where `instanceof` fails.
 */

export function isCancelled(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'CancelledError' || name === 'AbortError';
}

/** A 404 from the platform, or a locator the client could not resolve (no asset at that names path). */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: unknown; status?: unknown } | null;
  return e?.name === 'ValidationError' || (e?.name === 'HttpError' && e.status === 404);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
