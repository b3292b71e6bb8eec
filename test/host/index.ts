/**
 * Entry point that VS Code calls inside the real extension host (`extensionTestsPath`): runs every
 * `*.test.js` under out/test/host with mocha (tdd UI) and resolves when they pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findTests(p) : e.name.endsWith('.test.js') ? [p] : [];
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
  const grep = process.env.IOT_HOST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findTests(__dirname).sort()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}
