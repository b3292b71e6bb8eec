/**
 * Open in Notebook in the real workbench: from the demo tree, "Open in Notebook" on an IoT-TICKET telemetry
 * attribute opens a Jupyter notebook whose cells read the series with das.iot_client (the password from an
 * environment variable) into pandas and plot it. The cells are shown as the notebook editor renders them;
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
  // The password comes from the environment, never from our storage.
  const text = (await cells.allTextContents()).join('\n');
  if (!/os\.environ/.test(text)) throw new Error('the notebook does not read the password from an environment variable');
  await ui.screenshot('notebook');
}
