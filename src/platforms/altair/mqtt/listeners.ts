/** A minimal typed event (the platform layer has no `vscode.EventEmitter`). */
export interface Disposable {
  dispose(): void;
}

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  /** Subscribe; dispose the result to stop. */
  readonly event = (listener: (value: T) => void): Disposable => {
    this.set.add(listener);
    return { dispose: () => this.set.delete(listener) };
  };

  fire(value: T): void {
    for (const l of [...this.set]) {
      try {
        l(value);
      } catch {
        // One listener's failure must not starve the others.
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}
