/**
 * The main file (src/extensionEntry.ts, dist/extension.cjs): it loads the ES-module bundle beside it with
 * require(), and where require() cannot (here: a bundle with top-level await), activate() imports it.
 * The built entry is copied next to a stand-in bundle in a temporary directory.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ENTRY = join(__dirname, '../../../src/extensionEntry.js');

function entryBeside(bundle: string): { dir: string; entry: { activate(c: unknown): unknown; deactivate(): void } } {
  const dir = mkdtempSync(join(tmpdir(), 'iot-entry-'));
  copyFileSync(ENTRY, join(dir, 'extension.cjs'));
  writeFileSync(join(dir, 'extension.mjs'), bundle);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { dir, entry: require(join(dir, 'extension.cjs')) as { activate(c: unknown): unknown; deactivate(): void } };
}

void test('the bundle is required when the main file loads, and activate() answers at once', () => {
  const { dir, entry } = entryBeside("globalThis.__entryLoaded = (globalThis.__entryLoaded ?? 0) + 1;\nexport function activate(c) { return { got: c }; }\nexport function deactivate() { globalThis.__entryDeactivated = true; }\n");
  try {
    assert.equal((globalThis as { __entryLoaded?: number }).__entryLoaded, 1, 'evaluated while the main file loaded');
    assert.deepEqual(entry.activate('context'), { got: 'context' }, 'not a promise: synchronous');
    entry.deactivate();
    assert.equal((globalThis as { __entryDeactivated?: boolean }).__entryDeactivated, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a bundle require() cannot load is imported by activate()', async () => {
  const { dir, entry } = entryBeside("await Promise.resolve();\nexport function activate(c) { return { imported: c }; }\nexport function deactivate() {}\n");
  try {
    const result = entry.activate('context');
    assert.ok(result instanceof Promise, 'the import is asynchronous');
    assert.deepEqual(await result, { imported: 'context' });
    entry.deactivate();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
