// `chart_first_paint_ms` (issue 17 §2) in the real VS Code: code-server with the production build as
// development extension and the built-in demo on its large dataset (1,000,000 points per series over 90 days);
// the IoT-TICKET demo's Large Plant › Temperature opened with Open Chart, then the chart set to the last 89 days
// (≈990,000 points). The chart webview logs when the first frame of each read was drawn, measured from the
// moment it asked for the read ("first frame of request N drawn M ms after it was asked"); the figure is that
// of the 89-day read, median over window loads (each a new extension host, so no read is served from cache).
// The demo's emulator runs inside the extension host, so its page generation shares our thread here; against
// a real server it would not.
/* global Event */ // (inside the webview, in evaluate())
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionLogMatches } from './extensionLog.mjs';

const require = createRequire(import.meta.url);
const { startCodeServer, launchChromium, toolsReady } = require('../vscode/codeServer.cjs');
const { contextMenu } = require('../vscode/contextMenu.cjs');

const STEP_TIMEOUT_MS = 120_000;
const DAY = 86_400_000;
const DEMO_ENV = { IOT_EXPLORER_TEST: '1', IOT_EXPLORER_DEMO: '1', IOT_EXPLORER_DEMO_DATASET: 'large', IOT_EXPLORER_DEMO_POINTS: '1000000' };

/**
 * @returns {Promise<{ ms: number, samples: number[], kinds: string[], points: string[], dataInMs: number[], host: ({ toHostMs: number, hostMs: number } | null)[] } | { skipped: string }>}
 */
export async function measureChartPaint({ extensionPath, reps }) {
  if (!toolsReady()) return { skipped: 'code-server tools are missing (npm run provision)' };
  const root = mkdtempSync(join(tmpdir(), 'iot-bench-chart-'));
  const cs = await startCodeServer({ env: DEMO_ENV });
  let browser;
  try {
    browser = await launchChromium(cs.env);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const payload = [['extensionDevelopmentPath', cs.remote(extensionPath)]];
    const samples = [];
    const kinds = [];
    const points = [];
    const dataIn = [];
    /** The extension host's part of each first frame: `{ toHostMs, hostMs }` (see hostPart). */
    const host = [];
    const seen = new Set();
    for (let i = 0; i < reps; i++) {
      for (const line of firstFrames(cs.tmp)) seen.add(line.raw);
      // A workspace of its own per window: VS Code would restore the previous window's chart into the same one.
      const workspace = join(root, `w${i}`);
      mkdirSync(workspace);
      await page.goto(cs.url(workspace, payload));
      await page.waitForSelector('.monaco-workbench', { timeout: STEP_TIMEOUT_MS });
      await page.locator('.activitybar [aria-label^="IoT Explorer"]').first().click({ force: true });
      await demoRevealed(page);
      for (const label of ['Acme Energy', 'Assets', 'Large Plant', 'Telemetry data']) await expand(page, label);
      await contextMenu(page, page.locator('.monaco-list-row', { hasText: 'Temperature' }).first(), 'Open Chart');
      const chart = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
      await chart.locator('#statusText', { hasText: /^1 series · [\d,]+ points · fetched in/ }).waitFor();
      const to = Math.floor(Date.now() / 60_000) * 60_000;
      await setRange(chart, to - 89 * DAY, to);
      const done = chart.locator('#statusText', { hasText: /^1 series · [\d,]+ points · fetched in/ });
      // The 24 h read's status is there already: wait for the 89-day one (several hundred thousand points).
      await chart.locator('#statusText', { hasText: /^1 series · \d{3},\d{3}(,\d{3})? points · fetched in/ }).waitFor();
      points.push(((await done.textContent()) ?? '').replace(/^1 series · ([\d,]+) points.*$/, '$1'));
      const frame = await waitForFrame(cs.tmp, seen);
      samples.push(frame.ms);
      kinds.push(frame.kind);
      dataIn.push(frame.inMs);
      host.push(hostPart(cs.tmp, frame));
    }
    return { ms: median(samples), samples, kinds, points, dataInMs: dataIn, host };
  } finally {
    if (browser) await browser.close().catch(() => {});
    await cs.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The demo reveals both its connections (the IoT-TICKET one two levels deep, the Altair one last): clicks before then can hit moving rows. */
async function demoRevealed(page) {
  for (const label of ['Demo IoT-TICKET', 'Acme Energy', 'Demo Altair IoT Studio']) await page.locator('.monaco-list-row', { hasText: label }).first().waitFor();
  await page.locator('.monaco-list-row', { hasText: /space\s*$/ }).first().waitFor({ timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(1000);
}

async function expand(page, label) {
  const row = page.locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: label }).first().waitFor();
}

/** The chart's custom range, set as a user does in its two date-time fields. */
async function setRange(chart, from, to) {
  await chart.locator('#preset').evaluate((el) => {
    el.value = 'custom';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await chart.locator('#custom:not([hidden])').waitFor();
  const set = (id, ms, fire) =>
    chart.locator(id).evaluate((el, [t, change]) => {
      const d = new Date(t);
      const p = (n) => String(n).padStart(2, '0');
      el.value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      if (change) el.dispatchEvent(new Event('change', { bubbles: true }));
    }, [ms, fire]);
  await set('#from', from, false);
  await set('#to', to, true);
}

/** The first-frame line of the newest read not seen before (the log is flushed to its file with a delay). */
async function waitForFrame(dir, seen) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const fresh = firstFrames(dir).filter((l) => !seen.has(l.raw));
    const newest = fresh.sort((a, b) => b.request - a.request)[0];
    if (newest && newest.request > 1) return newest;
    if (Date.now() > deadline) throw new Error('the chart logged no first frame of the 89-day read');
    await new Promise((r) => setTimeout(r, 250));
  }
}

function firstFrames(dir) {
  const pattern = /^.*first frame of request (\d+) drawn (\d+) ms after it was asked \((\w+); its data in at (\d+) ms\).*$/gm;
  return extensionLogMatches(dir, pattern).map(({ file, match: m }) => ({ raw: `${file}:${m[0]}`, file, request: Number(m[1]), ms: Number(m[2]), kind: m[3], inMs: Number(m[4]) }));
}

/**
 * What the extension host logged of the same read: how long after the webview asked the request came in
 * (`toHostMs`: the webview's message through the workbench to the extension host) and how long after that
 * its first preview was posted (`hostMs`: our fetch of the first page and the preview). The rest of the
 * first frame is the way back and the webview's drawing. Null when the line is missing.
 */
function hostPart(dir, frame) {
  const pattern = /^.*first preview of request (\d+) posted (\d+) ms after the request came in, (\d+) ms after the webview asked.*$/gm;
  const line = extensionLogMatches(dir, pattern).filter(({ file, match: m }) => file === frame.file && Number(m[1]) === frame.request).at(-1);
  return line ? { toHostMs: Number(line.match[3]), hostMs: Number(line.match[2]) } : null;
}
