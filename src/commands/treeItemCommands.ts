/**
 * The commands the kernel registers with VS Code only once the connections tree lists its first items
 * (issue 17 §1): package.json offers them only in those items' context menus (ITEM_MENU_COMMANDS, generated),
 * so nothing in the UI can run them sooner, and an activation by a Python file or a notebook, which never
 * shows the tree, registers none of them (about half of all commands: ~2 ms of activation). The commands our
 * code runs by name elsewhere (hovers, other commands) stay registered at activation; a node test fails on a
 * new such use.
 */
import { ITEM_MENU_COMMANDS, type CommandId } from './commandIds';

/** Item-menu commands that are also run by name: Open Chart (an inline hover's link, Chart All Series). */
export const RUN_BY_NAME: ReadonlySet<CommandId> = new Set<CommandId>(['iotExplorer.openChart']);

export const TREE_ITEM_COMMANDS: ReadonlySet<CommandId> = new Set(ITEM_MENU_COMMANDS.filter((id) => !RUN_BY_NAME.has(id)));
