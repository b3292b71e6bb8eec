// Builds the extension host bundle, the webview apps and the emulator CLI; with --tests, the test tiers.
//   node esbuild.mjs [--production] [--watch] [--tests] [--emulator]
import * as esbuild from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { buildConfigs } from './scripts/esbuild/configs.mjs';
import { bundledPackageDirs, noticesText, onnxSchemaNotice } from './scripts/esbuild/thirdPartyNotices.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const configs = buildConfigs(args);
// A production build starts from an empty dist/, so no development source maps end up in the package.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(production ? { ...c, metafile: true } : c)));
  // The .vsix ships the licences of everything bundled into dist/ (ONNX's schema is ours to credit too).
  if (production) {
    writeFileSync('ThirdPartyNotices.txt', noticesText('.', bundledPackageDirs(results.map((r) => r.metafile)), [onnxSchemaNotice('.')]));
  }
}
