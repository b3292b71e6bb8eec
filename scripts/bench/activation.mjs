// Figure 4, activation in the real VS Code: code-server with the production build loaded as a
// development extension (the URL payload, as scripts/vscode/runUiTests.cjs does), the IoT Explorer view
// opened (which activates the extension), then the workbench's own figure read from
// "Developer: Show Running Extensions": `Activation: N ms` = codeLoadingTime + activateCallTime as the
// extension host reports them. Each repetition loads the workbench again, which starts a new extension host.
// Side by side, in the same window, a minimal extension activated the same way (a view; activate()
// registers one command) gives VS Code's own floor on this machine at that moment.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionLogMatches } from './extensionLog.mjs';
import { waitForQuiet } from './machineQuiet.mjs';

const require = createRequire(import.meta.url);
const { startCodeServer, launchChromium, toolsReady } = require('../vscode/codeServer.cjs');

const STEP_TIMEOUT_MS = 60_000;

/** After a view is shown: a shorter wait than after a window load, which has far more to settle. */
const AFTER_VIEW_QUIET = { minMs: 500, windowMs: 250 };

const OURS = { view: 'IoT Explorer', row: /iot.explorer/i };
const FLOOR = { view: 'Bench Floor', row: /bench.floor/i };

/** The minimal extension: one view container and view, and an activate() that registers one command. */
function writeFloorExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'bench-floor', displayName: 'Bench Floor', publisher: 'bench', version: '0.0.1', engines: { vscode: '^1.90.0' }, main: './extension.js',
    contributes: {
      viewsContainers: { activitybar: [{ id: 'benchFloor', title: FLOOR.view, icon: 'icon.svg' }] },
      views: { benchFloor: [{ id: 'benchFloor.view', name: 'Floor' }] },
    },
  }));
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6"/></svg>');
  writeFileSync(join(dir, 'extension.js'), "const vscode = require('vscode');\nexports.activate = (context) => { context.subscriptions.push(vscode.commands.registerCommand('benchFloor.noop', () => undefined)); };\n");
}

/**
 * `ms`: median workbench figure. `activateMs`: what activate() itself logs ("Activated in N ms", the
 * extension's log in each extension host's log folder); the rest of `ms` is loading dist/extension.js.
 * `floorMs`: the minimal extension's figure in the same windows.
 * @returns {Promise<{ ms: number, samples: number[], activateMs: number[], floorMs: number, floorSamples: number[] } | { skipped: string }>}
 */
