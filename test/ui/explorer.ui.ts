/**
 * The Connections tree in the real workbench: with IOT_EXPLORER_DEMO=1 (what `npm run demo` sets) the
 * demo starts when the view opens and both connections appear expanded; we open a few levels of each
 * platform and keep a screenshot of each.
 */
import { expand, widenSideBar } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1' };

async function collapse(ui: Workbench, label: string): Promise<void> {
  const row = ui.treeRow(label);
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.click();
}

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await widenSideBar(ui, 220);
  // The demo connections show up expanded without any click.
  await ui.waitForDemoTree();

  // IoT-TICKET: organization → asset tree → an asset's attributes grouped by type.
  await collapse(ui, 'Demo Altair IoT Studio');
  await collapse(ui, 'REST API v1');
  await expand(ui, 'Acme Energy');
  await expand(ui, 'Assets');
  await expand(ui, 'Tampere Plant');
  await expand(ui, 'Line 1');
  await expand(ui, 'Pump 1');
  await expand(ui, 'Telemetry data');
  await ui.treeRow('Bearing temperature').waitFor();
  await ui.screenshot('explorer-iotticket');

  // Altair IoT Studio: space → categories → a thing → its current property values.
  await collapse(ui, 'Demo IoT-TICKET');
  await expand(ui, 'Demo Altair IoT Studio');
  await expand(ui, 'Categories');
  await expand(ui, 'HVAC');
  await expand(ui, 'AHU-001');
  await expand(ui, 'Properties');
  await ui.treeRow('temperature').waitFor();
  await ui.screenshot('explorer-altair');
}
