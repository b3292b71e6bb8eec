/**
 * The commands registered only once the connections tree lists its items (src/commands/treeItemCommands.ts):
 * package.json shows each only in those items' context menus, and our code runs none of them by name from
 * anywhere else — a hover's link, a notification's button, another command — which would find it missing
 * while the tree has not been shown. A new such use must put the id into RUN_BY_NAME.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ITEM_MENU_COMMANDS } from '../../../src/commands/commandIds';
import { RUN_BY_NAME, TREE_ITEM_COMMANDS } from '../../../src/commands/treeItemCommands';

const ROOT = resolve(__dirname, '../../../..');

const files = ['src', 'webview'].flatMap((dir) =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: `${dir}/${name.replace(/\\/g, '/')}`, lines: readFileSync(join(ROOT, dir, name), 'utf8').split('\n') })),
);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `id` is named other than in a registration, an id list or a tree item's own command. */
function runByName(id: string): string[] {
  const named = new RegExp(`['"\`]${escape(id)}['"\`]|command:${escape(id)}\\b`);
  const registered = new RegExp(`\\b(register|on)\\(\\s*['"]${escape(id)}['"]`);
  const treeItem = new RegExp(`command: ['"]${escape(id)}['"]`);
  const uses: string[] = [];
  for (const { file, lines } of files) {
    // The generated id lists, the lazy features' stub lists and the charts' own table of what they register.
    if (file === 'src/commands/commandIds.ts' || file.startsWith('src/lazy/') || file === 'src/charts/registerCharts.ts') continue;
    lines.forEach((line, i) => {
      if (!named.test(line) || registered.test(line)) return;
      if (file.startsWith('src/explorer/') && treeItem.test(line)) return;
      uses.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return uses;
}

void test('about half of the commands wait for the tree, and none of them is run by name elsewhere', () => {
  assert.ok(TREE_ITEM_COMMANDS.size >= 40, `${TREE_ITEM_COMMANDS.size} commands`);
  for (const id of TREE_ITEM_COMMANDS) assert.deepEqual(runByName(id), [], `${id} is run by name: add it to RUN_BY_NAME`);
});

void test('each command kept out of them is an item-menu command that is run by name', () => {
  for (const id of RUN_BY_NAME) {
    assert.ok(ITEM_MENU_COMMANDS.includes(id), `${id} is not an item-menu command`);
    assert.notDeepEqual(runByName(id), [], `${id} is run by name nowhere: it can wait for the tree`);
  }
});
