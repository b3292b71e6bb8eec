/**
 * What the .vsix bundles (issue 18 §4): every npm package esbuild puts into dist/ is a runtime dependency
 * (in package.json's `dependencies`, or reached through one) and has its licence in ThirdPartyNotices.txt.
 * The production build runs in memory (scripts/bundled-packages.mjs), so dist/ is left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

interface Bundled {
  packages: { dir: string; name: string; version: string; licence: string; hasLicenceText: boolean; runtime: boolean }[];
  notices: string;
}

void test('every bundled package is a runtime dependency and is in the third-party notices with its licence', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/bundled-packages.mjs'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const bundled = JSON.parse(stdout) as Bundled;
  const names = bundled.packages.map((p) => p.name);
  // The libraries we know we ship are found (the metafile reading works), and nothing test-only is.
  for (const expected of ['chart.js', 'mqtt', 'protobufjs', 'valibot', 'aedes', 'ajv', 'hyparquet-writer', '@vscode-elements/elements']) {
    assert.ok(names.includes(expected), `${expected} is bundled`);
  }
  for (const devOnly of ['mocha', 'typescript', 'playwright-core', 'esbuild', 'supports-color']) assert.ok(!names.includes(devOnly), `${devOnly} is not bundled`);

  const notRuntime = bundled.packages.filter((p) => !p.runtime).map((p) => p.name);
  assert.deepEqual(notRuntime, [], 'bundled but not a runtime dependency');
  for (const p of bundled.packages) {
    assert.notEqual(p.licence, 'UNKNOWN', `${p.name} declares its licence`);
    assert.ok(bundled.notices.includes(`${p.name} ${p.version} (${p.licence})`), `${p.name} is in the notices`);
    if (p.hasLicenceText) {
      const text = readFileSync(resolve(ROOT, p.dir, readdirLicence(resolve(ROOT, p.dir))), 'utf8').trim();
      assert.ok(bundled.notices.includes(text.slice(0, 200)), `${p.name}'s licence text is reproduced`);
    }
  }
  // Our copy of ONNX's schema is credited with the Apache licence.
  assert.match(bundled.notices, /onnx \(onnx\.proto\) IR 11 \(Apache-2\.0\)[\s\S]*Apache License\s+Version 2\.0/);
});

function readdirLicence(dir: string): string {
  const file = readdirSync(dir).sort().find((f) => /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i.test(f));
  assert.ok(file, `a licence file in ${dir}`);
  return file;
}
