// A CPU profile of our activation inside the real extension host (docs/benchmarks.md, "Activation"):
// code-server with the production build (out/bench/ext, built first) as development extension and the
// extension host's inspector open (the workbench payload's `inspect-extensions`); the profiler starts once the
// window has settled, "View: Show IoT Explorer" activates us, and it stops when activate() has logged. The
// profile goes to out/bench/prof/activation.cpuprofile; printed: where our load and activate() spent their time.
//   node scripts/bench/profileActivation.mjs
// It needs a WebSocket client, so it runs itself with code-server's Node 24 when started by an older Node.
/* global WebSocket */ // (Node 22 and later; this script re-runs itself with Node 24 without it)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showView } from './activation.mjs';
import { buildProductionExtension, EXT, OUT } from './bundle.mjs';
import { extensionLogMatches } from './extensionLog.mjs';
import { waitForQuiet } from './machineQuiet.mjs';

const require = createRequire(import.meta.url);
const { startCodeServer, launchChromium, toolsReady, freePort, NODE24 } = require('../vscode/codeServer.cjs');

if (typeof WebSocket === 'undefined') {
  const r = spawnSync(NODE24, [import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
if (!toolsReady()) throw new Error('code-server tools are missing (npm run provision)');

buildProductionExtension();
const root = mkdtempSync(join(tmpdir(), 'iot-profile-'));
const workspace = join(root, 'workspace');
mkdirSync(workspace);
const port = await freePort();
const cs = await startCodeServer({ env: { IOT_EXPLORER_TEST: '1' } });
const browser = await launchChromium(cs.env);
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(60_000);
  await page.goto(cs.url(workspace, [['extensionDevelopmentPath', cs.remote(EXT)], ['inspect-extensions', String(port)]]));
  await page.waitForSelector('.monaco-workbench');
  // As the activation figure does: the view is opened once the window's own start-up work is over.
  await waitForQuiet();
  const inspector = await cdp(port);
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 100 });
  await inspector.send('Profiler.start');
  await showView(page, 'IoT Explorer');
  const activated = /\[info\] Activated in .*$/gm;
  for (let i = 0; i < 300 && extensionLogMatches(cs.tmp, activated).length === 0; i++) await page.waitForTimeout(100);
  const { profile } = await inspector.send('Profiler.stop');
  inspector.close();
  mkdirSync(join(OUT, 'prof'), { recursive: true });
  const file = join(OUT, 'prof', 'activation.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log(extensionLogMatches(cs.tmp, activated).map((m) => m.match[0]).join('\n'));
  console.log(`${file}\n${summary(profile)}`);
} finally {
  await browser.close().catch(() => {});
  await cs.stop();
  rmSync(root, { recursive: true, force: true });
}

/** The extension host's inspector (the first target on its port). */
async function cdp(inspectPort) {
  const [target] = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let id = 0;
  const waiting = new Map();
  socket.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data));
    if (waiting.has(m.id)) waiting.get(m.id)(m.result);
    waiting.delete(m.id);
  });
  return {
    send: (method, params = {}) => new Promise((resolve) => {
      waiting.set(++id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    }),
    close: () => socket.close(),
  };
}

/**
 * Self time of the samples under our main file (the load: require of the bundle) and under activate(), by
 * the innermost function; the loader's own work, V8's compile and the data: URL of `vscode` each show up there.
 */
function summary(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stack = (nodeId) => {
    const s = [];
    for (let x = nodeId; x !== undefined; x = parent.get(x)) s.push(byId.get(x).callFrame);
    return s;
  };
  const phases = { load: new Map(), activate: new Map() };
  const totals = { load: 0, activate: 0 };
  for (let i = 0; i < profile.samples.length; i++) {
    const frames = stack(profile.samples[i]);
    const ours = frames.some((f) => f.url.includes('/out/bench/ext/dist/'));
    const phase = !ours ? undefined : frames.some((f) => f.functionName === '_callActivateOptional') ? 'activate' : frames.some((f) => f.url.endsWith('/dist/extension.cjs')) ? 'load' : undefined;
    if (!phase) continue;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const key = `${frames[0].functionName || '(anonymous)'} ${frames[0].url.split('/').pop()}`;
    phases[phase].set(key, (phases[phase].get(key) ?? 0) + ms);
    totals[phase] += ms;
  }
  // Some runs' profiles hold none of our samples (seen in about half of them; the extension's own log shows
  // it loaded and activated as usual): say so rather than print zeros.
  if (totals.load + totals.activate === 0) return 'the profile holds no samples of our load or activate(): run it again';
  return Object.entries(phases).map(([phase, self]) => [
    `${phase}: ${totals[phase].toFixed(1)} ms sampled (the profiler slows it)`,
    ...[...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, ms]) => `  ${ms.toFixed(1).padStart(6)} ms  ${k}`),
  ].join('\n')).join('\n');
}
