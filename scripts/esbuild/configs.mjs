// The esbuild configurations of every build esbuild.mjs runs (and test/node/packaging reads, to see what
// the production bundles contain without writing dist/).
//   args: the command-line flags (--production, --watch, --tests, --emulator)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mergeActivationChunks } from './mergeActivationChunks.mjs';
import { protoDescriptor } from './protoDescriptor.mjs';

/**
 * Packages a bundled library loads only when present (debug, under mqtt and aedes, tries supports-color):
 * left out of the bundles, so they load nothing, as when the package is missing.
 */
const OPTIONAL_PEERS = ['supports-color'];

export function buildConfigs(args) {
  const production = args.has('--production');
  const watch = args.has('--watch');
  /** Prints esbuild problems in the format of VS Code's `$esbuild-watch` problem matcher. */
  const problemMatcher = {
    name: 'problem-matcher',
    setup(build) {
      build.onStart(() => console.log('[watch] build started'));
      build.onEnd((result) => {
        for (const { text, location } of [...result.errors, ...result.warnings]) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        console.log('[watch] build finished');
      });
    },
  };

  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: watch ? [problemMatcher] : [],
  };

  /** Every file under `dir` whose name passes `keep`. */
  function walk(dir, keep) {
    const out = [];
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) out.push(...walk(p, keep));
      else if (keep(p)) out.push(p);
    }
    return out;
  }

  const webviewApps = readdirSync('webview').filter((d) => {
    try { return statSync(join('webview', d, 'main.ts')).isFile(); } catch { return false; }
  });

  /**
   * The prelude the ES-module chunks get for code written with `require` and `__dirname` (the banner
   * below). Only a few chunks use them; mergeActivationChunks drops it from the others.
   */
  const ESM_PRELUDE = "import { createRequire as __createRequire } from 'node:module'; import { dirname as __dirnameOf } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __dirnameOf(__filename);";

  /**
   * `vscode` for the ES-module build: a module of ours that gets the API with `require('vscode')` and
   * exports its names (those @types/vscode declares; esbuild keeps the ones we use). VS Code answers an
   * ES-module import of `vscode` with a data: URL of a module re-exporting all of them, which Node
   * decodes and compiles as activation loads; its require() answers with the API object itself.
   */
  const vscodeByRequire = {
    name: 'vscode-by-require',
    setup(build) {
      // The module's own require('vscode') stays a require (the ES modules' is their banner's, CommonJS's its own).
      build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
      build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => {
        const types = readFileSync(join('node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
        const names = [...types.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]);
        // A new layout of the typings would read no names, and every use of the API would be undefined.
        if (!names.includes('window') || !names.includes('Uri')) throw new Error('@types/vscode: the API names were not found');
        const contents = [
          "const api = require('vscode');",
          'const get = (name) => api[name];',
          ...names.map((n) => `export const ${n} = /* @__PURE__ */ get('${n}');`),
        ].join('\n');
        return { contents, loader: 'js', resolveDir: process.cwd() };
      });
    },
  };

  const configs = [];
  if (args.has('--tests')) {
    // Tests and the sources they import are transpiled file by file to out/, keeping the tree, so
    // `node --test out/test/node/` and the extension-host runner can load them with plain require().
    // webview/ is included for the pure modules of the apps (state and reducers) the node tier tests.
    // out/ is not wiped first: several test runs may share it, and every file is rewritten anyway.
    configs.push({
      entryPoints: ['src', 'test', 'webview'].flatMap((dir) => walk(dir, (p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))),
      outdir: 'out', outbase: '.', platform: 'node', format: 'cjs', target: 'node20',
      bundle: false, sourcemap: 'inline', logLevel: 'warning',
    });
    // The ONNX decoder is a bundle even here: its schema comes from onnx.proto at build time, and
    // src/lazy/lazyModule.ts loads it from beside itself.
    configs.push({
      entryPoints: { 'onnx-schema': 'src/analytics/onnxSchema.ts' },
      outdir: 'out/src/lazy', platform: 'node', format: 'cjs', target: 'node20', bundle: true, logLevel: 'warning', plugins: [protoDescriptor],
    });
  } else {
    configs.push({
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      // Split into chunks: the entry holds only what activation needs, and every `await import()` of a
      // feature (charts, writes, analytics, inline previews, platform clients) is a chunk of its own, loaded
      // on first use and sharing the modules both need (one copy of each class). esbuild splits ES modules
      // only; Rollup then writes them as CommonJS, dist/extension.js and dist/chunk-*.js (below).
      // `vscode` comes from vscodeByRequire above, and dist/extension.cjs requires the entry.
      // undici is needed only for connections with custom TLS settings: it ships as its own bundle,
      // loaded on first use, so activation does not parse its megabyte.
      // ajv(-formats) and the ONNX decoder likewise, for the commands that validate files or inspect models
      // (src/lazy/lazyModule.ts loads them), and hyparquet-writer for Parquet exports (src/lazy/parquet.ts). `require` and `__dirname` are defined for them in the banner (ESM_PRELUDE).
      outdir: 'dist', platform: 'node', format: 'esm', splitting: true, target: 'node20',
      outExtension: { '.js': '.mjs' }, chunkNames: '[name]-[hash]',
      banner: { js: ESM_PRELUDE },
      external: ['undici', 'ajv', 'ajv-formats', 'hyparquet-writer', ...OPTIONAL_PEERS],
      metafile: true,
      // Then Rollup makes the entry and the chunks it imports one CommonJS file (mergeActivationChunks.mjs
      // says why); not while watching, where esbuild rewrites its chunks on every change and dist/extension.mjs is loaded.
      plugins: [...common.plugins, vscodeByRequire, mergeActivationChunks('extension.mjs', ESM_PRELUDE, { watch })],
    });
    configs.push({
      ...common,
      // The main file VS Code loads: requires dist/extension.js, or a watch build's dist/extension.mjs (src/extensionEntry.ts).
      entryPoints: { extension: 'src/extensionEntry.ts' },
      outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20', outExtension: { '.js': '.cjs' }, sourcemap: false,
      external: ['vscode'],
    });
    configs.push({
      ...common,
      // index-worker: the Go to… index's worker thread (src/explorer/nodes/iotticket/indexWorkerClient.ts).
      entryPoints: {
        undici: 'undici', ajv: 'src/lazy/ajvBundle.ts', 'onnx-schema': 'src/analytics/onnxSchema.ts', parquet: 'hyparquet-writer',
        'index-worker': 'src/explorer/nodes/iotticket/indexWorker.ts',
      },
      outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20', sourcemap: false,
      plugins: [...common.plugins, protoDescriptor],
    });
    configs.push({
      ...common,
      // The CLI, and the demo's emulator thread the extension starts only when the user starts the demo
      // (kept out of dist/extension.js so activation does not pay for it; src/demo/emulatorWorker.ts).
      entryPoints: { emulator: 'src/emulator/cli.ts', 'emulator-worker': 'src/demo/emulatorWorker.ts' },
      outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
      external: OPTIONAL_PEERS,
    });
    if (!args.has('--emulator')) {
      configs.push({
        ...common,
        entryPoints: Object.fromEntries(webviewApps.map((app) => [app, join('webview', app, 'main.ts')])),
        outdir: 'dist/webview', platform: 'browser', format: 'iife', target: 'es2022',
        loader: { '.css': 'css', '.ttf': 'file' },
      });
    }
  }
  return configs;
}
