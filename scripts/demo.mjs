// `npm run demo`: builds the extension, starts a real VS Code (code-server on 127.0.0.1) with the extension
// installed and the demo workspace open, and prints the URL. The workspace's folder-open task runs "Try the demo", which starts
// its built-in emulator of both platforms, so the tree is there without an account. Ctrl+C stops everything.
//   npm run demo [-- --port 3170]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : Number(process.env.PORT || 0);

const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
sh(process.execPath, ['esbuild.mjs']);
sh('bash', ['scripts/provision-tools.sh']);

const { startCodeServer, freePort, TOOLS } = require('./vscode/codeServer.cjs');
const { createDemoWorkspace, DEMO_SETTINGS } = require('./vscode/demoWorkspace.cjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// A fresh extensions dir holding only our extension (linked, so a rebuild shows up after a window reload).
mkdirSync(join(TOOLS, '../tmp'), { recursive: true });
const extensionsDir = mkdtempSync(join(TOOLS, '../tmp/demo-ext-'));
symlinkSync(root, join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`));

const cs = await startCodeServer({
  port: port || (await freePort()),
  extensionsDir,
  smokeTestDriver: false,
  settings: { 'workbench.colorTheme': 'Default Dark Modern', ...DEMO_SETTINGS },
});
const url = cs.url(createDemoWorkspace());
console.log(`\nIoT Explorer demo is running in a real VS Code (code-server).`);
console.log(`Open: ${url}`);
console.log('The IoT Explorer view shows the built-in emulator of IoT-TICKET and Altair IoT Studio. Ctrl+C stops it.');
const stop = () => cs.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
