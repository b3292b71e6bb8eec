/**
 * History of writes per target, kept in extension state (a Memento) so a past write can be looked at and
 * sent again. Only specs and short outcomes are stored: never credentials (device passwords live in
 * SecretStorage and are looked up at send time).
 */
import { describeSpec, targetKey, type WriteSpec } from './writeSpec';

/** The part of `vscode.Memento` the history needs (Node tests pass a Map-backed one). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export interface HistoryEntry {
  readonly id: string;
  readonly target: string;
  readonly time: number;
  readonly spec: WriteSpec;
  readonly description: string;
  /** `ok`, `accepted`, `partial`, `failed`, `unknown` (may or may not have been applied), `refused` (never sent). */
  readonly result: string;
  readonly summary: string;
}

const KEY = 'iotExplorer.writeHistory';
const PER_TARGET = 25;
const TOTAL = 500;

export class WriteHistory {
  private counter = 0;

  constructor(private readonly state: StateStore) {}

  all(): HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(KEY) ?? [];
  }

  /** Newest first. */
  forTarget(target: string): HistoryEntry[] {
    return this.all().filter((e) => e.target === target);
  }

  /** Newest first, across targets of one connection. */
  forConnection(connectionId: string): HistoryEntry[] {
    return this.all().filter((e) => e.spec.connection === connectionId);
  }

  async record(spec: WriteSpec, result: string, summary: string, time = Date.now()): Promise<HistoryEntry> {
    const entry: HistoryEntry = {
      id: `${time.toString(36)}-${(this.counter++).toString(36)}`,
      target: targetKey(spec),
      time,
      spec,
      description: describeSpec(spec),
      result,
      summary: summary.slice(0, 500),
    };
    const kept: HistoryEntry[] = [entry];
    let sameTarget = 1;
    for (const e of this.all()) {
      if (kept.length >= TOTAL) break;
      if (e.target === entry.target && ++sameTarget > PER_TARGET) continue;
      kept.push(e);
    }
    await this.state.update(KEY, kept);
    return entry;
  }

  get(id: string): HistoryEntry | undefined {
    return this.all().find((e) => e.id === id);
  }

  async clear(target?: string): Promise<void> {
    await this.state.update(KEY, target === undefined ? [] : this.all().filter((e) => e.target !== target));
  }
}
