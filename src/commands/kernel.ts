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
  /** Registered with VS Code only at `itemsListed()` (src/commands/treeItemCommands.ts); the others at once. */
  readonly untilItemsListed?: ReadonlySet<CommandId>;
}

export class CommandKernel {
  private readonly ids = new Set<CommandId>();
  /** Registrations waiting for the tree's first items; undefined once they were made. */
  private waiting: Array<() => void> | undefined = [];

  constructor(private readonly deps: KernelDeps) {}

  /** Registers a command; what the handler returns is the command's result (undefined after an error). */
  register(id: CommandId, handler: CommandHandler): vscode.Disposable {
    const callback = async (...args: unknown[]): Promise<unknown> => {
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
    };
    this.ids.add(id);
    let registration: vscode.Disposable | undefined;
    let disposed = false;
    const registerNow = (): void => {
      if (!disposed) registration = vscode.commands.registerCommand(id, callback);
    };
    if (this.waiting && this.deps.untilItemsListed?.has(id)) this.waiting.push(registerNow);
    else registerNow();
    return {
      dispose: () => {
        disposed = true;
        this.ids.delete(id);
        registration?.dispose();
      },
    };
  }

  /** The connections tree is listing its first items: the commands of their context menus are registered now. */
  itemsListed(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    for (const registerNow of waiting ?? []) registerNow();
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

  /** The ids registered on the kernel, those waiting for the tree's items included (the host test compares them with package.json). */
  registered(): readonly CommandId[] {
    return [...this.ids];
  }
}

export { CommandCall };
export type { CommandId };
