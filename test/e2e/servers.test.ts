// Foundation e2e: the packaged extension's activity-bar entry, its Servers view and its walkthrough.
import * as assert from 'node:assert';
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

  it('opens the walkthrough from the command palette', async () => {
    await wb().runCommand('MCP Workbench: Open Walkthrough');
    await waitForText(wb().page, 'Get started with MCP Workbench');
    await waitForText(wb().page, 'See your servers');
    await wb().step('walkthrough');
  });
});
