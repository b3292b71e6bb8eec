// Prints, as JSON, every npm package the production build bundles into dist/ (built in memory: dist/ is not
// touched), whether each is a runtime dependency (in package.json's `dependencies` or reached through one)
// and what ThirdPartyNotices.txt would say. test/node/packaging reads it.
import * as esbuild from 'esbuild';
import { buildConfigs } from './esbuild/configs.mjs';
import { bundledPackageDirs, noticesText, onnxSchemaNotice, packageInfo, runtimeClosure } from './esbuild/thirdPartyNotices.mjs';

const configs = buildConfigs(new Set(['--production']));
const results = await Promise.all(configs.map((c) => esbuild.build({ ...c, write: false, metafile: true, logLevel: 'error' })));
const dirs = bundledPackageDirs(results.map((r) => r.metafile));
const runtime = runtimeClosure('.');
const packages = dirs.map((dir) => {
  const info = packageInfo('.', dir);
  return { dir, name: info.name, version: info.version, licence: info.licence, hasLicenceText: info.texts.length > 0, runtime: runtime.has(dir) };
});
process.stdout.write(JSON.stringify({ packages, notices: noticesText('.', dirs, [onnxSchemaNotice('.')]) }));
