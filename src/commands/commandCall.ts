/**
 * What a command was called with, decoded once for every command (after GitLens' `CommandContext` and
 * Docker's `multiSelectNodes`): VS Code passes (clicked node, selected nodes) from the tree, (file, files)
 * from the Explorer, nothing from the palette or a key; scripts and tests pass plain values and options.
 */
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../connections/profile';
import { TreeNode } from '../explorer/treeNode';
import type { CommandId } from './commandIds';
import { pickConnection, type ConnectionQuery, type ProfileList } from './connectionPicker';

/** What the decoding needs from the rest of the extension. */
export interface CallContext {
  /** The Connections view's selection (palette and key use of tree commands). */
  selection(): readonly TreeNode[];
  readonly profiles: ProfileList;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

export class CommandCall {
  /** The clicked tree node (the first argument, when it is one). */
  readonly node: TreeNode | undefined;
  /** The clicked node and the rest of the multi-selection. */
  readonly nodes: readonly TreeNode[];
  /** The first argument when it is not a tree node: a spec, a reference, a file, a plain target. */
  readonly value: unknown;
  /** A plain-object second argument: options from a script or a test (never VS Code's selection array). */
  readonly options: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly id: CommandId,
    readonly args: readonly unknown[],
    private readonly context: CallContext,
  ) {
    const [first, second] = args;
    this.node = first instanceof TreeNode ? first : undefined;
    const selected = Array.isArray(second) ? second.filter((n): n is TreeNode => n instanceof TreeNode) : [];
    this.nodes = selected.length > 0 && (first === undefined || selected.includes(first as TreeNode)) ? selected : this.node ? [this.node] : [];
    this.value = this.node ? undefined : first;
    this.options = isPlainObject(second) ? second : undefined;
  }

  /** Tree commands: the clicked and selected nodes, else the view's selection (palette, keybinding). */
  targets(): readonly TreeNode[] {
    return this.nodes.length > 0 ? this.nodes : this.context.selection();
  }

  /** Files from the Explorer's context menu: (clicked, selected), or one file. */
  uris(): vscode.Uri[] {
    const [first, second] = this.args;
    if (Array.isArray(second) && second.length > 0 && second.every((u) => u instanceof vscode.Uri)) return second as vscode.Uri[];
    return first instanceof vscode.Uri ? [first] : [];
  }

  /** The id of the connection the arguments name: a node's, or a script's `{ connectionId }`. */
  connectionId(): string | undefined {
    if (this.node) return this.node.connectionId;
    const value = this.value as { connectionId?: unknown } | undefined;
    if (isPlainObject(value) && typeof value.connectionId === 'string') return value.connectionId;
    return typeof this.options?.connectionId === 'string' ? this.options.connectionId : undefined;
  }

  /**
   * The connection the command is about: the one the arguments name, else the only one there is, else
   * one the user picks. Undefined when cancelled or when there is none (then adding one is offered).
   */
  async connection(query: ConnectionQuery): Promise<ConnectionProfile | undefined> {
    const named = this.connectionId();
    if (named) return this.context.profiles.get(named);
    return pickConnection(this.context.profiles, query);
  }
}
