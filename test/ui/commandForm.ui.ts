/**
 * The templated command form as a new user meets it (issue 19 §7): a click on a command attribute opens
 * the form; the prompt names the variable and what it takes (no template text); "abc" for a value that
 * fills a number is refused inline before anything is sent; a number is accepted and the command sent,
 * which the Activity view then lists.
 */
import { expand } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1' };

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  const altair = ui.treeRow('Demo Altair IoT Studio');
  if ((await altair.getAttribute('aria-expanded')) === 'true') await altair.click();
  for (const label of ['Acme Energy', 'Assets', 'Tampere Plant', 'Line 1', 'Pump 1']) await expand(ui, label);
  // Pump 1's Commands group (level 7: connection, organization, Assets, plant, line, pump, group), not Line 1's.
  const commands = ui.page.locator('.monaco-list-row[aria-level="7"]', { hasText: 'Commands' }).first();
  await commands.waitFor();
  if ((await commands.getAttribute('aria-expanded')) !== 'true') await commands.click();
  await ui.treeRow('Speed setpoint').click();

  const input = ui.page.locator('.quick-input-widget input');
  await input.waitFor();
  const message = ui.page.locator('.quick-input-widget .quick-input-message');
  // The prompt: the variable's name and kind, never the raw template.
  await message.filter({ hasText: /rpm — a number, true\/false, null or JSON/ }).waitFor();
  const prompt = (await message.textContent()) ?? '';
  if (prompt.includes('{{') || prompt.includes('setSpeed"')) throw new Error(`the prompt shows template text: ${prompt}`);
  await ui.page.locator('.quick-input-widget', { hasText: 'Send Speed setpoint' }).first().waitFor();

  await input.fill('abc');
  await message.filter({ hasText: /"abc" is not a number/ }).waitFor();
  await ui.screenshot('command-form-refused');
  // Enter on an invalid value keeps the form open.
  await ui.page.keyboard.press('Enter');
  await message.filter({ hasText: /"abc" is not a number/ }).waitFor();

  await input.fill('1200');
  await message.filter({ hasText: /rpm — a number/ }).waitFor();
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'This asset only' }).first().waitFor();
  await ui.page.keyboard.press('Enter');

  // The send is in the Activity view (the side bar still shows IoT Explorer).
  const activity = ui.page.locator('.pane-header', { hasText: 'Activity' }).first();
  if ((await activity.getAttribute('aria-expanded')) !== 'true') await activity.click();
  await ui.treeRow('Send command: Speed setpoint').waitFor();
  await ui.screenshot('command-form-activity');
}
