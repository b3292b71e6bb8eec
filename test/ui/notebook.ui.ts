/**
 * Open in Notebook in the real workbench: from the demo tree, "Open in Notebook" on an IoT-TICKET telemetry
 * attribute opens a Jupyter notebook whose cells read the series with das.iot_client (its credentials from
 * the user's DAS configuration, none of ours) into pandas and plot it. The cells are shown as the notebook editor renders them;
 * no kernel is needed to see them. Screenshot: test-results/notebook.png.
 */
import { expand } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1' };

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  for (const label of ['Acme Energy', 'Assets', 'Tampere Plant', 'Line 1', 'Pump 1', 'Telemetry data']) await expand(ui, label);

  await ui.contextMenu(ui.treeRow('Bearing temperature'), 'Open in Notebook');
  // The notebook editor draws each cell's source in its own editor: wait for the read and the plot.
  const cells = ui.page.locator('.notebook-editor .cell-list-container');
  await cells.locator('.view-lines', { hasText: /from\sdas\.iot_client\simport\sIoTClient/ }).first().waitFor();
  await cells.locator('.view-lines', { hasText: /get_timeseries\(/ }).first().waitFor();
  await cells.locator('.view-lines', { hasText: /df\.plot\(/ }).first().waitFor();
  // No secret of ours is in it: das.iot_client takes its credentials from the user's own DAS configuration.
  await cells.locator('.view-lines', { hasText: /IoTClient\(\)/ }).first().waitFor();
  // Away from the tree, so that no tooltip covers the screenshot.
  await cells.locator('.view-lines').first().hover();
  await ui.screenshot('notebook');
}
