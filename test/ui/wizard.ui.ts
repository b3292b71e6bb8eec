/**
 * A new user's first real connection (issue 16 §3, tests): an IoT-TICKET server runs apart from the
 * extension (an emulator this scenario starts on its own port, not the built-in demo); the user adds it with
 * the Add Connection wizard from the empty view, typing only the asset API URL, user and password and
 * taking the REST API v1 and device adapter URLs the wizard prefills, then writes a telemetry value as the
 * device from the attribute's menu. The value is read back from the server, not from the extension.
 * Screenshot: test-results/wizard-adapter-url.png.
 */
import { startEmulator } from '../../src/emulator/server';
import { IotTicketClient } from '../../src/platforms/iotticket';
import { expand } from './tree';
import type { Workbench } from './workbench';

// No demo: the view starts empty, as after installing.
export const settings = { 'iotExplorer.connections': [] };

interface ServerInfo {
  readonly coreBaseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly device: { readonly id: string; readonly password: string };
  readonly asset: { readonly namesPath: string[]; readonly telemetryAttributeId: string; readonly telemetryAttributeName: string };
}

export async function scenario(ui: Workbench): Promise<void> {
  const server = await startEmulator();
  try {
    const info = server.info().iotticket as ServerInfo;
    const origin = new URL(info.coreBaseUrl).origin;
    const page = ui.page;
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    /** Waits for the step whose prompt, title or placeholder (of a pick) says `step`. */
    const at = (step: string | RegExp) => {
      const shown = widget.filter({ hasText: step });
      return (typeof step === 'string' ? shown.or(widget.locator(`input[placeholder*="${step}"]`)) : shown).first().waitFor();
    };
    const choose = async (step: string | RegExp, item: string): Promise<void> => {
      await at(step);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first().click();
    };
    const answer = async (step: string | RegExp, value: string): Promise<void> => {
      await at(step);
      await input.fill(value);
      await page.keyboard.press('Enter');
    };
    /** Takes the prefilled value, after checking it is `expected`. */
    const accept = async (step: string | RegExp, expected: string, screenshot?: string): Promise<void> => {
      await at(step);
      for (let i = 0; (await input.inputValue()) !== expected; i++) {
        if (i > 50) throw new Error(`"${String(step)}" is prefilled with "${await input.inputValue()}", expected "${expected}"`);
        await page.waitForTimeout(100);
      }
      if (screenshot) await ui.screenshot(screenshot);
      await page.keyboard.press('Enter');
    };

    await ui.openView('IoT Explorer');
    await page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Add Connection' }).first().click();
    await choose('Which platform', 'IoT-TICKET');
    await answer('Name shown in the tree', 'Plant A');
    await choose('How should the asset API', 'direct HTTP');
    await answer('Asset API base URL', info.coreBaseUrl);
    await accept('REST API v1 base URL', `${origin}/api/v1`);
    await accept('Device HTTP adapter URL', `${origin}/http-adapter`, 'wizard-adapter-url');
    await answer('User name', info.user);
    await answer('Password', info.password);
    await at('Options');
    await page.keyboard.press('Enter');

    // The new connection in the tree, down to the asset's telemetry attribute.
    for (const label of ['Plant A', 'Acme Energy', 'Assets', ...info.asset.namesPath]) await expand(ui, label);
    const level = 4 + info.asset.namesPath.length; // connection, organization, Assets, the path, then its groups
    const group = page.locator(`.monaco-list-row[aria-level="${level}"]`, { hasText: 'Telemetry data' }).first();
    await group.waitFor();
    if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
    const attribute = page.locator(`.monaco-list-row[aria-level="${level + 1}"]`, { hasText: info.asset.telemetryAttributeName }).first();
    await ui.contextMenu(attribute, 'Write Telemetry as Device');

    const value = 4321.5;
    // The demo's series grows by itself over time: the value is looked for among the points since now.
    const since = new Date(Date.now() - 60_000).toISOString();
    await choose(/Telemetry as device/, 'Enter a value');
    // The form's steps, told apart by the prompt each starts with (a hint may name another step's word).
    const step = (starts: RegExp) => widget.locator('.quick-input-message').filter({ hasText: starts }).first().waitFor();
    await step(/^Measurement name/);
    await page.keyboard.press('Enter');
    await step(/^Value/);
    await input.fill(String(value));
    await page.keyboard.press('Enter');
    await step(/^Unit/);
    await page.keyboard.press('Enter');
    await step(/^Timestamp/);
    await page.keyboard.press('Enter');
    // No device credentials yet: the message leads to them (headless Chromium has no window focus, so it is in the
    // notification center rather than a toast).
    const offer = page.locator('.notifications-center .monaco-button', { hasText: 'Enter Credentials' }).first();
    for (let i = 0; !(await offer.isVisible()); i++) {
      if (i > 100) throw new Error('no offer to enter the device credentials');
      await ui.runCommand('Notifications: Show Notifications');
      await page.waitForTimeout(300);
    }
    await offer.click();
    await at(/Device credentials of .* \(1\/2\)/);
    await page.keyboard.press('Enter');
    await answer(/Device credentials of .* \(2\/2\)/, info.device.password);

    // Written on the server: read back there, with the server's own API.
    const client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password });
    for (let i = 0; ; i++) {
      const recent = await client.data.getTimeseries({ attributeId: info.asset.telemetryAttributeId, startTime: since, chronologicalOrder: true, limit: 10_000 });
      if (Array.from(recent.values).includes(value)) break;
      if (i > 600) throw new Error(`the server has no ${value} among its ${recent.values.length} values since ${since}: ${Array.from(recent.values).slice(-5).join(', ')}`);
      await page.waitForTimeout(100);
    }
  } finally {
    await server.close();
  }
}
