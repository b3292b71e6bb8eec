/** Foundation: our view opens in the real workbench, a command runs from the palette, a screenshot is kept. */
import type { Workbench } from './workbench';

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.page.locator('.sidebar .composite.title', { hasText: 'IoT Explorer' }).first().waitFor();
  // The log channel opens in the Output panel, with our channel selected. A palette entry typed while the
  // workbench is still settling can be lost (seen once on an idle CI machine); Show Log is idempotent, so the
  // command is given again until the panel shows, at most three times.
  const panel = ui.page.locator('.part.panel', { hasText: 'IoT Explorer' }).first();
  for (let attempt = 1; ; attempt++) {
    await ui.runCommand('IoT Explorer: Show Log');
    try {
      await panel.waitFor({ timeout: 30_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  await ui.screenshot('foundation-view');
}
