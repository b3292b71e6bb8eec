/**
 * The Go to… index of one session through its life (vscode-free; assetIndex.ts keeps one per session):
 * restored from disk when a stored one exists, else built; refreshed in the background once older than
 * the configured age (or right after a restore), the old one answering until the new one is complete;
 * every completed build stored for the next session.
 */
import { errorMessage, type Logger } from '../../../platforms/http';
import { AssetIndex, buildIndex } from './assetIndexCore';
import type { AssetApiAccess } from './assetApiAccess';
import { hasStoredIndex, restoreIndex, storeIndex } from './indexStore';

export interface SessionIndexOptions {
  readonly access: AssetApiAccess;
  /** The connection's name, for the log. */
  readonly label: string;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  /** Where the index is stored between sessions; undefined keeps it in memory only. */
  readonly storeFile?: string;
  /** Whether storing is still wanted when a build completes (the setting may have been turned off since). */
  readonly keepStoring?: () => boolean;
  /** Age after which a search starts a refresh (read on each search: the setting may change). */
  readonly maxAgeMs: () => number;
}

export class SessionIndex {
  /** The index searches use: complete, or the first one while it is built or restored. */
  current: AssetIndex;
  /** A newer index being built to replace `current`. */
  refreshing: AssetIndex | undefined;
  /** Resolves when the latest build and its store write ended (tests and the bench wait for it). */
  stored: Promise<void> = Promise.resolve();

  constructor(private readonly o: SessionIndexOptions) {
    this.current = o.storeFile && hasStoredIndex(o.storeFile) ? this.restore(o.storeFile) : this.build();
  }

  /** The index as it is now, possibly still growing; starts a new build after a failure or a refresh when it is old. */
  live(): AssetIndex {
    if (this.current.failed !== undefined && !this.refreshing) this.current = this.build();
    else if (this.current.complete && !this.refreshing && Date.now() - this.current.builtAt > this.o.maxAgeMs()) this.refresh();
    return this.current;
  }

  private restore(file: string): AssetIndex {
    const index = new AssetIndex();
    const started = Date.now();
    restoreIndex(file, index).then(
      () => {
        this.o.log.info(`Read the stored Go to… index of "${this.o.label}" (${index.size} assets, built ${new Date(index.builtAt).toISOString()}) in ${Date.now() - started} ms; refreshing it`);
        this.refresh();
      },
      (err: unknown) => {
        this.o.log.warn(`The stored Go to… index of "${this.o.label}" could not be read (${errorMessage(err)}); building a new one`);
        if (this.current === index) this.current = this.build();
      },
    );
    return index;
  }

  /** A new index, built in the background; `built` hears whether the build completed, before it is stored. */
  private build(built?: (ok: boolean) => void): AssetIndex {
    const index = new AssetIndex();
    this.stored = buildIndex(this.o.access, index, this.o.log, this.o.label).then(
      () => {
        built?.(true);
        return this.store(index);
      },
      (err: unknown) => {
        built?.(false);
        this.o.log.warn(`Indexing the assets of "${this.o.label}" failed: ${errorMessage(err)}`);
      },
    );
    return index;
  }

  /** Builds a new index that replaces `current` once complete (a failed one is dropped). */
  private refresh(): void {
    const fresh = this.build((ok) => {
      if (ok) this.current = fresh;
      this.refreshing = undefined;
    });
    this.refreshing = fresh;
  }

  private async store(index: AssetIndex): Promise<void> {
    const file = this.o.storeFile;
    if (!file || this.o.keepStoring?.() === false) return;
    await storeIndex(file, index).then(
      (saved) => {
        if (saved) this.o.log.info(`Stored the Go to… index of "${this.o.label}" (${index.size} assets)`);
      },
      (err: unknown) => this.o.log.warn(`Storing the Go to… index of "${this.o.label}" failed: ${errorMessage(err)}`),
    );
  }
}
