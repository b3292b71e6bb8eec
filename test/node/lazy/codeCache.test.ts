/**
 * The V8 code cache of the activation bundle (src/lazy/codeCache.ts): a first load compiles and can write
 * the cache, a later one reads it; a changed file does not take the cache of the old one, whose cache goes
 * when the new one is written; a chunk that requires the file gets the same module; a directory that
 * cache that cannot be written only means no cache.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadWithCodeCache } from '../../../src/lazy/codeCache';

const caches = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
/** As a new extension host would: nothing of `dir` in require's cache. */
const forget = (dir: string): void => {
  for (const key of Object.keys(require.cache)) if (key.startsWith(dir)) delete require.cache[key];
};

void test('compiled first, from the cache after saveCache(); a changed file compiles and replaces the cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iot-codecache-'));
  try {
    const file = join(dir, 'bundle.js');
    writeFileSync(file, 'exports.answer = 41 + 1;\nexports.fn = function named() { return __filename; };\n');
    const first = loadWithCodeCache<{ answer: number; fn(): string }>(file);
    assert.equal(first.fromCache, false);
    assert.equal(first.exports.answer, 42);
    assert.equal(first.exports.fn(), file, 'the module wrapper passes the file name');
    assert.deepEqual(caches(dir), [], 'nothing is written before saveCache()');
    first.saveCache();
    assert.equal(caches(dir).length, 1);

    forget(dir);
    const second = loadWithCodeCache<{ answer: number }>(file);
    assert.equal(second.fromCache, true);
    assert.equal(second.exports.answer, 42);
    const before = caches(dir)[0];
    second.saveCache();
    assert.deepEqual(caches(dir), [before], 'a load from the cache writes nothing');

    // The same length, another content: V8 alone would take the old cache (it checks only the length).
    writeFileSync(file, 'exports.answer = 40 + 2;\nexports.fn = function named() { return __dirname ; };\n');
    forget(dir);
    const changed = loadWithCodeCache<{ answer: number; fn(): string }>(file);
    assert.equal(changed.fromCache, false, 'the old cache is not used');
    assert.equal(changed.exports.fn(), dir);
    changed.saveCache();
    assert.equal(caches(dir).length, 1, 'the old cache went');
    assert.notEqual(caches(dir)[0], before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a chunk requiring the loaded file gets the same module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iot-codecache-'));
  try {
    writeFileSync(join(dir, 'entry.js'), "exports.shared = { id: Symbol('one') };\nexports.loadChunk = () => require('./chunk.js');\n");
    writeFileSync(join(dir, 'chunk.js'), "exports.fromEntry = require('./entry.js').shared;\n");
    const loaded = loadWithCodeCache<{ shared: object; loadChunk(): { fromEntry: object } }>(join(dir, 'entry.js'));
    assert.equal(loaded.exports.loadChunk().fromEntry, loaded.exports.shared);
  } finally {
    forget(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a cache that cannot be written: no cache, no error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iot-codecache-'));
  try {
    const source = 'exports.ok = true;\n';
    writeFileSync(join(dir, 'bundle.js'), source);
    // Where the cache would be written first is taken by a directory (a read-only directory would not stop root).
    const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
    mkdirSync(join(dir, `bundle.js.${hash}.v8cache.${process.pid}.tmp`));
    const loaded = loadWithCodeCache<{ ok: boolean }>(join(dir, 'bundle.js'));
    loaded.saveCache();
    assert.equal(loaded.exports.ok, true);
    assert.deepEqual(caches(dir), []);
  } finally {
    forget(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});
