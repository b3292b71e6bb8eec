/**
 * `npm run demo`: opening VS Code on the demo workspace is enough. Its folder-open task runs our "Try the demo"
 * command, which activates the extension, starts the emulator and reveals both demo connections expanded in the
 * IoT Explorer view — without a single click.
 */
import type { Workbench } from './workbench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../../scripts/vscode/demoWorkspace.cjs') as { createDemoWorkspace(): string; DEMO_SETTINGS: Record<string, unknown> };

export const workspace = demo.createDemoWorkspace();
export const settings = demo.DEMO_SETTINGS;

export async function scenario(ui: Workbench): Promise<void> {
  await ui.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: 'Demo IoT-TICKET' }).first().waitFor();
  await ui.page.locator('.monaco-list-row[aria-expanded="true"]', { hasText: 'Demo Altair IoT Studio' }).first().waitFor();
  await ui.treeRow('Acme Energy').waitFor();
  await ui.screenshot('demo-start');
}
