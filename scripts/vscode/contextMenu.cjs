// Runs a context-menu item in the workbench (the UI runner and the bench use it).
'use strict';

/** Right-clicks `target` and runs the item whose label contains `item`; retried, because a click that lands
 *  while the menu is still animating in can leave it open without running anything. */
async function contextMenu(page, target, item) {
  for (let attempt = 1; ; attempt++) {
    await target.click({ button: 'right' });
    const entry = page.locator('.monaco-menu .action-item', { hasText: item }).first();
    await entry.waitFor();
    await page.waitForTimeout(200);
    await entry.hover();
    await entry.click();
    try {
      await page.locator('.monaco-menu').first().waitFor({ state: 'detached', timeout: 3000 });
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (attempt >= 3) throw err;
    }
  }
}

module.exports = { contextMenu };
