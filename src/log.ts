/**
 * The extension's log: one `LogOutputChannel` with levels, every line redacted before it is written (always:
 * redaction is not a setting) and kept on one line (a line break in a platform name must not forge a line).
 * It also keeps the recent lines in memory with numbered entries, so an error node can open the log
 * "at that entry" (an output channel cannot be scrolled to a line by an extension).
 */
import * as vscode from 'vscode';
import { errorMessage, redact, type Logger } from './platforms/http';
import { oneLine } from './shared/escape/text';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly id: number;
  readonly time: number;
  readonly level: LogLevel;
  readonly message: string;
}

const KEEP = 2000;

export class ExplorerLog implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly entries: LogEntry[] = [];
  private nextId = 1;

  constructor(name = 'IoT Explorer') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  /** Logs an error (with its cause chain) and returns the entry id that error nodes link to. */
  error(message: string, err?: unknown): number {
    return this.write('error', err === undefined ? message : `${message}: ${errorMessage(err)}`);
  }

  private write(level: LogLevel, message: string): number {
    const text = oneLine(redact(message));
    this.channel[level](text);
    const entry: LogEntry = { id: this.nextId++, time: Date.now(), level, message: text };
    this.entries.push(entry);
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
    return entry.id;
  }

  recent(): readonly LogEntry[] {
    return this.entries;
  }

  entry(id: number): LogEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** Formats entries as log-file lines (for the "show log at this entry" document). */
export function formatEntry(e: LogEntry): string {
  return `${new Date(e.time).toISOString()} [${e.level}] #${e.id} ${e.message}`;
}
