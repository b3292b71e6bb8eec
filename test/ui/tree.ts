/** Tree helpers the UI scenarios share. */
import type { Workbench } from './workbench';

/** Expands the first tree row labelled `label` (unless it is open) and waits until it shows as expanded. */
export async function expand(ui: Workbench, label: string): Promise<void> {
  const row = ui.treeRow(label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await ui.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: label }).first().waitFor();
}
