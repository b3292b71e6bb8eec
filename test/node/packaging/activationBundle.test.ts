/**
 * What activation loads (issue 17 §1): the production build's dist/extension.js is one CommonJS file —
 * Rollup (scripts/esbuild/mergeActivationChunks.mjs) puts every module it imports statically into it —
 * and the features loaded on first use are chunks whose requires all resolve: files that exist, and names
 * that the files they require export. The entry gets `vscode` with require() (scripts/esbuild/configs.mjs,
 * vscodeByRequire) and requires at load only Node modules the extension host has loaded itself. The
 * extension host's build runs into a temporary directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

/** Builds the extension host's split config of `node esbuild.mjs --production` (then Rollup's pass) into `outdir`. */
const BUILD = `
import * as esbuild from 'esbuild';
import { buildConfigs } from './scripts/esbuild/configs.mjs';
const config = buildConfigs(new Set(['--production'])).find((c) => c.format === 'esm');
await esbuild.build({ ...config, outdir: process.argv[1] });
`;

/** Node modules VS Code's extension host uses itself, so they are loaded before any extension activates. */
const HOST_LOADED = new Set(['node:fs', 'node:fs/promises', 'node:path', 'node:url', 'node:module', 'node:os', 'node:crypto', 'node:events', 'node:util']);

interface Require { from: string; binding?: string; atLoad: boolean }

/**
 * The requires of a file Rollup wrote as CommonJS: at load (`var x = require('./y.js');` or a bare
 * `require('node:z');` at the start of a line) or on first use (Rollup's `import()`: inside a function).
 */
function requiresOf(code: string): Require[] {
  const found: Require[] = [];
  for (const m of code.matchAll(/^(?:var ([\w$]+) = )?require\('([^']+)'\);/gm)) found.push({ from: m[2], binding: m[1], atLoad: true });
  for (const m of code.matchAll(/return require\('([^']+)'\)/g)) found.push({ from: m[1], atLoad: false });
  return found;
}

/** The names a file exports (`exports.name = …;` at the start of a line). */
function exportsOf(code: string): Set<string> {
  return new Set([...code.matchAll(/^exports\.([\w$]+) = /gm)].map((m) => m[1]));
}

void test('activation loads one file, and every chunk of a feature imports only what exists', async () => {
  const out = mkdtempSync(join(tmpdir(), 'iot-activation-'));
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', BUILD, out], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const files = readdirSync(out).filter((f) => f.endsWith('.js'));
    const code = new Map(files.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const entry = code.get('extension.js');
    assert.ok(entry, 'the entry is written');
    assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('.mjs')), [], "esbuild's ES modules are replaced");

    // ASCII only: one character beyond Latin-1 (a dash in a regular expression, which esbuild leaves as
    // written) makes V8 hold the whole source as UTF-16, which read, hashed and compiled slower (session 11).
    const wide = /[^\t\n\r\x20-\x7e]/.exec(entry);
    assert.equal(wide, null, `the entry is ASCII: ${JSON.stringify(entry.slice(Math.max(0, (wide?.index ?? 0) - 60), (wide?.index ?? 0) + 20))}`);

    const own = (r: Require) => r.from.startsWith('./');
    const entryRequires = requiresOf(entry);
    assert.deepEqual(entryRequires.filter((r) => own(r) && r.atLoad), [], 'the entry requires none of our files at load');
    assert.ok(entryRequires.some((r) => r.from.startsWith('node:') && r.atLoad), "it requires Node's modules (so the pattern above reads it)");
    // Node's own modules the entry needs at load: ones the extension host has loaded before us. Another one
    // is compiled at our activation (node:worker_threads alone cost ~6 ms): load it with its feature.
    const builtins = entryRequires.filter((r) => r.from.startsWith('node:') && r.atLoad).map((r) => r.from);
    assert.deepEqual([...new Set(builtins)].filter((b) => !HOST_LOADED.has(b)), [], 'the entry requires no Node module the extension host has not loaded');
    assert.match(entry, /[\w$]+\("vscode"\)/, 'the entry gets the vscode API with require()');
    // CommonJS has its own require, __filename and __dirname: no URL of the file is parsed to make them.
    assert.doesNotMatch(entry, /import\.meta|pathToFileURL|fileURLToPath|createRequire/, 'the entry makes no require of its own');
    const features = entryRequires.filter((r) => own(r) && !r.atLoad);
    assert.ok(features.length >= 10, `features are loaded on first use (${features.length} requires in import() calls)`);
    assert.ok(files.length > 10, `and written as chunks (${files.length} files)`);

    // Node's modules are used as required, not copied into a namespace object (whose copy runs every getter of fs).
    assert.doesNotMatch(entry, /_interopNamespace/, 'the entry copies no namespace of a Node module');

    for (const [file, text] of code) {
      assert.doesNotMatch(text, /^(?:import|export)\b/m, `${file} is CommonJS`);
      // Rollup reads a Node module's default import as `.default` (its interop for node: ids), which Node's modules lack.
      for (const r of requiresOf(text).filter((r) => r.from.startsWith('node:') && r.binding)) {
        assert.ok(!text.includes(`${r.binding}.default`), `${file} imports the default of ${r.from}: import what it names instead`);
      }
      for (const r of requiresOf(text).filter(own)) {
        const target = r.from.slice(2);
        assert.ok(code.has(target), `${file} requires ${r.from}, which exists`);
        if (!r.binding) continue;
        const exported = exportsOf(code.get(target)!);
        const used = new Set([...text.matchAll(new RegExp(`(?<![\\w$./'"])${r.binding.replace(/\$/g, '\\$')}\\.([\\w$]+)`, 'g'))].map((m) => m[1]));
        for (const name of used) assert.ok(exported.has(name), `${file} uses ${r.binding}.${name} of ${r.from}, which exports it`);
      }
    }
    const fromEntry = files.filter((f) => requiresOf(code.get(f)!).some((r) => r.from === './extension.js' && r.atLoad));
    assert.ok(fromEntry.length > 0, 'the chunks share the modules activation loaded: they require them from the entry');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
