/**
 * The extension's main file (package.json "main": dist/extension.cjs, built from here). It loads the
 * bundle beside it: dist/extension.js, the CommonJS file Rollup writes in every build but watch builds
 * (scripts/esbuild/mergeActivationChunks.mjs: one file holds what activation loads, the features' chunks
 * are required on first use), compiled with the V8 code cache kept beside it (src/lazy/codeCache.ts).
 * A watch build leaves esbuild's ES modules, dist/extension.mjs and its chunks: require() loads that
 * synchronously (Node 22.12 and later), and where it cannot, activate() imports it. (VS Code loads an
 * ES-module main with import(), which reads module after module asynchronously: the extension host's
 * other work runs in between, 2–2.5 times as long to load in session 8.)
 */
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type * as Main from './extension';
import { loadWithCodeCache, type CachedLoad } from './lazy/codeCache';

type Api = ReturnType<typeof Main.activate>;

/** A watch build's bundle beside this file in dist/ (a name, not a literal import: esbuild leaves it to Node). */
const WATCH_BUNDLE = './extension.mjs';
/** Written once the extension has run what activation runs, so the cache holds those functions compiled. */
const SAVE_CACHE_AFTER_MS = 1000;

let cached: CachedLoad<typeof Main> | undefined;

function loaded(): typeof Main | undefined {
  try {
    cached = loadWithCodeCache<typeof Main>(join(__dirname, 'extension.js'));
    return cached.exports;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(WATCH_BUNDLE) as typeof Main;
  } catch {
    // The import below loads it again, or shows why it cannot be loaded.
    return undefined;
  }
}

const main = loaded();

export function activate(context: vscode.ExtensionContext): Api | Promise<Api> {
  if (!main) return (import(WATCH_BUNDLE) as Promise<typeof Main>).then((m) => m.activate(context));
  const api = main.activate(context, cached && (cached.fromCache ? 'cache' : 'compiled'));
  const load = cached;
  if (load && !load.fromCache) setTimeout(() => load.saveCache(), SAVE_CACHE_AFTER_MS).unref();
  return api;
}

export function deactivate(): void {
  main?.deactivate();
}
