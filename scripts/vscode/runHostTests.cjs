// Extension-host tier: mocha inside code-server's real extension host, launched through
// @vscode/test-electron's runTests({ vscodeExecutablePath }) with our code-shim (no VS Code download).
'use strict';
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { ROOT } = require('./codeServer.cjs');

runTests({
  vscodeExecutablePath: path.join(__dirname, 'code-shim'),
  extensionDevelopmentPath: ROOT,
  extensionTestsPath: path.join(ROOT, 'out/test/host/index.js'),
  launchArgs: [path.join(ROOT, 'test/fixtures/workspace')],
  extensionTestsEnv: { IOT_EXPLORER_TEST: '1' },
}).then(
  (code) => process.exit(code),
  (err) => { console.error(typeof err === 'string' ? `extension-host tests failed: ${err}` : err); process.exit(1); },
);
