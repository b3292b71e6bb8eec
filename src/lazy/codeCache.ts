/**
 * Loads a CommonJS file with a V8 code cache kept beside it (issue 17 §1). Compiling dist/extension.js
 * was most of what loading it cost (in the extension host's profile 12 of 20 ms); with the cache V8
 * deserializes the code instead, the functions activation ran included. The first activation after an
 * install or update compiles as before and, once activated, writes the cache; later ones read it.
 *
 * The cache's name holds a hash of the file's content: V8 checks its own version and flags and rejects a
 * cache they do not fit, but of the source only the length. It sits in the extension's own directory,
 * which whoever could write there could change the code in as well; where it is not writable there is no
 * cache. The module is registered in require's cache under its file name before it runs, as require()
 * would, so that the features' chunks get this same module when they require it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import * as vm from 'node:vm';

/** What the loaded file exports, and a function that writes its cache when it has none that fits. */
export interface CachedLoad<T> {
  readonly exports: T;
  /** Whether the code came from the cache. */
  readonly fromCache: boolean;
  /** Writes the cache when none fitted (call once the code has run what it will run early); else nothing. */
  saveCache(): void;
}

interface InternalModule {
  filename: string;
  paths: string[];
  loaded: boolean;
  exports: unknown;
}

const ModuleClass = Module as unknown as {
  new (id: string, parent?: unknown): InternalModule;
  _cache: Record<string, InternalModule>;
  _nodeModulePaths(dir: string): string[];
  wrap(source: string): string;
};

export function loadWithCodeCache<T>(file: string): CachedLoad<T> {
  // The hash is taken of the bytes as read: hashing the decoded text would encode it into a copy again.
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const source = bytes.toString('utf8');
  const cacheFile = join(dirname(file), `${basename(file)}.${hash}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: compiled below, written by saveCache().
  }
  // import() inside the file as in any CommonJS module (Node 21.7 and later; the bundle's own chunks are required).
  const dynamicImport = (vm.constants as typeof vm.constants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(ModuleClass.wrap(source), { filename: file, cachedData, ...(dynamicImport === undefined ? {} : { importModuleDynamically: dynamicImport }) });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;

  const mod = new ModuleClass(file);
  mod.filename = file;
  mod.paths = ModuleClass._nodeModulePaths(dirname(file));
  ModuleClass._cache[file] = mod;
  try {
    const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
    run(mod.exports, createRequire(file), mod, file, dirname(file));
  } catch (err) {
    delete ModuleClass._cache[file];
    throw err;
  }
  mod.loaded = true;

  let saved = fromCache;
  return {
    exports: mod.exports as T,
    fromCache,
    saveCache: () => {
      if (saved) return;
      saved = true;
      try {
        // Written under another name first and renamed: another window may be reading or writing it.
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // Caches of earlier versions of the file go.
        const stale = new RegExp(`^${basename(file).replace(/\./g, '\\.')}\\.[0-9a-f]{16}\\.v8cache$`);
        for (const f of readdirSync(dirname(file))) if (stale.test(f) && f !== basename(cacheFile)) rmSync(join(dirname(file), f), { force: true });
      } catch {
        // A directory we cannot write to: the code compiles at each activation, as without a cache.
      }
    },
  };
}
