/** Foundation: our view opens in the real workbench, a command runs from the palette, a screenshot is kept. */
import type { Workbench } from './workbench';

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.page.locator('.sidebar .composite.title', { hasText: 'IoT Explorer' }).first().waitFor();
  await ui.runCommand('IoT Explorer: Show Log');
  // The log channel opens in the Output panel, with our channel selected.
  await ui.page.locator('.part.panel', { hasText: 'IoT Explorer' }).first().waitFor();
  await ui.screenshot('foundation-view');
}
