/**
 * The main file (src/extensionEntry.ts, dist/extension.cjs): it loads the CommonJS bundle beside it with
 * its code cache (the cache is written after activation, and used by the next load); without one, a watch
 * build's ES-module bundle with require(), and where require() cannot (here: a bundle with top-level
 * await), activate() imports it. The built entry is copied next to a stand-in bundle in a temporary directory.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ENTRY = join(__dirname, '../../../src/extensionEntry.js');
const CODE_CACHE = join(__dirname, '../../../src/lazy/codeCache.js');

/** The entry in a temporary directory, with the module it requires and the bundle under `name`. */
function entryBeside(bundle: string, name = 'extension.mjs'): { dir: string; entry: { activate(c: unknown): unknown; deactivate(): void } } {
  const dir = mkdtempSync(join(tmpdir(), 'iot-entry-'));
  copyFileSync(ENTRY, join(dir, 'extension.cjs'));
  mkdirSync(join(dir, 'lazy'));
  copyFileSync(CODE_CACHE, join(dir, 'lazy/codeCache.js'));
  writeFileSync(join(dir, name), bundle);
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

void test('the CommonJS bundle loads compiled, its code cache is written after activation, and the next load uses it', async () => {
  const bundle = "exports.activate = (c, codeCache) => ({ got: c, codeCache });\nexports.deactivate = () => {};\n";
  const { dir, entry } = entryBeside(bundle, 'extension.js');
  try {
    assert.deepEqual(entry.activate('context'), { got: 'context', codeCache: 'compiled' });
    const cacheFile = (): string | undefined => readdirSync(dir).find((f) => /^extension\.js\.[0-9a-f]{16}\.v8cache$/.test(f));
    // Written on a timer once activated: wait for the file itself.
    for (let i = 0; i < 200 && !cacheFile(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(cacheFile(), 'the cache is written after activation');
    // A new load (a new extension host) finds it.
    for (const key of Object.keys(require.cache)) if (key.startsWith(dir)) delete require.cache[key];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const again = require(join(dir, 'extension.cjs')) as { activate(c: unknown): unknown };
    assert.deepEqual(again.activate('context'), { got: 'context', codeCache: 'cache' });
    assert.ok(!existsSync(join(dir, 'extension.mjs')), 'no ES-module bundle was involved');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
