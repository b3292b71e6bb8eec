/**
 * What activation loads (issue 17 §1): the production build's dist/extension.mjs is one file — Rollup
 * (scripts/esbuild/mergeActivationChunks.mjs) puts every module it imports statically into it — and the
 * features loaded on first use are chunks whose imports all resolve: files that exist, and names that
 * the files they import from export. No file imports `vscode` as an ES module: the entry require()s it
 * (scripts/esbuild/configs.mjs, vscodeByRequire). The extension host's ES-module build runs into a
 * temporary directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

/** Builds the ES-module config of `node esbuild.mjs --production` into `outdir`. */
const BUILD = `
import * as esbuild from 'esbuild';
import { buildConfigs } from './scripts/esbuild/configs.mjs';
const config = buildConfigs(new Set(['--production'])).find((c) => c.format === 'esm');
await esbuild.build({ ...config, outdir: process.argv[1] });
`;

/** Node modules VS Code's extension host uses itself, so they are loaded before any extension activates. */
const HOST_LOADED = new Set(['node:fs', 'node:fs/promises', 'node:path', 'node:url', 'node:module', 'node:os', 'node:crypto', 'node:events', 'node:util']);

interface Import { from: string; names: string[]; dynamic: boolean }

/** The imports of a chunk Rollup wrote (`import { a as b } from './x.mjs'`, `import('./y.mjs')`). */
function importsOf(code: string): Import[] {
  const found: Import[] = [];
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\s*(?:\{([^}]*)\}|\*\s+as\s+[\w$]+|[\w$]+)?\s*(?:from\s*)?'([^']+)';/g)) {
    found.push({ from: m[2], names: (m[1] ?? '').split(',').map((s) => s.trim().split(/\s+as\s+/)[0]).filter(Boolean), dynamic: false });
  }
  for (const m of code.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push({ from: m[1], names: [], dynamic: true });
  return found;
}

/** The names a chunk exports (Rollup writes them in one `export { a as b, … };` at its end). */
function exportsOf(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\nexport\s*\{([^}]*)\};?/g)) {
    for (const part of m[1].split(',')) if (part.trim()) names.add(part.trim().split(/\s+as\s+/).pop()!);
  }
  return names;
}

void test('activation loads one file, and every chunk of a feature imports only what exists', async () => {
  const out = mkdtempSync(join(tmpdir(), 'iot-activation-'));
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', BUILD, out], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const files = readdirSync(out).filter((f) => f.endsWith('.mjs'));
    const code = new Map(files.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const entry = code.get('extension.mjs');
    assert.ok(entry, 'the entry is written');

    const own = (i: Import) => i.from.startsWith('./');
    const entryImports = importsOf(entry);
    assert.deepEqual(entryImports.filter((i) => own(i) && !i.dynamic), [], 'the entry imports none of our files statically');
    assert.ok(entryImports.some((i) => i.from.startsWith('node:')), "it imports Node's modules (so the import pattern above reads it)");
    // Node's own modules the entry needs at load: ones the extension host has loaded before us. Another one
    // is compiled at our activation (node:worker_threads alone cost ~6 ms): load it with its feature.
    const builtins = entryImports.filter((i) => i.from.startsWith('node:') && !i.dynamic).map((i) => i.from);
    assert.deepEqual([...new Set(builtins)].filter((b) => !HOST_LOADED.has(b)), [], 'the entry imports no Node module the extension host has not loaded');
    assert.match(entry, /createRequire\(import\.meta\.url\)\("vscode"\)/, 'the entry gets the vscode API with require()');
    const features = entryImports.filter((i) => own(i) && i.dynamic);
    assert.ok(features.length >= 10, `features are loaded on first use (${features.length} import() calls)`);
    assert.ok(files.length > 10, `and written as chunks (${files.length} files)`);

    for (const [file, text] of code) {
      assert.ok(!importsOf(text).some((i) => i.from === 'vscode'), `${file} does not import vscode as an ES module (VS Code would answer with a data: URL to decode)`);
      for (const i of importsOf(text).filter(own)) {
        const target = i.from.slice(2);
        assert.ok(code.has(target), `${file} imports ${i.from}, which exists`);
        const exported = exportsOf(code.get(target)!);
        for (const name of i.names) assert.ok(exported.has(name), `${file} imports ${name} from ${i.from}, which exports it`);
      }
    }
    const fromEntry = files.filter((f) => importsOf(code.get(f)!).some((i) => i.from === './extension.mjs'));
    assert.ok(fromEntry.length > 0, 'the chunks share the modules activation loaded: they import them from the entry');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
