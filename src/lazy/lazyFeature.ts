/**
 * A feature whose code loads on first use (issue 17 §1): at activation only its commands are registered,
 * as stubs; the first one run (or anything that needs the feature) loads its chunk with `import()`,
 * starts it with a kernel that hands its handlers to the stubs, and runs the handler. esbuild.mjs makes
 * each `import()` a chunk of its own, so activation neither parses nor runs the feature's code.
 */
import type * as vscode from 'vscode';
import type { CommandHandler, CommandId, CommandKernel } from '../commands/kernel';

export class LazyFeature<T> implements vscode.Disposable {
  private readonly handlers = new Map<CommandId, CommandHandler>();
  private readonly stubs: vscode.Disposable[];
  private loading: Promise<T> | undefined;
  private value: T | undefined;

  /**
   * @param ids every command the feature registers (the host test compares the kernel's ids with package.json)
   * @param start loads the feature's chunk and registers it on the kernel it is given
   */
  constructor(
    private readonly kernel: CommandKernel,
    ids: readonly CommandId[],
    private readonly start: (commands: CommandKernel) => Promise<T>,
  ) {
    this.stubs = ids.map((id) =>
      kernel.register(id, async (call) => {
        await this.load();
        const handler = this.handlers.get(id);
        if (!handler) throw new Error(`${id} is not available`);
        return handler(call);
      }),
    );
  }

  /** The feature, loaded and started once. */
  load(): Promise<T> {
    this.loading ??= this.start(this.kernel.recordingInto(this.handlers)).then((value) => (this.value = value));
    return this.loading;
  }

  /** The feature if it has been loaded, without loading it. */
  get loaded(): T | undefined {
    return this.value;
  }

  dispose(): void {
    for (const s of this.stubs) s.dispose();
    this.handlers.clear();
  }
}
