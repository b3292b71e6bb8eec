/**
 * A chart of more than 1,000,000 points in the real workbench. The demo runs on the large dataset
 * (`IOT_EXPLORER_DEMO_DATASET=large`, 1,200,000 points per series over 90 days, one every 6.48 s); "Open
 * Chart" on the root asset's Temperature, then a custom range of 76 days. The status line must give the
 * exact count of a raw read of the same range from a second emulator with the same dataset (the data is
 * a function of the seed and the time, so both emulators agree). While the read goes on, what has arrived is
 * drawn (the parts still loading blank). Screenshots: test-results/chart-1m-loading.png, chart-1m.png.
 */
import { startEmulator } from '../../src/emulator/server';
import type { Workbench } from './workbench';

const LARGE = { assets: 2000, childrenPerLevel: 100, pointsPerSeries: 1_200_000 };
const DAY = 86_400_000;

export const env = { IOT_EXPLORER_DEMO: '1', IOT_EXPLORER_DEMO_DATASET: 'large', IOT_EXPLORER_DEMO_POINTS: String(LARGE.pointsPerSeries) };

async function expand(ui: Workbench, label: string): Promise<void> {
  const row = ui.treeRow(label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await ui.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: label }).first().waitFor();
}

/** Points of the root asset's Temperature in [from, to], read page by page from a fresh emulator of the same dataset. */
async function referenceCount(from: number, to: number): Promise<number> {
  const emu = await startEmulator({ dataset: 'large', large: LARGE });
  try {
    const info = emu.info().iotticket as { coreBaseUrl: string; user: string; password: string };
    const auth = { authorization: `Basic ${Buffer.from(`${info.user}:${info.password}`).toString('base64')}` };
    const attrs = (await (await fetch(`${info.coreBaseUrl}/assets/A1/attributes?types=TelemetryData`, { headers: auth })).json()) as { items: { id: string; name: string }[] };
    const temperature = attrs.items.find((a) => a.name === 'Temperature');
    if (!temperature) throw new Error(`no Temperature among ${attrs.items.map((a) => a.name).join(', ')}`);
    let count = 0;
    for (let start = from; ;) {
      const res = await fetch(`${info.coreBaseUrl}/assets/A1/attributes/${temperature.id}/timeseries?start=${start}&end=${to}&order=asc&limit=10000&timestamp=epoch`, { headers: auth });
      const page = (await res.json()) as { values: { ts: number }[]; truncated: boolean };
      count += page.values.length;
      if (!page.truncated || page.values.length === 0) return count;
      start = page.values[page.values.length - 1].ts + 1;
    }
  } finally {
    await emu.close();
  }
}

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  for (const label of ['Demo IoT-TICKET', 'Acme Energy', 'Assets', 'Large Plant', 'Telemetry data']) await expand(ui, label);
  await ui.contextMenu(ui.treeRow('Temperature'), 'Open Chart');
  const chart = ui.webview();
  await chart.locator('#statusText', { hasText: /^1 series · [\d,]+ points · fetched in/ }).waitFor();

  // A custom range of 76 whole days, well inside the 90-day history, in the webview's local zone.
  const from = Math.floor((Date.now() - 82 * DAY) / 60_000) * 60_000;
  const to = from + 76 * DAY;
  const expected = referenceCount(from, to);
  await chart.locator('#preset').evaluate((el) => {
    (el as unknown as { value: string }).value = 'custom';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await chart.locator('#custom:not([hidden])').waitFor();
  const setWallClock = (id: string, ms: number, fire: boolean) =>
    chart.locator(id).evaluate((el, [t, change]) => {
      const d = new Date(t as number);
      const p = (n: number): string => String(n).padStart(2, '0');
      (el as unknown as { value: string }).value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      if (change) el.dispatchEvent(new Event('change', { bubbles: true }));
    }, [ms, fire] as const);
  await setWallClock('#from', from, false);
  const asked = Date.now();
  await setWallClock('#to', to, true);
  // Progressive (issue 17 §2): what has arrived is drawn while the rest of the million points load.
  await chart.locator('#statusText', { hasText: /^Loading… [\d,]+ points so far/ }).waitFor();
  console.log(`    first drawn ${Date.now() - asked} ms after the range was set (preview)`);
  await ui.screenshot('chart-1m-loading');

  const count = await expected;
  if (count < 1_000_000) throw new Error(`the reference range holds only ${count} points`);
  const status = chart.locator('#statusText', { hasText: new RegExp(`^1 series · ${count.toLocaleString('en-US')} points · fetched in`) });
  await status.waitFor({ timeout: 300_000 });
  const text = await status.textContent();
  console.log(`    status: ${text ?? ''}`);
  await ui.screenshot('chart-1m');
}
