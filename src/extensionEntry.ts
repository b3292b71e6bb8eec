/**
 * The extension's main file (package.json "main": dist/extension.cjs, built from here): it loads the
 * ES-module bundle, dist/extension.mjs (one file: the features' chunks are import()ed on first use), with
 * require(), which Node (22.12 and later) does synchronously. VS Code loads an ES-module main with import() instead, which reads chunk
 * after chunk asynchronously, so the extension host's other work runs in between: in the same windows
 * of code-server our code took 2–2.5 times as long to load that way (issue 17 §1, docs/benchmarks.md).
 * Where require() cannot load it (a host without require of ES modules), activate() imports it.
 */
import type * as vscode from 'vscode';
import type * as Main from './extension';

type Api = ReturnType<typeof Main.activate>;

/** The bundle beside this file in dist/ (a name, not a literal import: esbuild leaves it to Node). */
const BUNDLE = './extension.mjs';

function loaded(): typeof Main | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(BUNDLE) as typeof Main;
  } catch {
    // The import below loads it again, or shows why it cannot be loaded.
    return undefined;
  }
}

const main = loaded();

export function activate(context: vscode.ExtensionContext): Api | Promise<Api> {
  return main ? main.activate(context) : (import(BUNDLE) as Promise<typeof Main>).then((m) => m.activate(context));
}

export function deactivate(): void {
  main?.deactivate();
}
