// The inspector panel as a test sees it: finding its webview frame, its tabs, tools and results, and opening it
// on a typed command line. Shared by the inspector specs.
import type { Frame, Page } from 'playwright-core';
import type { Workbench } from './harness';

/** The webview frame of the inspector panel whose header mentions `title` (several panels may be open). */
export async function inspectorFrame(page: Page, title: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const header = await f.$('.inspector-header').catch(() => null);
      if (header && (await header.innerText().catch(() => '')).includes(title)) return f;
    }
    if (Date.now() > deadline) throw new Error(`no inspector panel mentions "${title}" after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

export async function connected(f: Frame): Promise<void> {
  await f.locator('.status-connected').waitFor({ state: 'visible', timeout: 60_000 });
}

export async function openTab(f: Frame, name: string): Promise<void> {
  await f.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

export async function selectTool(f: Frame, title: string): Promise<void> {
  await openTab(f, 'Tools');
  await f.getByRole('option', { name: new RegExp(title) }).click();
}

export async function callAndWaitForResult(f: Frame): Promise<string> {
  await f.getByRole('button', { name: 'Call tool' }).click();
  const result = f.locator('section[aria-label="Tool result"], section[aria-label="Call failed"]').first();
  await result.waitFor({ state: 'visible', timeout: 30_000 });
  return result.innerText();
}

/** Runs "Inspect Server..." and types a command line in the input box it offers. */
export async function inspectTypedCommand(wb: Workbench, commandLine: string): Promise<void> {
  // The palette lists the extension's commands once its contributions are loaded (the activity-bar icon shows).
  await wb.page.locator('.part.activitybar [aria-label^="MCP Workbench"]').first().waitFor({ state: 'visible' });
  await wb.runCommand('MCP Workbench: Inspect Server...');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter a command or URL' }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  // The input box replaces the picker in the same widget: wait for its prompt, so the text is not typed into the
  // picker on its way out.
  await wb.page.locator('.quick-input-widget', { hasText: 'A command that starts a stdio server' }).waitFor({ state: 'visible' });
  const input = wb.page.locator('.quick-input-widget input');
  await input.fill(commandLine);
  for (let i = 0; (await input.inputValue()) !== commandLine; i++) {
    if (i >= 20) throw new Error(`the input box did not keep the typed command line: ${commandLine}`);
    await wb.page.waitForTimeout(100);
    await input.fill(commandLine);
  }
  await input.press('Enter');
}

/** Polls a condition of the test's own state (console lines and the like). */
export async function waitFor(pred: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
