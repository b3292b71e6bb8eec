/**
 * The commands of the connections and of the tree's nodes load on first use too (issue 17 §1): their
 * handlers, the connection wizard and its multi-step input are a chunk of their own, so activation (also
 * for a Python file or a notebook, where no one may touch the tree) registers only their stubs. The id
 * lists must name every command the two modules register: the host test compares the kernel's commands
 * at activation with package.json.
 */
import type * as vscode from 'vscode';
import type { CommandId, CommandKernel } from '../commands/kernel';
import type { ConnectionCommandDeps } from '../explorer/commands/connectionCommands';
import type { NodeCommandDeps } from '../explorer/commands/nodeCommands';
import type { DemoInfo } from '../demo/demoService';
import { LazyFeature } from './lazyFeature';

const CONNECTION_IDS: readonly CommandId[] = [
  'iotExplorer.addConnection', 'iotExplorer.editConnection', 'iotExplorer.removeConnection', 'iotExplorer.testConnection',
  'iotExplorer.signOut', 'iotExplorer.setCredential', 'iotExplorer.moveSecretsFromSettings', 'iotExplorer.reviewSecretOrigin',
  'iotExplorer.tryDemo', 'iotExplorer.python.selectInterpreter',
];

const NODE_IDS: readonly CommandId[] = [
  'iotExplorer.refresh', 'iotExplorer.refreshNode', 'iotExplorer.loadMore', 'iotExplorer.loadManyMore', 'iotExplorer.showLog',
  'iotExplorer.openJson', 'iotExplorer.editThing', 'iotExplorer.copyId', 'iotExplorer.copyNamesPath', 'iotExplorer.copyPythonSnippet',
  'iotExplorer.pin', 'iotExplorer.unpin', 'iotExplorer.revealFavourite', 'iotExplorer.goTo', 'iotExplorer.setFilter',
  'iotExplorer.clearFilter', 'iotExplorer.printAssetTree', 'iotExplorer.showEventHistory',
];

export interface TreeCommands extends vscode.Disposable {
  /** Which of the two command modules have been loaded (activation loads neither). */
  readonly loaded: readonly string[];
  /** Try the Demo (also run by the demo launch hook and the test API), loading its module. */
  tryDemo(options?: { reveal?: boolean }): Promise<DemoInfo>;
}

export function registerTreeCommands(
  connectionDeps: Omit<ConnectionCommandDeps, 'commands'> & { readonly commands: CommandKernel },
  nodeDeps: Omit<NodeCommandDeps, 'commands' | 'explorer' | 'log'>,
): TreeCommands {
  const { commands } = connectionDeps;
  const connections = new LazyFeature(commands, CONNECTION_IDS, async (kernel) =>
    (await import('../explorer/commands/connectionCommands')).registerConnectionCommands({ ...connectionDeps, commands: kernel }),
  );
  const nodes = new LazyFeature(commands, NODE_IDS, async (kernel) =>
    (await import('../explorer/commands/nodeCommands')).registerNodeCommands({ ...nodeDeps, commands: kernel, explorer: connectionDeps.explorer, log: connectionDeps.log }),
  );
  return {
    get loaded() {
      return Object.entries({ connectionCommands: connections, nodeCommands: nodes }).filter(([, f]) => f.loaded !== undefined).map(([name]) => name);
    },
    tryDemo: async (options) => (await import('../explorer/commands/connectionCommands')).tryDemo(connectionDeps, options),
    dispose: () => {
      connections.dispose();
      nodes.dispose();
    },
  };
}
