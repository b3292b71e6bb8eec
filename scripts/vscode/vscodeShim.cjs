// The launcher behind code-shim: accepts the desktop `code` arguments that @vscode/test-electron passes
// (--extensionDevelopmentPath, --extensionTestsPath, a folder) and runs the tests in code-server instead.
// VS Code only honours the test payload with `--vscode-option enable-smoke-test-driver`; the workbench reports
// mocha's output through window.codeAutomationLog and the exit code through window.codeAutomationExit.
'use strict';
const util = require('node:util');
const path = require('node:path');
const { startCodeServer, launchChromium } = require('./codeServer.cjs');

const NOISE = /open-vsx\.org|^(Resolv|Creat)ing|connection token|grace time|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Updating additional builtin|vsda|Extension host agent|DEPRECATED|Started local extension host/;

function parseArgs(argv) {
  const o = { devPaths: [], testsPath: undefined, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [k, v] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const val = () => (v !== undefined ? v : argv[++i]);
    if (k === '--extensionDevelopmentPath') o.devPaths.push(path.resolve(val()));
    else if (k === '--extensionTestsPath') o.testsPath = path.resolve(val());
    else if (['--extensions-dir', '--user-data-dir', '--locale', '--log'].includes(k)) val();
    else if (a.startsWith('-')) { /* desktop-only flags such as --no-sandbox */ }
    else o.folder = path.resolve(a);
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.devPaths.length || !o.testsPath) {
    console.error('code-shim: need --extensionDevelopmentPath and --extensionTestsPath');
    return 2;
  }
  const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 600000);
  const cs = await startCodeServer();
  let browser;
  try {
    const payload = [...o.devPaths.map((p) => ['extensionDevelopmentPath', cs.remote(p)]), ['extensionTestsPath', cs.remote(o.testsPath)]];
    browser = await launchChromium(cs.env);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...(args || []));
      if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('pageerror', (e) => { if (process.env.VERBOSE) console.log('[pageerror] ' + e.message); });
    await page.goto(cs.url(o.folder, payload));
    return await Promise.race([exited, new Promise((r) => setTimeout(() => {
      console.log(`TIMEOUT after ${timeoutMs} ms (code-server log: ${cs.logFile}; set KEEP_TMP=1 to keep it)`);
      r(124);
    }, timeoutMs))]);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await cs.stop();
  }
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
