// Builds what the bench runs and measures, without touching the shared dist/:
//  - out/bench/figures.js (the measuring child) and out/bench/emulator.js (the emulator CLI);
//  - a production build of the extension in out/bench/ext/ — a copy of the files the package ships
//    (see .vscodeignore) built with `node esbuild.mjs --production` — whose sizes are figure 4 and which
//    the activation figure loads into VS Code.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT = join(ROOT, 'out/bench');
export const EXT = join(OUT, 'ext');

/** Inputs of the production build and what the extension reads at run time. */
const EXTENSION_FILES = ['esbuild.mjs', 'scripts/esbuild', 'tsconfig.json', 'package.json', 'package.nls.json', 'src', 'webview', 'media', 'l10n', 'schemas'];

export async function buildBenchScripts() {
  await esbuild.build({
    entryPoints: {
      figures: join(ROOT, 'scripts/bench/figures.ts'),
      emulator: join(ROOT, 'src/emulator/cli.ts'),
      // Beside figures.js, where indexWorkerClient.ts looks for it.
      'index-worker': join(ROOT, 'src/explorer/nodes/iotticket/indexWorker.ts'),
    },
    outdir: OUT, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'linked', logLevel: 'warning',
  });
  return { figures: join(OUT, 'figures.js'), emulator: join(OUT, 'emulator.js') };
}

/** Production build in out/bench/ext; returns the bundle sizes in bytes. */
export function buildProductionExtension() {
  rmSync(EXT, { recursive: true, force: true });
  mkdirSync(EXT, { recursive: true });
  for (const f of EXTENSION_FILES) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(EXT, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(EXT, 'node_modules'), 'dir');
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: EXT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}${r.stderr}`);
  const webviewDir = join(EXT, 'dist/webview');
  // Source maps are not shipped (.vscodeignore) and production builds make none; count only shipped files.
  const webviewFiles = walk(webviewDir).filter((f) => !f.endsWith('.map'));
  // The main file (dist/extension.cjs) requires the entry, which requires its chunks.
  const activationFiles = ['extension.cjs', ...staticClosure(join(EXT, 'dist'), 'extension.js')];
  return {
    extensionJsBytes: statSync(join(EXT, 'dist/extension.js')).size,
    // What activation loads: the main file, the entry and the chunks it requires at load (features are required on first use).
    activationJsBytes: activationFiles.reduce((s, f) => s + statSync(join(EXT, 'dist', f)).size, 0),
    activationFiles: activationFiles.length,
    allJsBytes: readdirSync(join(EXT, 'dist')).filter((f) => /^(extension|chunk-[\w-]+)\.js$/.test(f)).reduce((s, f) => s + statSync(join(EXT, 'dist', f)).size, 0),
    webviewBytes: webviewFiles.reduce((s, f) => s + statSync(f).size, 0),
    webviewFiles: webviewFiles.length,
  };
}

/**
 * `entry` and every file it requires at load, transitively: a require of our own file at the top level
 * (`var x = require('./chunk-….js');`), not one inside a function (Rollup's `import()`, on first use).
 */
export function staticClosure(dir, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/^(?:(?:var|const|let) [\w$]+ = )?require\(["']\.\/([^"']+)["']\);/gm)) visit(m[1]);
  };
  visit(entry);
  return [...seen];
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