export async function measureActivation({ extensionPath, reps }) {
  if (!toolsReady()) return { skipped: 'code-server tools are missing (npm run provision)' };
  const root = mkdtempSync(join(tmpdir(), 'iot-bench-'));
  // A folder of its own for each window: the workbench restores the view container shown last in a
  // workspace, which would activate the extension at startup rather than from the command.
  const workspaceFor = (i) => {
    const dir = join(root, `workspace-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), 'Benchmark workspace\n');
    return dir;
  };
  // Installed (only one development extension can come through the URL payload).
  const extensionsDir = join(root, 'extensions');
  writeFloorExtension(join(extensionsDir, 'bench.bench-floor-0.0.1'));
  const cs = await startCodeServer({ env: { IOT_EXPLORER_TEST: '1' }, extensionsDir });
  let browser;
  try {
    browser = await launchChromium(cs.env);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const samples = [];
    const floorSamples = [];
    const settled = [];
    const payload = [['extensionDevelopmentPath', cs.remote(extensionPath)]];
    for (let i = 0; i < reps; i++) {
      await page.goto(cs.url(workspaceFor(i), payload));
      await page.waitForSelector('.monaco-workbench', { timeout: STEP_TIMEOUT_MS });
      // Let the built-in extensions that start with the window finish activating: the view is opened
      // by a user after startup, and activating into their rush measures them as much as us.
      settled.push(await waitForQuiet());
      // Alternate which goes first, so neither always activates into a busier extension host.
      const order = i % 2 === 0 ? [OURS, FLOOR] : [FLOOR, OURS];
      for (const ext of order) {
        await showView(page, ext.view);
        // The workbench is left alone until the activation (and what the view then shows) is over: a command
        // typed into the palette meanwhile (the next view, Show Running Extensions) runs the renderer on the
        // same two cores, and the figure measures the bench as much as the extension.
        await waitForQuiet(AFTER_VIEW_QUIET);
      }
      await runCommand(page, 'Developer: Show Running Extensions');
      samples.push(await readActivation(page, OURS.row));
      floorSamples.push(await readActivation(page, FLOOR.row));
    }
    const own = selfReported(cs.tmp);
    const defined = (key) => own.map((o) => o[key]).filter((x) => x !== undefined);
    const ownSamples = defined('ownMs');
    return {
      ms: median(samples), samples, activateMs: own.map((o) => o.ms), loadMs: defined('loadMs'), sinceLoadMs: defined('sinceLoadMs'),
      ownMs: ownSamples.length ? median(ownSamples) : null, ownSamples,
      // Per window: whether our code came from its V8 code cache (the first window after a build compiles it).
      fromCache: own.map((o) => o.fromCache),
      floorMs: median(floorSamples), floorSamples,
      settleMs: settled.map((q) => q.waitedMs), idleShares: settled.map((q) => q.idleShare),
    };
  } finally {
    if (browser) await browser.close().catch(() => {});
    await cs.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs a command from the palette; tries again when the palette missed the keystrokes (workbench still starting). */
async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 15_000 });
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Shows a view container, which activates its extension (onView). A command rather than the activity
 * bar icon: a click hides the container when the workbench restored it from the previous load.
 */
export async function showView(page, title) {
  await page.locator(`.activitybar [aria-label^="${title}"]`).first().waitFor();
  await runCommand(page, `View: Show ${title}`);
  await page.locator('.sidebar .composite.title', { hasText: title }).first().waitFor();
}

/**
 * Waits for an extension's row in the open Running Extensions editor to show its activation time. The
 * list is virtualised (only rows in view exist), so it is scrolled down a step at a time, and back to
 * the top at the end, until the row appears.
 */
async function readActivation(page, name) {
  const list = page.locator('.runtime-extensions-editor .monaco-list').first();
  await list.waitFor();
  const time = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name }).first().locator('.activation-time');
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (let step = 0; ; step++) {
    const text = (await time.textContent({ timeout: 500 }).catch(() => '')) ?? '';
    const m = /Activation:\s*(\d+(?:\.\d+)?)\s*ms/i.exec(text);
    if (m) return Number(m[1]);
    await list.hover();
    await page.mouse.wheel(0, step % 10 === 9 ? -100_000 : 300);
    if (Date.now() > deadline) {
      const rows = await page.locator('.runtime-extensions-editor .monaco-list-row').allTextContents();
      throw new Error(`no activation time for ${name} in Running Extensions; rows: ${rows.join(' | ')}`);
    }
    await page.waitForTimeout(250);
  }
}

/**
 * "Activated in N ms (code loaded in L ms; S ms since loading began)" from the extension's log file of
 * every extension host that ran, oldest first: N is activate() alone, L the import of our code, so L + N
 * is our own part (activation_own_ms); S also holds the host's wait for the extension's context between
 * the two (reported beside it, not ours to cut).
 */
function selfReported(dir) {
  const pattern = /^(\S+ \S+) \[info\] Activated in (\d+) ms(?: \(code loaded in (\d+) ms; (\d+) ms since loading began(?:; code (from its cache|compiled)[^)]*)?\))?/gm;
  return extensionLogMatches(dir, pattern)
    .map(({ match: m }) => ({
      at: m[1], ms: Number(m[2]),
      loadMs: m[3] === undefined ? undefined : Number(m[3]),
      ownMs: m[3] === undefined ? undefined : Number(m[3]) + Number(m[2]),
      sinceLoadMs: m[4] === undefined ? undefined : Number(m[4]),
      fromCache: m[5] === undefined ? undefined : m[5] === 'from its cache',
    }))
    .sort((x, y) => x.at.localeCompare(y.at));
}
