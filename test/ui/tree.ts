/** Tree helpers the UI scenarios share. */
import type { Workbench } from './workbench';

/** Expands the first tree row labelled `label` (unless it is open) and waits until it shows as expanded. */
export async function expand(ui: Workbench, label: string): Promise<void> {
  const row = ui.treeRow(label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await ui.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: label }).first().waitFor();
}

/** Drags the side bar's edge so that descriptions (values, units, counts) fit. */
export async function widenSideBar(ui: Workbench, by: number): Promise<void> {
  const box = await ui.page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await ui.page.mouse.move(x, y);
  await ui.page.mouse.down();
  await ui.page.mouse.move(x + by, y, { steps: 5 });
  await ui.page.mouse.up();
}
