/**
 * The one way commands are registered (after AWS Toolkit's `Commands.register` and the Azure tools'
 * `registerCommand`): typed ids from package.json, arguments decoded into a `CommandCall`, and every
 * error that escapes a handler reported with one policy (`reportError`). Features receive the kernel
 * through their `*Deps` and register their commands on it.
 */
import * as vscode from 'vscode';
import { CommandCall, type CallContext } from './commandCall';
import type { CommandId } from './commandIds';
import { reportError, type ErrorLog } from './reportError';

export type CommandHandler = (call: CommandCall) => unknown;

export interface KernelDeps extends CallContext {
  readonly log: ErrorLog;
}

export class CommandKernel {
  private readonly ids = new Set<CommandId>();

  constructor(private readonly deps: KernelDeps) {}

  /** Registers a command; what the handler returns is the command's result (undefined after an error). */
  register(id: CommandId, handler: CommandHandler): vscode.Disposable {
    const registration = vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const call = new CommandCall(id, args, this.deps);
      try {
        return await handler(call);
      } catch (err) {
        const connectionId = call.connectionId();
        const profile = connectionId === undefined ? undefined : this.deps.profiles.get(connectionId);
        reportError(this.deps.log, err, {
          what: `${id} failed`,
          ...(profile ? { connection: { id: profile.id, label: profile.label } } : {}),
          retry: () => vscode.commands.executeCommand(id, ...args),
        });
        return undefined;
      }
    });
    this.ids.add(id);
    return {
      dispose: () => {
        this.ids.delete(id);
        registration.dispose();
      },
    };
  }

  /**
   * A kernel for a feature loaded on first use (src/lazy/lazyFeature.ts): its `register` puts the handler
   * into `handlers`, where the stub registered at activation finds it; an id without a stub is registered here.
   */
  recordingInto(handlers: Map<CommandId, CommandHandler>): CommandKernel {
    const stubbed = (id: CommandId): boolean => this.ids.has(id);
    const registerHere = (id: CommandId, handler: CommandHandler): vscode.Disposable => this.register(id, handler);
    return new (class extends CommandKernel {
      override register(id: CommandId, handler: CommandHandler): vscode.Disposable {
        if (!stubbed(id)) return registerHere(id, handler);
        handlers.set(id, handler);
        return { dispose: () => handlers.delete(id) };
      }
    })(this.deps);
  }

  /** Reports an error a handler caught itself (after recording it somewhere), with the same policy. */
  report(err: unknown, options: { what: string; message?: string }): void {
    reportError(this.deps.log, err, options);
  }

  /** The ids registered now (the host test compares them with package.json). */
  registered(): readonly CommandId[] {
    return [...this.ids];
  }
}

export { CommandCall };
export type { CommandId };
