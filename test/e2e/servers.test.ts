// Foundation e2e: the packaged extension's activity-bar entry, its Servers view and its walkthrough.
import * as assert from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { useWorkbench, waitForText } from './harness';

describe('Servers view (packaged VSIX in code-server)', function () {
  const wb = useWorkbench('servers-view');

  it('shows the MCP Workbench icon in the activity bar', async () => {
    const { page } = wb();
    await page.locator('.part.activitybar [aria-label^="MCP Workbench"]').first().waitFor({ state: 'visible' });
    await wb().step('workbench-loaded');
  });

  it('lists the demo workspace servers when the icon is clicked', async () => {
    await wb().openView('MCP Workbench');
    const row = wb().treeItem('demo');
    await row.waitFor({ state: 'visible' });
    const text = await row.innerText();
    assert.match(text, /stdio/);
    assert.match(text, /server\.mjs/);
    await wb().step('servers-view');
  });

  it('opens the config file at the entry when a server is clicked', async () => {
    await wb().treeItem('demo').click();
    const tab = wb().page.locator('.tabs-container .tab.active', { hasText: 'mcp.json' });
    await tab.waitFor({ state: 'visible' });
    await waitForText(wb().page, '"demo"');
    await wb().step('reveal-in-config');
  });

  it('shows a config file that does not parse as an error row', async () => {
    writeFileSync(path.join(wb().workspace, '.mcp.json'), '{ "mcpServers": { "oops": { "command": "node", } ');
    const row = wb().page.locator('.part.sidebar .monaco-list-row', { hasText: 'Cannot parse' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await row.innerText(), /Cannot parse: line 1, column \d+/);
    await wb().step('broken-config');
  });

  it('opens the walkthrough from the command palette', async () => {
    await wb().runCommand('MCP Workbench: Open Walkthrough');
    await waitForText(wb().page, 'Get started with MCP Workbench');
    await waitForText(wb().page, 'See your servers');
    await wb().step('walkthrough');
  });
});
