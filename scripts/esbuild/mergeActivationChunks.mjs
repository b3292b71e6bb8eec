// An esbuild plugin for the extension host's ES-module build: after esbuild has written dist/extension.mjs
// and its chunks, Rollup rewrites them so that everything activation loads is one file.
//
// Why: esbuild splits the modules activation needs into many chunks, one for each set of lazily loaded
// features that shares them (27 in session 8). Node loads each ES module separately — resolve, read,
// compile, link — and in VS Code each chunk that imports `vscode` goes through its resolve hook and data:
// URL again. One file loads in two thirds of the time (plain Node 24, the same code: 29 → 20 ms).
// Rollup keeps a module in the chunk of its importer when every importer of a lazy chunk has it loaded
// already, so the entry holds the whole static closure and the lazy chunks import from it.
// On the way, esbuild's banner `prelude` (which defines `require` and `__dirname`) is dropped from the
// chunks that do not use it, so loading them creates no require function and reads no import.meta.url.
import { rollup } from 'rollup';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const isOwnFile = (id) => id.startsWith('/') || id.startsWith('.');

/** `entryFile`: the entry's name in the build's outdir; `prelude`: the build's banner. */
export function mergeActivationChunks(entryFile, prelude) {
  return {
    name: 'merge-activation-chunks',
    setup(build) {
      build.onEnd(async (result) => {
        const { absWorkingDir, outdir, sourcemap, write } = build.initialOptions;
        if (result.errors.length || write === false) return;
        const dir = resolve(absWorkingDir ?? process.cwd(), outdir);
        const maps = Boolean(sourcemap);
        const bundle = await rollup({
          input: { [entryFile.replace(/\.mjs$/, '')]: join(dir, entryFile) },
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
          dir, format: 'es', sourcemap: maps,
          entryFileNames: '[name].mjs', chunkFileNames: 'chunk-[hash].mjs',
        });
        await bundle.close();
        for (const f of readdirSync(dir)) if (/\.mjs(\.map)?$/.test(f)) rmSync(join(dir, f));
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
 * Reads each chunk for Rollup: without the prelude where nothing uses it (its line stays, empty, so
 * esbuild's source map still fits), and with that map, so the merged maps still point into src/.
 */
function readChunk(prelude, maps) {
  const head = `${prelude}\n`;
  const usesPrelude = (code) => /\b(require|__filename|__dirname)\b/.test(code.slice(head.length));
  return {
    name: 'read-chunk',
    load(id) {
      if (!isOwnFile(id)) return null;
      let code = readFileSync(id, 'utf8');
      if (code.startsWith(head) && !usesPrelude(code)) code = `\n${code.slice(head.length)}`;
      if (!maps) return code;
      return { code: code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: readFileSync(`${id}.map`, 'utf8') };
    },
  };
}
