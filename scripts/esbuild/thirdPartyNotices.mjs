// Third-party notices for the .vsix: every npm package whose code esbuild put into dist/ (read from the
// builds' metafiles), with its licence text as the package ships it. esbuild.mjs writes
// ThirdPartyNotices.txt after a production build; test/node/packaging checks that each bundled package is a
// runtime dependency (directly or through one) and is in the notices.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/** `node_modules/a/…`, `node_modules/@s/b/…`, nested ones too: the innermost package directory of a path. */
export function packageDirOf(file) {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return undefined;
  const n = parts[i + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, i + 1 + n).join(sep);
}

/** The package directories (relative to the project) whose files are inputs of the given metafiles. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta?.inputs ?? {})) {
      const dir = packageDirOf(input.replace(/^[^:]+:/, ''));
      if (dir) dirs.add(dir);
    }
  }
  return [...dirs].sort();
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** Name, version, licence id and licence texts of a package directory. */
export function packageInfo(root, dir) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const files = readdirSync(join(root, dir)).filter((f) => LICENCE_FILE.test(f)).sort();
  const texts = files.map((f) => readFileSync(join(root, dir, f), 'utf8').trim());
  const licence = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? (Array.isArray(pkg.licenses) ? pkg.licenses.map((l) => l.type).join(' OR ') : 'UNKNOWN');
  return { name: pkg.name, version: pkg.version, licence, texts, repository: typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url };
}

/** Our copy of ONNX's schema (src/analytics/onnx.proto), compiled into dist/onnx-schema.js, with its licence. */
export function onnxSchemaNotice(root) {
  return {
    name: 'onnx (onnx.proto)',
    version: 'IR 11',
    licence: 'Apache-2.0',
    texts: [
      'The ONNX schema in src/analytics/onnx.proto follows onnx/onnx.proto of the ONNX project, Copyright (c) ONNX Project Contributors, licensed under the Apache License, Version 2.0:',
      readFileSync(join(root, 'src/analytics/onnx.proto.LICENSE'), 'utf8').trim(),
    ],
    repository: 'https://github.com/onnx/onnx',
  };
}

/** The text of ThirdPartyNotices.txt for these packages (one entry per name and version). */
export function noticesText(root, dirs, extra = []) {
  const seen = new Set();
  const entries = [];
  for (const info of [...dirs.map((d) => packageInfo(root, d)), ...extra].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = `${info.name}@${info.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const head = `${info.name} ${info.version} (${info.licence})${info.repository ? `\n${info.repository}` : ''}`;
    const body = info.texts.length ? info.texts.join('\n\n') : `Licensed under ${info.licence}; the package ships no licence file.`;
    entries.push(`${'-'.repeat(78)}\n${head}\n\n${body}\n`);
  }
  return (
    'IoT Explorer includes the following third-party software. Each is distributed under its own licence, ' +
    'reproduced below as the package ships it.\n\n' +
    entries.join('\n')
  );
}

/** The runtime dependency closure of package.json: every package reachable from `dependencies`. */
export function runtimeClosure(root) {
  const names = new Set();
  const visit = (name, from) => {
    // Node's resolution: the nearest node_modules up from the depending package.
    let dir = from;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(root, candidate, 'package.json'))) {
        if (names.has(candidate)) return;
        names.add(candidate);
        const pkg = JSON.parse(readFileSync(join(root, candidate, 'package.json'), 'utf8'));
        for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) visit(dep, candidate);
        return;
      }
      if (dir === '') return;
      const parts = dir.split(sep);
      dir = parts.slice(0, parts.lastIndexOf('node_modules')).join(sep); // out of …/node_modules/[@scope/]<name>
    }
  };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, '');
  return names;
}
