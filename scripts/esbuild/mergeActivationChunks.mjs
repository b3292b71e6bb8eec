// An esbuild plugin for the extension host's build: after esbuild has written its split ES-module build
// (dist/extension.mjs and its chunks), Rollup rewrites it as CommonJS in which everything activation loads
// is one file, dist/extension.js; the features' chunks (dist/chunk-*.js) are require()d on first use.
//
// Why one file: esbuild splits the modules activation needs into many chunks, one for each set of lazily
// loaded features that shares them (27 in session 8), and Node loads each module separately — resolve,
// read, compile, link. One file loads in two thirds of the time (plain Node 24, the same code: 29 → 20 ms).
// Rollup keeps a module in the chunk of its importer when every importer of a lazy chunk has it loaded
// already, so the entry holds the whole static closure and the lazy chunks take what they share from it.
// Why CommonJS: compiling is most of the load, and Node takes a V8 code cache for CommonJS code compiled
// with vm.Script (src/lazy/codeCache.ts) but for ES modules only process-wide, which would touch every other
// extension. With the cache the entry loads in 6–9 ms instead of 12–16 (plain Node 24, session 10; as an ES
// module 13–15). esbuild cannot split CommonJS; Rollup can.
// On the way, esbuild's banner `prelude` (which defines `require`, `__filename` and `__dirname` for the ES
// modules from `import.meta.url`) is dropped: in CommonJS they are the module's own, and Rollup would turn
// `import.meta.url` into URL parsing at load (~1 ms of activation in session 11).
// In watch builds esbuild's ES modules are used as they are (Rollup's files of an earlier build are
// removed, so the main file does not load them instead).
import { rollup } from 'rollup';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const isOwnFile = (id) => id.startsWith('/') || id.startsWith('.');

/** `entryFile`: the entry's name in the build's outdir; `prelude`: the build's banner. */
export function mergeActivationChunks(entryFile, prelude, { watch = false } = {}) {
  const entryName = entryFile.replace(/\.mjs$/, '');
  /** Rollup's files in `dir`: the entry, its chunks and their maps. */
  const rollupFiles = (dir) => readdirSync(dir).filter((f) => f === `${entryName}.js` || f === `${entryName}.js.map` || /^chunk-[\w-]+\.js(\.map)?$/.test(f));
  return {
    name: 'merge-activation-chunks',
    setup(build) {
      if (watch) {
        build.onStart(() => {
          const dir = resolve(build.initialOptions.absWorkingDir ?? process.cwd(), build.initialOptions.outdir);
          if (existsSync(dir)) for (const f of rollupFiles(dir)) rmSync(join(dir, f));
        });
        return;
      }
      build.onEnd(async (result) => {
        const { absWorkingDir, outdir, sourcemap, write } = build.initialOptions;
        if (result.errors.length || write === false) return;
        const dir = resolve(absWorkingDir ?? process.cwd(), outdir);
        const maps = Boolean(sourcemap);
        const bundle = await rollup({
          input: { [entryName]: join(dir, entryFile) },
          // `vscode`, Node's modules and the packages loaded at run time stay imports.
          external: (id) => !isOwnFile(id),
          // The entry may export more than activate/deactivate: what the lazy chunks import from it.
          preserveEntrySignatures: 'allow-extension',
          // esbuild's chunks are already tree-shaken; reading them again must not drop a side effect.
          treeshake: { moduleSideEffects: true },
          plugins: [readChunk(prelude, maps)],
          onwarn: (warning) => { throw new Error(`Rollup: ${warning.message}`); },
        });
        // Generated for `dir` itself, so that the source maps' paths are relative to it; written only
        // once esbuild's chunks (and those of earlier builds) are gone.
        const { output } = await bundle.generate({
          dir, format: 'cjs', sourcemap: maps,
          entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js',
          // Node's modules as they are: no frozen copy of each namespace, no getters (less to run at load).
          freeze: false, externalLiveBindings: false,
          // Nor a copy at all: `import * as fs from 'node:fs'` is the module itself (copying fs, fs/promises
          // and path ran every getter of fs: ~0.8 ms at activation). Our code imports no default of a Node
          // module, which this would read as `.default` (test/node/packaging/activationBundle.test.ts checks).
          interop: (id) => (id?.startsWith('node:') ? 'esModule' : 'default'),
        });
        await bundle.close();
        for (const f of [...readdirSync(dir).filter((f) => /\.mjs(\.map)?$/.test(f)), ...rollupFiles(dir)]) rmSync(join(dir, f));
        for (const chunk of output) {
          if (chunk.type !== 'chunk') continue;
          // (The code ends with its sourceMappingURL comment when there is a map.)
          writeFileSync(join(dir, chunk.fileName), chunk.code);
          if (chunk.map) writeFileSync(join(dir, `${chunk.fileName}.map`), chunk.map.toString());
        }
      });
    },
  };
}

/**
 * Reads each chunk for Rollup: without the prelude (its line stays, empty, so
 * esbuild's source map still fits), and with that map, so the merged maps still point into src/.
 */
function readChunk(prelude, maps) {
  const head = `${prelude}\n`;
  return {
    name: 'read-chunk',
    load(id) {
      if (!isOwnFile(id)) return null;
      let code = readFileSync(id, 'utf8');
      if (code.startsWith(head)) code = `\n${code.slice(head.length)}`;
      if (!maps) return code;
      return { code: code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: readFileSync(`${id}.map`, 'utf8') };
    },
  };
}
