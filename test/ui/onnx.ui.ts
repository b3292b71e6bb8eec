/**
 * The right-click flow in the real workbench: Explorer → models/pump-efficiency.onnx → "Register ONNX
 * Model in IoT-TICKET…" → name, description, help text from the Markdown file next to the model → the
 * inspection preview (screenshot) → Register → the model in the demo's Analytics tree and the result in
 * the Activity view (screenshot).
 */
import type { Locator } from 'playwright-core';
import type { Workbench } from './workbench';

/** The demo starts with the workbench, so the IoT-TICKET demo connection exists. */
export const env = { IOT_EXPLORER_DEMO: '1' };

const MODEL_NAME = 'Pump efficiency (UI test)';

async function expand(ui: Workbench, label: string): Promise<void> {
  const row = ui.treeRow(label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await ui.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: label }).first().waitFor();
}

/**
 * A file's row in the Explorer, its folder expanded. The demo's start-up reveal may take the side bar
 * back to IoT Explorer for a moment, so the Explorer is shown again until the row is there.
 */
async function explorerFile(ui: Workbench, folder: string, file: string): Promise<Locator> {
  const rows = ui.page.locator('.explorer-folders-view .monaco-list-row');
  for (let attempt = 1; ; attempt++) {
    try {
      await ui.openView('Explorer');
      const folderRow = rows.filter({ hasText: new RegExp(`^\\s*${folder}\\s*$`) }).first();
      await folderRow.waitFor({ timeout: 10_000 });
      if ((await folderRow.getAttribute('aria-expanded')) !== 'true') await folderRow.click();
      const row = rows.filter({ hasText: file }).first();
      await row.waitFor({ timeout: 10_000 });
      return row;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Types into the open quick input and accepts it. */
async function answer(ui: Workbench, text: string): Promise<void> {
  const input = ui.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(text);
  await ui.page.keyboard.press('Enter');
}

export async function scenario(ui: Workbench): Promise<void> {
  // The demo connection shows up first (the command needs an IoT-TICKET connection).
  await ui.openView('IoT Explorer');
  // The demo reveals its connection expanded (focusing the view): wait until that is done.
  await ui.waitForDemoTree();

  // Right-click the model in the Explorer.
  await ui.contextMenu(await explorerFile(ui, 'models', 'pump-efficiency.onnx'), 'Register ONNX Model in IoT-TICKET');

  // Name (proposed from the file name), description (proposed from the model's doc string), help text.
  const nameBox = ui.page.locator('.quick-input-widget input');
  await nameBox.waitFor();
  // The proposed name comes from the file name.
  for (let i = 0; (await nameBox.inputValue()) !== 'pump-efficiency'; i++) {
    if (i > 100) throw new Error(`the proposed name is "${await nameBox.inputValue()}", not "pump-efficiency"`);
    await ui.page.waitForTimeout(100);
  }
  await answer(ui, MODEL_NAME);
  await ui.page.locator('.quick-input-widget', { hasText: 'Description' }).waitFor();
  await answer(ui, 'Efficiency from flow, pressure, power and bearing temperature');
  await ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Use pump-efficiency.md' }).first().click();

  // The local inspection, shown before anything is sent.
  const dialog = ui.page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  await dialog.locator('text=/features: tensor\\(float\\) \\[batch, 4\\]/').first().waitFor();
  await dialog.locator('text=/sha256 [0-9a-f]{64}/').first().waitFor();
  await ui.screenshot('onnx-register-preview');
  await dialog.locator('.monaco-button', { hasText: 'Register' }).first().click();
  // The result message (headless Chromium has no window focus, so it goes to the notification center rather than a toast).
  await ui.runCommand('Notifications: Show Notifications');
  await ui.page.locator('.notifications-center', { hasText: `Registered ONNX model "${MODEL_NAME}"` }).first().waitFor();

  // The model in the Analytics tree, the result in the Activity view.
  await ui.openView('IoT Explorer');
  await expand(ui, 'Acme Energy');
  await expand(ui, 'Analytics');
  await expand(ui, 'ONNX models');
  await ui.treeRow(MODEL_NAME).waitFor();
  const activityHeader = ui.page.locator('.pane-header', { hasText: 'Activity' }).first();
  if ((await activityHeader.getAttribute('aria-expanded')) !== 'true') await activityHeader.click();
  await ui.treeRow(`Register ONNX model: ${MODEL_NAME}`).waitFor();
  await ui.screenshot('onnx-registered');
}
