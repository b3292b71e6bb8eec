/**
 * The empty Connections view (issue 19 §15): in viewsWelcome a line that holds only a link is drawn as
 * a button, so the primary actions are Add Connection and Try the Demo, and "Show the log" is a link.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');

void test('the empty view offers Add Connection and Try the Demo as buttons, and the log only as a link', () => {
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const lines = nls['welcome.connections'].split('\n');
  const buttons = lines.filter((l) => /^\[[^\]]+\]\(command:[^)]+\)$/.test(l.trim())).map((l) => /command:([\w.]+)/.exec(l)?.[1]);
  assert.deepEqual(buttons, ['iotExplorer.addConnection', 'iotExplorer.tryDemo']);
  assert.ok(lines.some((l) => l.includes('(command:iotExplorer.showLog)')), 'the log stays reachable');
});
