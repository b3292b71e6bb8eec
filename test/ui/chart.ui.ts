/**
 * Charts in the real workbench: from the demo tree, "Open Chart" on an IoT-TICKET telemetry attribute draws
 * the last 24 h; "Add to Chart" on a second attribute (another unit) adds a series with its own y-axis.
 * Live mode then keeps the chosen window while it polls. Screenshots: test-results/chart-iotticket.png,
 * chart-two-series.png and chart-live.png.
 */
import { expand } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1' };

async function contextMenu(ui: Workbench, row: string, item: string): Promise<void> {
  await ui.contextMenu(ui.treeRow(row), item);
}

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  for (const label of ['Acme Energy', 'Assets', 'Tampere Plant', 'Line 1', 'Pump 1', 'Telemetry data']) await expand(ui, label);

  await contextMenu(ui, 'Bearing temperature', 'Open Chart');
  const chart = ui.webview();
  // The status line appears once the series is fetched and drawn: "1 series · N points · fetched in X ms".
  await chart.locator('#statusText', { hasText: /^1 series · [\d,]+ points · fetched in/ }).waitFor();
  await ui.screenshot('chart-iotticket');

  await contextMenu(ui, 'Discharge pressure', 'Add to Chart');
  await chart.locator('#statusText', { hasText: /^2 series · [\d,]+ points/ }).waitFor();
  await chart.locator('.chip', { hasText: 'Discharge pressure' }).waitFor();
  await ui.screenshot('chart-two-series');

  // Drag zooms (issue 19 §5): the range control then shows the zoomed from–to; Reset zoom goes back to 24 h.
  const box = await chart.locator('#canvas').boundingBox();
  if (!box) throw new Error('no chart canvas');
  const y = box.y + box.height / 2;
  await ui.page.mouse.move(box.x + box.width * 0.3, y);
  await ui.page.mouse.down();
  await ui.page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
  await ui.page.mouse.up();
  await chart.locator('#custom:not([hidden])').waitFor();
  const from = await chart.locator('#from').evaluate((el) => String(Reflect.get(el, 'value')));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(from)) throw new Error(`the range control does not show the zoomed window: "${from}"`);
  await ui.screenshot('chart-zoomed');
  await chart.locator('#resetZoom').click();
  await chart.locator('#custom[hidden]').waitFor({ state: 'attached' });

  // Live keeps the window the user chose (issue 19 §4): the range still says 24 h while it waits for points.
  await chart.locator('#live').click();
  await chart.locator('#statusText', { hasText: /waiting for the next point/ }).waitFor();
  const preset = await chart.locator('#preset').evaluate((el) => String(Reflect.get(el, 'value')));
  if (preset !== '24h') throw new Error(`live mode changed the range to ${preset}`);
  await ui.screenshot('chart-live');

}
